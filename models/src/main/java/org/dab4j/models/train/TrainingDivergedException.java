package org.dab4j.models.train;

/** A training metric became NaN or infinite, so the run cannot continue meaningfully. */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int step;
    private final String metric;

    public TrainingDivergedException(int step, String metric, double value) {
        super("training diverged at step " + step + ": " + metric + " is " + value);
        this.step = step;
        this.metric = metric;
    }

    public int step() {
        return step;
    }

    public String metric() {
        return metric;
    }
}
