package org.dab4j.models.train;

import java.util.Map;

/** Receives a run's progress as {@link Trainer} makes it. */
public interface ProgressReporter {
    /**
     * After every training step.
     *
     * @param step           the 1-based step just taken
     * @param totalSteps     the steps in the whole run
     * @param elapsedSeconds wall time since training started
     * @param running        each training metric averaged over the steps since the last logged row
     */
    void stepped(int step, int totalSteps, double elapsedSeconds, Map<String, Double> running);

    /** After an evaluation at {@code step}. */
    void evaluated(int step, int totalSteps, Map<String, Double> metrics);

    /** Once, after the last step and its evaluation. */
    void finished(TrainingRun run);

    /** Reports nothing. */
    static ProgressReporter silent() {
        return new ProgressReporter() {
            @Override
            public void stepped(int step, int totalSteps, double elapsedSeconds, Map<String, Double> running) {
            }

            @Override
            public void evaluated(int step, int totalSteps, Map<String, Double> metrics) {
            }

            @Override
            public void finished(TrainingRun run) {
            }
        };
    }
}
