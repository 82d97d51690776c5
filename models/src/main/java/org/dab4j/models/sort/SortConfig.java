package org.dab4j.models.sort;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The settings of one sorting run.
 *
 * @param length    elements per sequence, at least 2
 * @param estimator how gradients cross the signum layer: one of {@link #ESTIMATORS}
 * @param steps     optimisation steps
 * @param batch     sequences per training batch
 * @param lr        the optimiser's learning rate
 * @param gamma     the weight of the DAB loss against the task loss
 * @param seed      seeds the data and the weight initialisation
 * @param testSize  sequences in the fixed held-out set
 */
public record SortConfig(int length, String estimator, int steps, int batch, double lr, double gamma, long seed,
                         int testSize) {
    /** The names of {@link SortModel.Estimator}: dab, ste, none. */
    public static final List<String> ESTIMATORS = Arrays.stream(SortModel.Estimator.values())
            .map(e -> e.name().toLowerCase(Locale.ROOT)).toList();

    public SortConfig {
        if (length < 2) {
            throw new IllegalArgumentException("length must be at least 2, got " + length);
        }
        if (!ESTIMATORS.contains(estimator)) {
            throw new IllegalArgumentException("estimator must be one of " + ESTIMATORS + ", got '" + estimator + "'");
        }
        requirePositive("steps", steps);
        requirePositive("batch", batch);
        requirePositive("testSize", testSize);
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("lr must be positive and finite, got " + lr);
        }
        if (!(gamma >= 0) || !Double.isFinite(gamma)) {
            throw new IllegalArgumentException("gamma must be non-negative and finite, got " + gamma);
        }
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
