package org.dab4j.models.train;

/** The checks the experiments' configuration records share, each naming the setting and the bad value. */
public final class ConfigChecks {
    private ConfigChecks() {
    }

    public static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    /** The optimiser's learning rate: positive and finite. */
    public static void requireLearningRate(double lr) {
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("lr must be positive and finite, got " + lr);
        }
    }

    /** The weight of the DAB loss: non-negative and finite. */
    public static void requireDabWeight(double gamma) {
        if (!(gamma >= 0) || !Double.isFinite(gamma)) {
            throw new IllegalArgumentException("gamma must be non-negative and finite, got " + gamma);
        }
    }

    /** An annealed relaxation temperature: {@code 0 < tauMin <= tauStart}, both finite. */
    public static void requireTemperatures(double tauStart, double tauMin) {
        if (!(tauMin > 0) || !(tauStart >= tauMin) || Double.isInfinite(tauStart)) {
            throw new IllegalArgumentException("temperatures need 0 < tau-min <= tau-start, got tau-start "
                    + tauStart + ", tau-min " + tauMin);
        }
    }
}
