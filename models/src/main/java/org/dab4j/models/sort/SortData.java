package org.dab4j.models.sort;

import org.dab4j.tensor.CounterRandom;

import java.util.Arrays;

/**
 * Sequences to sort, drawn from U(0, 1) with {@link CounterRandom}, so that a seed gives the same data on
 * every backend and machine. Training batches and the held-out test set come from disjoint stretches of one
 * counter stream (the counter maps one-to-one onto generator states), so they never share a number, and
 * training batch {@code step} is the same whatever steps came before it.
 */
public final class SortData {
    private static final long STREAM_LENGTH = 1L << 56;
    private static final long TEST_STREAM = 1L << 56;
    private static final long TRAINING_STREAM = 2L << 56;

    private final int length;
    private final long seed;

    /**
     * A batch of sequences as host arrays ready to upload.
     *
     * @param inputs  {@code [size, length]} values in [0, 1)
     * @param targets {@code [size, length]}: {@code targets[r, i]} is the index in row r of its i-th smallest
     *                value (ties in index order), as floats
     */
    public record Batch(int size, int length, float[] inputs, float[] targets) {
    }

    public SortData(int length, long seed) {
        if (length < 2) {
            throw new IllegalArgumentException("sequence length must be at least 2, got " + length);
        }
        this.length = length;
        this.seed = seed;
    }

    public int length() {
        return length;
    }

    /** The training batch of 1-based {@code step}. */
    public Batch trainingBatch(int step, int batchSize) {
        if (step < 1) {
            throw new IllegalArgumentException("training steps count from 1, got " + step);
        }
        requirePositiveSize(batchSize);
        long values = (long) batchSize * length;
        if (step - 1L > (STREAM_LENGTH - values) / values) {
            throw new IllegalArgumentException("step " + step + " with batches of " + batchSize
                    + " sequences runs past the training stream of 2^56 numbers");
        }
        return draw(TRAINING_STREAM + (step - 1L) * values, batchSize);
    }

    /** The fixed held-out set of {@code size} sequences; a larger set extends a smaller one. */
    public Batch testSet(int size) {
        requirePositiveSize(size);
        return draw(TEST_STREAM, size);
    }

    private Batch draw(long counter, int rows) {
        long values = (long) rows * length;
        if (values > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(rows + " sequences of length " + length
                    + " do not fit in one array (more than 2^31-1 values)");
        }
        int count = (int) values;
        float[] inputs = new float[count];
        for (int i = 0; i < count; i++) {
            inputs[i] = CounterRandom.uniform(seed, counter + i);
        }
        return new Batch(rows, length, inputs, argsortRows(inputs, rows, length));
    }

    /**
     * The stable ascending order of each row of non-negative values. Each element becomes one long, its
     * float bits (ordered like the values, as none is negative) above its index, so one primitive sort
     * orders by value and breaks ties by index.
     */
    static float[] argsortRows(float[] values, int rows, int length) {
        float[] order = new float[values.length];
        long[] keys = new long[length];
        for (int r = 0; r < rows; r++) {
            int base = r * length;
            for (int i = 0; i < length; i++) {
                float v = values[base + i];
                if (!(v >= 0)) {
                    throw new IllegalArgumentException("argsortRows takes non-negative values, got " + v);
                }
                // Adding +0 turns -0 into +0, whose bits would otherwise sort below every positive value's.
                keys[i] = (long) Float.floatToIntBits(v + 0f) << 32 | i;
            }
            Arrays.sort(keys);
            for (int i = 0; i < length; i++) {
                order[base + i] = (int) keys[i];
            }
        }
        return order;
    }

    private static void requirePositiveSize(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("a batch needs at least one sequence, got " + size);
        }
    }
}
