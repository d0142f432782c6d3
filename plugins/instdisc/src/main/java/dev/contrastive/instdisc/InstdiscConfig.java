package dev.contrastive.instdisc;

/**
 * The {@code instdisc:} section of a run file; defaults are the paper's.
 *
 * @param negatives bank entries drawn per step as every sample's negatives (4096); 0: every entry,
 *     the full non-parametric softmax over the bank (the authors' {@code --nce-k 0})
 * @param temperature τ of the non-parametric softmax (0.07)
 * @param bankMomentum the weight an entry keeps when its image's new embedding is written:
 *     {@code v ← normalize(m · v + (1 − m) · f)} (0.5)
 */
public record InstdiscConfig(Integer negatives, Double temperature, Double bankMomentum) {

    /** The most negatives a step may draw. */
    static final int MAX_NEGATIVES = 262_144;

    /** Fills defaults and rejects values outside their ranges. */
    public InstdiscConfig {
        negatives = negatives == null ? 4096 : negatives;
        temperature = temperature == null ? 0.07 : temperature;
        bankMomentum = bankMomentum == null ? 0.5 : bankMomentum;
        if (negatives < 0 || negatives > MAX_NEGATIVES) {
            throw new IllegalArgumentException("negatives must be in 0.." + MAX_NEGATIVES
                    + " (0: the whole bank), got " + negatives);
        }
        if (!(temperature > 0 && temperature <= 10)) {
            throw new IllegalArgumentException("temperature must be > 0 and at most 10, got " + temperature);
        }
        if (!(bankMomentum >= 0 && bankMomentum <= 1)) {
            throw new IllegalArgumentException("bank_momentum must be in [0, 1], got " + bankMomentum);
        }
    }

    /** Whether every entry of the bank is a candidate rather than drawn ones. */
    boolean wholeBank() {
        return negatives == 0;
    }
}
