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
public final class RMSprop extends PerParameterOptimizer {
    private final Tensor[] squareAverages;
    private final float alpha;
    private final float eps;

    /** RMSprop with alpha 0.99 and eps 1e-8. */
    public RMSprop(List<Tensor> params, float learningRate) {
        this(params, learningRate, 0.99f, 1e-8f);
    }

    public RMSprop(List<Tensor> params, float learningRate, float alpha, float eps) {
        super("RMSprop", params, learningRate);
        require(alpha >= 0f && alpha <= 1f, "alpha must lie in [0, 1]", alpha);
        require(eps >= 0f, "eps must be >= 0", eps);
        this.alpha = alpha;
        this.eps = eps;
        this.squareAverages = zerosLikeParameters();
    }

    @Override
    void update(int index, Tensor p, Tensor grad) {
        Backend backend = p.backend();
        int n = p.size();
        Shape flat = Shape.of(n);
        Storage v = squareAverages[index].storage();
        Storage t = backend.allocate(n);
        try {
            backend.unary(UnaryOp.SQUARE, grad.storage(), t, n);
            backend.binaryScalar(BinaryOp.MUL, t, 1f - alpha, t, n);
            backend.binaryScalar(BinaryOp.MUL, v, alpha, v, n);
            backend.binary(BinaryOp.ADD, v, flat, t, flat, v);
            backend.unary(UnaryOp.SQRT, v, t, n);
            backend.binaryScalar(BinaryOp.ADD, t, eps, t, n);
            backend.binary(BinaryOp.DIV, grad.storage(), flat, t, flat, t);
            backend.binaryScalar(BinaryOp.MUL, t, learningRate(), t, n);
            backend.binary(BinaryOp.SUB, p.storage(), flat, t, flat, p.storage());
        } finally {
            backend.release(t);
        }
    }
}
