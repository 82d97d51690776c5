package org.dab4j.models.autoencoder;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The discrete bottleneck of an autoencoder. */
public enum CodeType {
    /** Groups of categories, each group one-hot at its largest logit. */
    ONEHOT,
    /** The sign of each unit: -1 or 1. */
    BINARY,
    /** Signum with margin 0.5 of each unit: -1, 0 or 1. */
    TERNARY,
    /** A k-hot mask: which k units are the largest. */
    TOPK,
    /** Groups of values, each replaced by the nearest codeword of a learned codebook. */
    KMEANS;

    /** The command-line names, in declaration order. */
    public static final List<String> NAMES = Arrays.stream(values()).map(CodeType::cliName).toList();

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CodeType parse(String name) {
        for (CodeType c : values()) {
            if (c.cliName().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown code '" + name + "'; expected one of " + String.join(", ", NAMES));
    }
}
