package org.dab4j.optim;

import java.util.List;

import org.dab4j.tensor.Backend;
import org.dab4j.tensor.BinaryOp;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Storage;
import org.dab4j.tensor.Tensor;

/**
 * Stochastic gradient descent with optional momentum (PyTorch semantics: {@code buf = momentum * buf + g},
 * {@code p -= lr * buf}; without momentum {@code p -= lr * g}). Momentum buffers live on the backend.
 */
public final class SGD implements Optimizer {
    private final List<Tensor> params;
    private final Tensor[] buffers;
    private final float momentum;
    private float learningRate;

    /** Plain SGD without momentum. */
    public SGD(List<Tensor> params, float learningRate) {
        this(params, learningRate, 0f);
    }

    public SGD(List<Tensor> params, float learningRate, float momentum) {
        this.params = OptimizerState.requireParameters("SGD", params);
        OptimizerState.require(learningRate >= 0f, "SGD", "the learning rate must be >= 0", learningRate);
        OptimizerState.require(momentum >= 0f, "SGD", "momentum must be >= 0", momentum);
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.buffers = momentum != 0f ? OptimizerState.zerosLike(this.params) : null;
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
            Storage direction = grad.storage();
            if (buffers != null) {
                direction = buffers[i].storage();
                backend.binaryScalar(BinaryOp.MUL, direction, momentum, direction, n);
                backend.binary(BinaryOp.ADD, direction, flat, grad.storage(), flat, direction);
            }
            Storage update = backend.allocate(n);
            try {
                backend.binaryScalar(BinaryOp.MUL, direction, learningRate, update, n);
                backend.binary(BinaryOp.SUB, p.storage(), flat, update, flat, p.storage());
            } finally {
                backend.release(update);
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
        OptimizerState.require(value >= 0f, "SGD", "the learning rate must be >= 0", value);
        learningRate = value;
    }
}
