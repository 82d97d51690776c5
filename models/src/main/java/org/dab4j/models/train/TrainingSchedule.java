package org.dab4j.models.train;

/**
 * How long to train and how often to look: a metrics row every {@code logEvery} steps, an evaluation every
 * {@code evalEvery} steps, and both always at the last step.
 */
public record TrainingSchedule(int steps, int logEvery, int evalEvery) {
    /** Rows in {@code metrics.csv} when the log interval is chosen automatically. */
    static final int AUTOMATIC_LOG_ROWS = 200;
    /** Evaluations during a run when the evaluation interval is chosen automatically (the last included). */
    static final int AUTOMATIC_EVALUATIONS = 5;

    public TrainingSchedule {
        requirePositive("steps", steps);
        requirePositive("logEvery", logEvery);
        requirePositive("evalEvery", evalEvery);
    }

    /**
     * A schedule where a null interval is chosen from {@code steps}: about {@value #AUTOMATIC_LOG_ROWS}
     * logged rows and {@value #AUTOMATIC_EVALUATIONS} evaluations.
     */
    public static TrainingSchedule of(int steps, Integer logEvery, Integer evalEvery) {
        requirePositive("steps", steps);
        return new TrainingSchedule(steps,
                logEvery != null ? logEvery : Math.max(1, steps / AUTOMATIC_LOG_ROWS),
                evalEvery != null ? evalEvery : Math.max(1, steps / AUTOMATIC_EVALUATIONS));
    }

    public boolean isEvaluationStep(int step) {
        return step % evalEvery == 0 || step == steps;
    }

    /** Evaluation steps are logged too, so that every evaluation has its row. */
    public boolean isLogStep(int step) {
        return step % logEvery == 0 || isEvaluationStep(step);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
