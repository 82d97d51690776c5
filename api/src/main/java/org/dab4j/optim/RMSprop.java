package org.dab4j.optim;

import java.util.List;

import org.dab4j.tensor.Backend;
import org.dab4j.tensor.BinaryOp;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Storage;
import org.dab4j.tensor.Tensor;
import org.dab4j.tensor.UnaryOp;

/**
 * RMSprop (PyTorch semantics, no momentum, not centered): {@code v = alpha v + (1 - alpha) g^2},
 * {@code p -= lr g / (sqrt(v) + eps)}. The running averages live on the backend.
 */
public final class RMSprop implements Optimizer {
    private final List<Tensor> params;
    private final Tensor[] squareAverages;
    private final float alpha;
    private final float eps;
    private float learningRate;

    /** RMSprop with alpha 0.99 and eps 1e-8. */
    public RMSprop(List<Tensor> params, float learningRate) {
        this(params, learningRate, 0.99f, 1e-8f);
    }

    public RMSprop(List<Tensor> params, float learningRate, float alpha, float eps) {
        this.params = OptimizerState.requireParameters("RMSprop", params);
        OptimizerState.require(learningRate >= 0f, "RMSprop", "the learning rate must be >= 0", learningRate);
        OptimizerState.require(alpha >= 0f && alpha <= 1f, "RMSprop", "alpha must lie in [0, 1]", alpha);
        OptimizerState.require(eps >= 0f, "RMSprop", "eps must be >= 0", eps);
        this.learningRate = learningRate;
        this.alpha = alpha;
        this.eps = eps;
        this.squareAverages = OptimizerState.zerosLike(this.params);
    }

    @Override
    public void step() {
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            Tensor grad = p.grad();
            if (grad == null) {
                continue;
            }
            Backend backend = p.backend();
            int n = p.size();
            Shape flat = Shape.of(n);
            Storage v = squareAverages[i].storage();
            Storage t = backend.allocate(n);
            try {
                backend.unary(UnaryOp.SQUARE, grad.storage(), t, n);
                backend.binaryScalar(BinaryOp.MUL, t, 1f - alpha, t, n);
                backend.binaryScalar(BinaryOp.MUL, v, alpha, v, n);
                backend.binary(BinaryOp.ADD, v, flat, t, flat, v);
                backend.unary(UnaryOp.SQRT, v, t, n);
                backend.binaryScalar(BinaryOp.ADD, t, eps, t, n);
                backend.binary(BinaryOp.DIV, grad.storage(), flat, t, flat, t);
                backend.binaryScalar(BinaryOp.MUL, t, learningRate, t, n);
                backend.binary(BinaryOp.SUB, p.storage(), flat, t, flat, p.storage());
            } finally {
                backend.release(t);
            }
        }
    }

    @Override
    public void zeroGrad() {
        OptimizerState.zeroGrad(params);
    }

    /** The parameters this optimizer updates, in order. */
    public List<Tensor> parameters() {
        return params;
    }

    public float learningRate() {
        return learningRate;
    }

    /** Changes the learning rate for later steps (for schedules). */
    public void learningRate(float value) {
        OptimizerState.require(value >= 0f, "RMSprop", "the learning rate must be >= 0", value);
        learningRate = value;
    }
}
