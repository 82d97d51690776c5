package org.dab4j.bridge;

import org.dab4j.tensor.Tensor;

/** The sign of each element: -1, 0 (for zero) or 1. */
public record Sign() implements HardFunction {
    @Override
    public Tensor apply(Tensor x) {
        return x.sign();
    }
}
