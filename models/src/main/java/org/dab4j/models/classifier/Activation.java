package org.dab4j.models.classifier;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.dab4j.bridge.HardFunction;
import org.dab4j.bridge.Round;
import org.dab4j.bridge.SignumWithMargin;
import org.dab4j.bridge.Sort;
import org.dab4j.bridge.TopK;

/** The hidden activation of a classifier: one of four hard functions, or a differentiable reference. */
public enum Activation {
    /** The paper's sort non-linearity: the features of a row sorted ascending. */
    SORT,
    /** Signum with margin 0.5: -1, 0 or 1. */
    SIGNUM,
    /** The larger half of a row's features kept, the rest zeroed. */
    TOPK,
    /** Each feature rounded to the nearest integer. */
    ROUND,
    /** Differentiable reference. */
    TANH,
    /** Differentiable reference. */
    RELU;

    public static final List<String> NAMES = Arrays.stream(values()).map(Activation::cliName).toList();

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Activation parse(String name) {
        for (Activation a : values()) {
            if (a.cliName().equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "'; expected one of " + String.join(", ", NAMES));
    }

    /** Whether this is a hard function that needs an estimator. */
    public boolean isHard() {
        return this != TANH && this != RELU;
    }

    /** The hard function over rows of {@code width} features; fails for a differentiable activation. */
    public HardFunction hardFunction(int width) {
        return switch (this) {
            case SORT -> new Sort();
            case SIGNUM -> new SignumWithMargin();
            case TOPK -> new TopK(Math.max(1, width / 2));
            case ROUND -> new Round();
            case TANH, RELU -> throw new IllegalStateException(cliName() + " is differentiable, not a hard function");
        };
    }
}
