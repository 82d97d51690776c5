package org.dab4j.models.classifier;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The classifier's network. */
public enum Architecture {
    /** pixels → 512 → 512 → classes, the activation after each hidden layer. */
    MLP,
    /**
     * Two blocks of 3x3 convolution (padding 1, 16 then 32 channels), activation and 2x2 max pooling, then one
     * hidden dense layer of 128 with the activation, then the classes.
     */
    CNN;

    public static final List<String> NAMES = Arrays.stream(values()).map(Architecture::cliName).toList();

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Architecture parse(String name) {
        for (Architecture a : values()) {
            if (a.cliName().equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown model '" + name + "'; expected one of " + String.join(", ", NAMES));
    }
}
