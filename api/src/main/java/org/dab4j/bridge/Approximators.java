package org.dab4j.bridge;

import org.dab4j.nn.Init;
import org.dab4j.nn.Linear;
import org.dab4j.nn.Module;
import org.dab4j.nn.Sequential;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Tensor;
import org.dab4j.tensor.UnaryOp;

import java.util.ArrayList;
import java.util.List;

/** Approximator networks g for a {@link DabBridge}. */
public final class Approximators {
    private Approximators() {
    }

    /**
     * A dense MLP through the given widths, tanh between layers and a linear output:
     * {@code dense(b, seed, 256, 128, 128, 256)} is 256 → 128 → 128 → 256.
     */
    public static Module dense(Backend backend, long seed, int... widths) {
        if (widths.length < 2) {
            throw new IllegalArgumentException("an approximator needs at least an input and an output width, got "
                    + widths.length + " widths");
        }
        List<Module> layers = new ArrayList<>();
        for (int i = 0; i + 1 < widths.length; i++) {
            boolean hidden = i + 2 < widths.length;
            layers.add(new Linear(backend, widths[i], widths[i + 1], Init.XAVIER_UNIFORM, seed + i,
                    hidden ? UnaryOp.TANH : null));
        }
        return new Sequential(layers.toArray(Module[]::new));
    }

    /**
     * One small MLP 1 → hidden... → 1 shared by every scalar of the input: it approximates an
     * elementwise hard function (sign, round, signum with margin) with few weights, for any input width.
     */
    public static Module elementwiseShared(Backend backend, long seed, int... hidden) {
        int[] widths = new int[hidden.length + 2];
        widths[0] = 1;
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = 1;
        return new ElementwiseShared(dense(backend, seed, widths));
    }

    /** Applies a 1 → 1 network to every element by viewing the input as a column. */
    private static final class ElementwiseShared extends Module {
        private final Module scalarNet;

        ElementwiseShared(Module scalarNet) {
            this.scalarNet = register("net", scalarNet);
        }

        @Override
        public Tensor forward(Tensor x) {
            return scalarNet.forward(x.reshape(x.size(), 1)).reshape(x.shape().toArray());
        }
    }
}
