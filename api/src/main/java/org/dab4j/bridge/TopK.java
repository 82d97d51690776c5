package org.dab4j.bridge;

import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Storage;
import org.dab4j.tensor.Tensor;

/**
 * Keeps the {@code k} largest elements of each row (last axis) and zeroes the rest. Exactly k survive:
 * among equal values the stable ascending order decides, so the later index wins.
 */
public record TopK(int k) implements HardFunction {
    public TopK {
        if (k < 1) {
            throw new IllegalArgumentException("TopK: k must be at least 1, got " + k);
        }
    }

    @Override
    public Tensor apply(Tensor x) {
        Shape shape = x.shape();
        int length = shape.rank() == 0 ? 1 : shape.dim(-1);
        if (k > length) {
            throw new IllegalArgumentException("TopK: k = " + k + " exceeds the last dimension of shape " + shape);
        }
        int rows = shape.size() / length;
        Backend backend = x.backend();
        Tensor order = x.argsort();
        Tensor mask = Tensor.zeros(backend, shape);
        Storage column = backend.allocate(rows);
        Storage ones = backend.allocate(rows);
        try {
            backend.fill(ones, rows, 1f);
            // The last k positions of the ascending order are the k largest; mark each in the mask.
            for (int j = length - k; j < length; j++) {
                backend.fill(column, rows, j);
                Storage picked = backend.allocate(rows);
                try {
                    backend.gather(order.storage(), rows, length, 1, column, picked);
                    backend.scatterAdd(ones, picked, rows, length, 1, mask.storage());
                } finally {
                    backend.release(picked);
                }
            }
        } finally {
            backend.release(column);
            backend.release(ones);
        }
        return Tensor.where(mask, x, Tensor.zeros(backend, shape));
    }
}
