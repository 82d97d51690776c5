package org.dab4j.optim;

import java.util.List;

import org.dab4j.tensor.Tensor;
import org.dab4j.tensor.TensorScope;

/** Helpers shared by the optimizers: argument checks, gradient resets and per-parameter state outside any scope. */
final class OptimizerState {
    private OptimizerState() {
    }

    /** A zero buffer shaped like each parameter, allocated outside any open scope so it survives training steps. */
    static Tensor[] zerosLike(List<Tensor> params) {
        return TensorScope.outside(() -> {
            Tensor[] state = new Tensor[params.size()];
            for (int i = 0; i < state.length; i++) {
                state[i] = Tensor.zeros(params.get(i).backend(), params.get(i).shape());
            }
            return state;
        });
    }

    static void zeroGrad(List<Tensor> params) {
        for (Tensor p : params) {
            p.zeroGrad();
        }
    }

    static List<Tensor> requireParameters(String optimizer, List<Tensor> params) {
        List<Tensor> copy = List.copyOf(params);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException(optimizer + " got an empty parameter list");
        }
        return copy;
    }

    static void require(boolean condition, String optimizer, String what, float value) {
        if (!condition) {
            throw new IllegalArgumentException(optimizer + ": " + what + ", got " + value);
        }
    }
}
