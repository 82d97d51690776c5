package org.dab4j.models.vae;

import java.util.Arrays;
import java.util.List;

/** How the gradient reaches the encoder through the Bernoulli latents. */
public enum VaeEstimator {
    /** DAB: the sample forward, the gradient through an elementwise approximator of the step of the perturbed logits. */
    DAB("dab"),
    /** Binary concrete, the relaxed sample forward in training. */
    GUMBEL("gumbel"),
    /** Straight-through binary concrete: the sample forward, the relaxed sample's gradient back. */
    GUMBEL_ST("gumbel-st"),
    /** Straight-through: the sample forward, the gradient of its mean back. */
    STE("ste"),
    /** The score function with a moving-average baseline. */
    REINFORCE("reinforce");

    public static final List<String> NAMES = Arrays.stream(values()).map(VaeEstimator::cliName).toList();

    private final String cliName;

    VaeEstimator(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public boolean isConcrete() {
        return this == GUMBEL || this == GUMBEL_ST;
    }

    public static VaeEstimator parse(String name) {
        for (VaeEstimator e : values()) {
            if (e.cliName.equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown estimator '" + name + "'; expected one of " + String.join(", ", NAMES));
    }
}
