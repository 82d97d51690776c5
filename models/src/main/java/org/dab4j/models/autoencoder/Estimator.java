package org.dab4j.models.autoencoder;

import java.util.Arrays;
import java.util.List;

/** How the gradient crosses the bottleneck. */
public enum Estimator {
    /** DAB: the hard code forward, the gradient through a dense approximator's Jacobian. */
    DAB("dab"),
    /** Straight-through: the hard code forward, the gradient passed unchanged. */
    STE("ste"),
    /** Gumbel-Softmax, the relaxed sample forward in training (categorical codes only). */
    GUMBEL("gumbel"),
    /** Straight-through Gumbel-Softmax: the one-hot sample forward, the relaxed sample's gradient back. */
    GUMBEL_ST("gumbel-st");

    public static final List<String> NAMES = Arrays.stream(values()).map(Estimator::cliName).toList();

    private final String cliName;

    Estimator(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public boolean isGumbel() {
        return this == GUMBEL || this == GUMBEL_ST;
    }

    public static Estimator parse(String name) {
        for (Estimator e : values()) {
            if (e.cliName.equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown estimator '" + name + "'; expected one of " + String.join(", ", NAMES));
    }
}
