package org.dab4j.bridge;

import org.dab4j.tensor.Tensor;

/** Each row (last axis) sorted ascending: the paper's sort non-linearity. */
public record Sort() implements HardFunction {
    @Override
    public Tensor apply(Tensor x) {
        return x.sort();
    }
}
