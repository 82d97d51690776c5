package org.dab4j.nn;

import org.dab4j.autograd.Ops;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Tensor;
import org.dab4j.tensor.TensorScope;
import org.dab4j.tensor.UnaryOp;

/**
 * A dense layer {@code activation(x W + b)}: the weight is stored {@code [in, out]} (so no transpose is
 * needed), the bias {@code [out]} starts at zero, and bias and activation run as one fused
 * {@link Backend#biasActivation} kernel. Inputs are {@code [..., in]}, outputs {@code [..., out]}.
 */
public final class Linear extends Module {
    private final Tensor weight;
    private final Tensor bias;
    private final UnaryOp activation;

    /** A layer without activation. */
    public Linear(Backend backend, int in, int out, Init init, long seed) {
        this(backend, in, out, init, seed, null);
    }

    /**
     * A layer with a fused activation: null (identity), TANH, SIGMOID or RELU. The parameters are created
     * outside any open scope, so they outlive it.
     */
    public Linear(Backend backend, int in, int out, Init init, long seed, UnaryOp activation) {
        Ops.requireFusableActivation("Linear", activation);
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Linear needs positive sizes, got in = " + in + ", out = " + out);
        }
        this.activation = activation;
        this.weight = parameter("weight", TensorScope.outside(() -> init.sample(backend, Shape.of(in, out), in, out, seed)));
        this.bias = parameter("bias", TensorScope.outside(() -> Tensor.zeros(backend, Shape.of(out))));
    }

    @Override
    public Tensor forward(Tensor x) {
        return Ops.linear(x, weight, bias, activation);
    }

    /** The weight, {@code [in, out]}. */
    public Tensor weight() {
        return weight;
    }

    /** The bias, {@code [out]}. */
    public Tensor bias() {
        return bias;
    }

    /** The fused activation, null for none. */
    public UnaryOp activation() {
        return activation;
    }
}
