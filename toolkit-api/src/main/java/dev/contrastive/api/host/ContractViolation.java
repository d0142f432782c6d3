package dev.contrastive.api.host;

/**
 * An extension broke the SPI's contract — returned no run, no transform, no image, or an image
 * of the wrong size — detected where its result crosses into the host. It names the class at
 * fault, so the host can name the plugin that ships it rather than fail later with a
 * {@link NullPointerException} in its own code.
 *
 * @since 0.3.0
 */
public final class ContractViolation extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Class<?> culprit;

    /**
     * @param culprit the extension's class (an objective, a run, a policy)
     * @param message what it returned and what the SPI expects, without the plugin's name
     */
    public ContractViolation(Class<?> culprit, String message) {
        super(message);
        this.culprit = culprit;
    }

    /** The class of the extension that broke the contract. */
    public Class<?> culprit() {
        return culprit;
    }
}
