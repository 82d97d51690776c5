package org.dab4j.models.sort;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.dab4j.models.train.ConfigChecks.requireDabWeight;
import static org.dab4j.models.train.ConfigChecks.requireLearningRate;
import static org.dab4j.models.train.ConfigChecks.requirePositive;

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
        requireLearningRate(lr);
        requireDabWeight(gamma);
    }
}
