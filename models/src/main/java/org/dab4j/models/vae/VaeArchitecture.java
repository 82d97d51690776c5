package org.dab4j.models.vae;

import java.util.Arrays;
import java.util.List;

/** The two VAEs of the REBAR/RELAX binarized-image benchmark, both with one layer of Bernoulli latents. */
public enum VaeArchitecture {
    /** Linear maps: pixels to latent logits, latents to pixel logits. */
    LINEAR("linear"),
    /** Two deterministic tanh layers on each side of the latents. */
    NONLINEAR("nonlinear");

    public static final List<String> NAMES = Arrays.stream(values()).map(VaeArchitecture::cliName).toList();

    private final String cliName;

    VaeArchitecture(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static VaeArchitecture parse(String name) {
        for (VaeArchitecture a : values()) {
            if (a.cliName.equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown model '" + name + "'; expected one of " + String.join(", ", NAMES));
    }
}
