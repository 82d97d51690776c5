package org.dab4j.models.metrics;

/**
 * Accuracy of predicted index sequences against target sequences, accumulated over batches: the
 * all-or-none accuracy counts a sequence only when every position is right, the per-position accuracy
 * counts positions. Predictions and targets are class indices stored as floats, {@code [batch, length]}
 * row-major, as a backend's argmax or argsort downloads them.
 */
public final class SequenceAccuracy {
    private final int length;
    private long sequences;
    private long correctSequences;
    private long correctPositions;

    public SequenceAccuracy(int length) {
        if (length <= 0) {
            throw new IllegalArgumentException("sequence length must be positive, got " + length);
        }
        this.length = length;
    }

    /** The accuracies of a single batch. */
    public static SequenceAccuracy of(float[] predicted, float[] targets, int length) {
        return new SequenceAccuracy(length).add(predicted, targets);
    }

    /**
     * Adds a batch.
     *
     * @throws IllegalArgumentException when the arrays differ in length or are not whole sequences
     */
    public SequenceAccuracy add(float[] predicted, float[] targets) {
        if (predicted.length != targets.length) {
            throw new IllegalArgumentException("predictions have " + predicted.length + " values but targets have "
                    + targets.length);
        }
        if (targets.length % length != 0) {
            throw new IllegalArgumentException(targets.length + " values are not whole sequences of length " + length);
        }
        for (int start = 0; start < targets.length; start += length) {
            int right = 0;
            for (int i = start; i < start + length; i++) {
                if (predicted[i] == targets[i]) {
                    right++;
                }
            }
            correctPositions += right;
            if (right == length) {
                correctSequences++;
            }
        }
        sequences += targets.length / length;
        return this;
    }

    /** The fraction of sequences predicted right at every position. */
    public double allOrNone() {
        requireSequences();
        return (double) correctSequences / sequences;
    }

    /** The fraction of positions predicted right. */
    public double perPosition() {
        requireSequences();
        return (double) correctPositions / (sequences * length);
    }

    public long sequences() {
        return sequences;
    }

    private void requireSequences() {
        if (sequences == 0) {
            throw new IllegalStateException("no sequences have been added");
        }
    }
}
