package org.dab4j.bridge;

import org.dab4j.tensor.Tensor;

/** Each element rounded to the nearest integer, ties to even. */
public record Round() implements HardFunction {
    @Override
    public Tensor apply(Tensor x) {
        return x.round();
    }
}
