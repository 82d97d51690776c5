package org.dab4j.models.data;

/**
 * Training batches epoch by epoch: each epoch a fresh {@link Shuffle} permutation of the training rows, cut into
 * full batches (the rows left over at an epoch's end sit that epoch out).
 */
public final class EpochBatches {
    private final int count;
    private final int batch;
    private final long seed;
    private final int stepsPerEpoch;
    private int[] order;
    private int orderEpoch = -1;

    /** Batches of {@code batch} of {@code count} rows, their order a pure function of {@code seed}. */
    public EpochBatches(int count, int batch, long seed) {
        if (batch <= 0) {
            throw new IllegalArgumentException("the batch must be positive, got " + batch);
        }
        if (count < batch) {
            throw new IllegalArgumentException("the batch of " + batch + " images is larger than the "
                    + count + " training images");
        }
        this.count = count;
        this.batch = batch;
        this.seed = seed;
        this.stepsPerEpoch = stepsPerEpoch(count, batch);
    }

    /** Full batches per pass over {@code count} rows. */
    public static int stepsPerEpoch(int count, int batch) {
        return count / batch;
    }

    /** The rows of training batch {@code step}: slice {@code (step-1) mod stepsPerEpoch} of its epoch's permutation. */
    public int[] rows(int step) {
        int epoch = (step - 1) / stepsPerEpoch;
        if (epoch != orderEpoch) {
            order = Shuffle.permutation(count, seed, epoch);
            orderEpoch = epoch;
        }
        int start = ((step - 1) % stepsPerEpoch) * batch;
        int[] rows = new int[batch];
        System.arraycopy(order, start, rows, 0, rows.length);
        return rows;
    }
}
