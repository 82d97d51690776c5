package org.dab4j.bridge;

import org.dab4j.autograd.Autograd;
import org.dab4j.nn.Module;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Tensor;
import org.dab4j.tensor.TensorScope;

/**
 * Vector quantisation by a learned codebook: the last axis is read as groups of {@code dimension} values,
 * and each group is replaced by the nearest (squared Euclidean) of {@code codes} codewords, shared by all
 * groups; ties go to the lower codeword index. As a {@link HardFunction} it has no gradient: put it behind a
 * {@link Bridge}.
 *
 * <p>The codebook learns online k-means from {@link #codebookLoss()}: per sample the sum of squared distances
 * between the last quantised input (as a constant) and its chosen codewords, averaged over the batch. Its
 * gradient moves each chosen codeword towards the mean of the vectors assigned to it, and reaches nothing but
 * the codebook. Add it to the training loss (weight 1 is the usual choice) after each forward pass in grad mode.
 */
public final class KMeansQuantizer extends Module implements HardFunction {
    private final Tensor codebook;
    private final int codes;
    private final int dimension;
    private Tensor lastVectors;
    private Tensor lastAssignment;
    private int lastBatch;

    /** A codebook of {@code codes} x {@code dimension} drawn from N(0, 1) with stream {@code seed}. */
    public KMeansQuantizer(Backend backend, int codes, int dimension, long seed) {
        if (codes < 1 || dimension < 1) {
            throw new IllegalArgumentException("k-means quantizer: codes and dimension must be positive, got "
                    + codes + " and " + dimension);
        }
        this.codes = codes;
        this.dimension = dimension;
        this.codebook = parameter("codebook",
                TensorScope.outside(() -> Tensor.normal(backend, Shape.of(codes, dimension), seed)));
    }

    /** The codewords, {@code [codes, dimension]}. */
    public Tensor codebook() {
        return codebook;
    }

    public int codes() {
        return codes;
    }

    public int dimension() {
        return dimension;
    }

    @Override
    public Tensor apply(Tensor x) {
        Shape shape = x.shape();
        int width = shape.rank() == 0 ? 1 : shape.dim(-1);
        if (width % dimension != 0) {
            throw new IllegalArgumentException("k-means quantizer: the last dimension of " + shape
                    + " does not split into groups of " + dimension);
        }
        try (var _ = Autograd.noGrad()) {
            Tensor vectors = x.detach().reshape(x.size() / dimension, dimension);
            // argmin |v - c|^2 = argmax (2 v.c - |c|^2): |v|^2 is the same for every codeword.
            Tensor score = Tensor.matmul(vectors, false, codebook, true).mul(2f)
                    .sub(codebook.square().sum(1));
            int rows = vectors.shape().dim(0);
            Tensor assignment = score.argmax(1).reshape(rows, 1).eq(OneHotArgmax.range(x, codes));
            lastVectors = vectors;
            lastAssignment = assignment;
            lastBatch = shape.rank() < 2 ? 1 : shape.dim(0);
            return assignment.matmul(codebook).reshape(shape.toArray());
        }
    }

    /** The quantised input, as {@link #apply}: no gradient flows through it. */
    @Override
    public Tensor forward(Tensor x) {
        return apply(x);
    }

    /**
     * The online k-means loss of the last {@link #apply}: {@code mean over the batch of sum |c(v) - v|^2}, a
     * function of the codebook only.
     *
     * @throws IllegalStateException before the first quantisation
     */
    public Tensor codebookLoss() {
        if (lastAssignment == null) {
            throw new IllegalStateException("k-means quantizer: codebookLoss() needs a quantisation first");
        }
        Tensor squared = lastAssignment.matmul(codebook).sub(lastVectors).square();
        return squared.reshape(lastBatch, squared.size() / lastBatch).sum(1).mean();
    }
}
