package org.dab4j.models.autoencoder;

import org.dab4j.bridge.HardFunction;
import org.dab4j.bridge.TopK;
import org.dab4j.tensor.Tensor;

/**
 * 1 at the k largest elements of each row (last axis), 0 elsewhere: a k-hot code, whose capacity is
 * {@code log2(n choose k)} bits. Ties go to the later index, as in {@link TopK}.
 */
public record TopKMask(int k) implements HardFunction {
    public TopKMask {
        if (k < 1) {
            throw new IllegalArgumentException("TopKMask: k must be at least 1, got " + k);
        }
    }

    @Override
    public Tensor apply(Tensor x) {
        int[] dims = x.shape().toArray();
        int[] keep = dims.clone();
        keep[keep.length - 1] = 1;
        // Shifted to at least 1, every kept value is non-zero, so the survivors of TopK mark the mask exactly.
        Tensor rowMin = x.neg().max(-1).neg().reshape(keep);
        return new TopK(k).apply(x.sub(rowMin).add(1f)).gt(0f);
    }
}
