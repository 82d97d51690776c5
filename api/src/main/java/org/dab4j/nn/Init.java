package org.dab4j.nn;

import org.dab4j.tensor.Backend;
import org.dab4j.tensor.BinaryOp;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Tensor;

/**
 * Weight initialisation schemes (Glorot and He), drawn from the counter-based streams of
 * {@link Tensor#uniform} and {@link Tensor#normal}, so a seed gives the same weights on every backend.
 */
public enum Init {
    /** U(-a, a) with a = sqrt(6 / (fanIn + fanOut)). */
    XAVIER_UNIFORM,
    /** N(0, 2 / (fanIn + fanOut)). */
    XAVIER_NORMAL,
    /** U(-a, a) with a = sqrt(6 / fanIn), the ReLU gain. */
    KAIMING_UNIFORM,
    /** N(0, 2 / fanIn), the ReLU gain. */
    KAIMING_NORMAL;

    /** A fresh tensor of {@code shape} drawn for a layer with the given fan-in and fan-out from stream {@code seed}. */
    public Tensor sample(Backend backend, Shape shape, int fanIn, int fanOut, long seed) {
        if (fanIn <= 0 || fanOut <= 0) {
            throw new IllegalArgumentException(this + ": fan-in " + fanIn + " and fan-out " + fanOut + " must be positive");
        }
        return switch (this) {
            case XAVIER_UNIFORM -> uniform(backend, shape, Math.sqrt(6.0 / (fanIn + fanOut)), seed);
            case XAVIER_NORMAL -> normal(backend, shape, Math.sqrt(2.0 / (fanIn + fanOut)), seed);
            case KAIMING_UNIFORM -> uniform(backend, shape, Math.sqrt(6.0 / fanIn), seed);
            case KAIMING_NORMAL -> normal(backend, shape, Math.sqrt(2.0 / fanIn), seed);
        };
    }

    /** U(-bound, bound), scaled in place from U(0, 1). */
    private static Tensor uniform(Backend backend, Shape shape, double bound, long seed) {
        Tensor t = Tensor.uniform(backend, shape, seed);
        backend.binaryScalar(BinaryOp.MUL, t.storage(), (float) (2 * bound), t.storage(), t.size());
        backend.binaryScalar(BinaryOp.SUB, t.storage(), (float) bound, t.storage(), t.size());
        return t;
    }

    /** N(0, std^2), scaled in place from N(0, 1). */
    private static Tensor normal(Backend backend, Shape shape, double std, long seed) {
        Tensor t = Tensor.normal(backend, shape, seed);
        backend.binaryScalar(BinaryOp.MUL, t.storage(), (float) std, t.storage(), t.size());
        return t;
    }
}
