package org.dab4j.models.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One logged point of a run: the training metrics averaged over the steps since the previous row, and the
 * evaluation metrics when this step was evaluated (else empty).
 *
 * @param step           the 1-based step this row ends at
 * @param elapsedSeconds wall time since training started, evaluations included
 * @param training       mean of each training metric over the steps this row covers, in the task's order
 * @param evaluation     the held-out metrics at this step, or empty
 */
public record MetricsRow(int step, double elapsedSeconds, Map<String, Double> training,
                         Map<String, Double> evaluation) {
    public MetricsRow {
        training = Collections.unmodifiableMap(new LinkedHashMap<>(training));
        evaluation = Collections.unmodifiableMap(new LinkedHashMap<>(evaluation));
    }

    public boolean isEvaluated() {
        return !evaluation.isEmpty();
    }
}
