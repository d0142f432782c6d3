/**
 * The service-provider interface of the contrastive-learning toolkit: the only package a plugin
 * compiles against (with DJL's {@code api} and PF4J, all in {@code provided} scope).
 *
 * <p>A plugin contributes {@link dev.contrastive.api.ContrastiveObjective}s (base objectives such
 * as MoCo, or add-ons such as the CLSA distributional divergence that wrap any base) and
 * {@link dev.contrastive.api.AugmentationPolicy}s (named image transforms). The runtime builds a
 * run's objective chain from a name such as {@code moco+clsa}, feeds it batches of the views it
 * asks for, and owns the optimiser, schedules, checkpoints and evaluation.
 */
package dev.contrastive.api;
