package org.dab4j.bridge;

import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Tensor;

/**
 * Categorical codes: the last axis is split into {@code groups} equal groups (e.g. 300 logits as 30 groups
 * of 10 categories) and each group becomes the one-hot vector of its first maximum. The output has the
 * input's shape.
 */
public record OneHotArgmax(int groups) implements HardFunction {
    public OneHotArgmax {
        if (groups < 1) {
            throw new IllegalArgumentException("OneHotArgmax: groups must be at least 1, got " + groups);
        }
    }

    @Override
    public Tensor apply(Tensor x) {
        int categories = categories(x.shape());
        int rows = x.size() / (groups * categories);
        Tensor winners = x.reshape(rows, groups, categories).argmax(2).reshape(rows, groups, 1);
        return winners.eq(range(x, categories)).reshape(x.shape().toArray());
    }

    /** The categories per group for input of {@code shape}: its last dimension over the groups. */
    public int categories(Shape shape) {
        int width = shape.rank() == 0 ? 1 : shape.dim(-1);
        if (width % groups != 0) {
            throw new IllegalArgumentException("OneHotArgmax: the last dimension of " + shape
                    + " does not split into " + groups + " equal groups");
        }
        return width / groups;
    }

    /** {@code [0, 1, ..., n-1]} on x's backend. */
    static Tensor range(Tensor x, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        return Tensor.of(x.backend(), values, n);
    }
}
