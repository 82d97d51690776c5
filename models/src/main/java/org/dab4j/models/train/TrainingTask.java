package org.dab4j.models.train;

import java.util.Map;

/**
 * One experiment's model, data and optimiser, driven step by step by {@link Trainer}. Metric maps keep a
 * stable key order (a {@link java.util.LinkedHashMap} or {@link Map#of} with one entry are fine): that order
 * becomes the column order of {@code metrics.csv} and the order in progress lines.
 */
public interface TrainingTask extends AutoCloseable {
    /**
     * One optimisation step on a fresh batch ({@code step} is 1-based); returns named scalar metrics in a
     * stable order, e.g. {@code loss}, {@code dab_loss}, {@code train_accuracy}.
     */
    Map<String, Double> step(int step);

    /** Evaluation on the fixed held-out set; named metrics, e.g. {@code test_all_or_none_accuracy}. */
    Map<String, Double> evaluate();

    /** The number of samples in each training batch, for samples/s. */
    int batchSize();

    @Override
    void close();
}
