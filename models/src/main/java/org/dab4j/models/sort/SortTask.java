package org.dab4j.models.sort;

import org.dab4j.models.train.TrainingTask;
import org.dab4j.tensor.Backend;

/** The sorting experiment as a {@link TrainingTask}. */
public final class SortTask {
    private SortTask() {
    }

    /** Builds the model, data and optimiser for {@code config} on {@code backend}. */
    public static TrainingTask create(Backend backend, SortConfig config) {
        throw new UnsupportedOperationException("sort model not yet merged");
    }
}
