package org.dab4j.nn;

import org.dab4j.tensor.Tensor;

/** The elementwise {@code tanh} activation, without parameters. */
public final class Tanh extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.tanh();
    }
}
