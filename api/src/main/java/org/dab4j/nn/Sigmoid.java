package org.dab4j.nn;

import org.dab4j.tensor.Tensor;

/** The elementwise {@code sigmoid} activation, without parameters. */
public final class Sigmoid extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.sigmoid();
    }
}
