package org.dab4j.bridge;

import org.dab4j.autograd.Autograd;
import org.dab4j.tensor.Tensor;

/** Runs a hard function the way every bridge must: on detached input, without grad, checked. */
final class HardOutput {
    private HardOutput() {
    }

    static Tensor of(HardFunction hard, Tensor x) {
        Tensor out;
        try (var _ = Autograd.noGrad()) {
            out = hard.apply(x.detach());
        }
        if (out == null) {
            throw new IllegalStateException("hard function " + hard + " returned null");
        }
        if (out.backend() != x.backend()) {
            throw new IllegalStateException("hard function " + hard + " returned a tensor on backend "
                    + out.backend().name() + " for input on " + x.backend().name());
        }
        return out;
    }
}
