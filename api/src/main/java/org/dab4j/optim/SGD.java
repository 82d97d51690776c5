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
public final class SGD extends PerParameterOptimizer {
    private final Tensor[] buffers;
    private final float momentum;

    /** Plain SGD without momentum. */
    public SGD(List<Tensor> params, float learningRate) {
        this(params, learningRate, 0f);
    }

    public SGD(List<Tensor> params, float learningRate, float momentum) {
        super("SGD", params, learningRate);
        require(momentum >= 0f, "momentum must be >= 0", momentum);
        this.momentum = momentum;
        this.buffers = momentum != 0f ? zerosLikeParameters() : null;
    }

    @Override
    void update(int index, Tensor p, Tensor grad) {
        Backend backend = p.backend();
        int n = p.size();
        Shape flat = Shape.of(n);
        Storage direction = grad.storage();
        if (buffers != null) {
            direction = buffers[index].storage();
            backend.binaryScalar(BinaryOp.MUL, direction, momentum, direction, n);
            backend.binary(BinaryOp.ADD, direction, flat, grad.storage(), flat, direction);
        }
        Storage update = backend.allocate(n);
        try {
            backend.binaryScalar(BinaryOp.MUL, direction, learningRate(), update, n);
            backend.binary(BinaryOp.SUB, p.storage(), flat, update, flat, p.storage());
        } finally {
            backend.release(update);
        }
    }
}
