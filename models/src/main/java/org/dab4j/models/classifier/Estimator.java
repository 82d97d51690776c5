package org.dab4j.models.classifier;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How the gradient crosses a classifier's hard activations. */
public enum Estimator {
    /** DAB: the hard function forward, the gradient through a small approximator network's Jacobian. */
    DAB,
    /** Straight-through: the hard function forward, the gradient passed unchanged. */
    STE;

    public static final List<String> NAMES = Arrays.stream(values()).map(Estimator::cliName).toList();

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Estimator parse(String name) {
        for (Estimator e : values()) {
            if (e.cliName().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown estimator '" + name + "'; expected one of " + String.join(", ", NAMES));
    }
}
