package org.dab4j.models.train;

import org.dab4j.tensor.Backend;

/** Builds an experiment's {@link TrainingTask} on a backend from that experiment's configuration. */
@FunctionalInterface
public interface TrainingTaskFactory<C> {
    TrainingTask create(Backend backend, C config);
}
