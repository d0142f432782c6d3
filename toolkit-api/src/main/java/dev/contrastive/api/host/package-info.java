/**
 * What a host of objectives uses, not plugins: the runtime and the plugin test kit build a run's
 * objective chain with these, so that both compose bases and add-ons the same way. Plugins
 * compile against {@link dev.contrastive.api} alone.
 */
package dev.contrastive.api.host;
