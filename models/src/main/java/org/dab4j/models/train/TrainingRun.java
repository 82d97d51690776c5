package org.dab4j.models.train;

import java.util.List;
import java.util.Map;

/**
 * What a finished run measured.
 *
 * @param rows                  the logged rows, the last one at the final step and evaluated
 * @param trainSamplesPerSecond training samples per second of time spent inside {@link TrainingTask#step}
 * @param wallSeconds           the whole run, evaluations and reporting included
 */
public record TrainingRun(List<MetricsRow> rows, double trainSamplesPerSecond, double wallSeconds) {
    public TrainingRun {
        rows = List.copyOf(rows);
        if (rows.isEmpty() || !rows.getLast().isEvaluated()) {
            throw new IllegalArgumentException("a finished run ends with an evaluated row");
        }
    }

    /** The training metrics of the last logged row. */
    public Map<String, Double> finalTraining() {
        return rows.getLast().training();
    }

    /** The evaluation at the last step. */
    public Map<String, Double> finalEvaluation() {
        return rows.getLast().evaluation();
    }
}
