package org.dab4j.nn;

import org.dab4j.tensor.Tensor;

/** The elementwise {@code relu} activation, without parameters. */
public final class ReLU extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.relu();
    }
}
