package org.dab4j.models.classifier;

import org.dab4j.autograd.Autograd;
import org.dab4j.nn.Module;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.BinaryOp;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Tensor;
import org.dab4j.tensor.TensorScope;

/**
 * Standardizes each feature (last axis) over the rows of the batch to mean 0 and variance 1: a batch norm
 * without learned scale and shift. In grad mode (training) it uses the batch's statistics and updates running
 * averages; without grad (evaluation) it uses the running averages, so a test image's result does not depend on
 * the others. It keeps the input of a hard activation at a fixed scale: without it a piecewise-linear hard
 * function such as sort lets the features grow without bound, and a DAB approximator fitted at one scale is soon
 * asked about another. Unlike a per-row standardization, it keeps each sample's own mean and spread, which is
 * what a sorted row still tells apart.
 */
final class Standardize extends Module {
    private static final float EPS = 1e-5f;
    /** The weight of the current batch in the running averages, as in PyTorch's batch norm. */
    private static final float MOMENTUM = 0.1f;

    private final Tensor runningMean;
    private final Tensor runningVariance;

    Standardize(Backend backend, int width) {
        runningMean = TensorScope.outside(() -> Tensor.zeros(backend, Shape.of(width)));
        runningVariance = TensorScope.outside(() -> {
            Tensor ones = Tensor.zeros(backend, Shape.of(width));
            backend.fill(ones.storage(), width, 1f);
            return ones;
        });
    }

    @Override
    public Tensor forward(Tensor x) {
        int width = runningMean.size();
        if (x.shape().rank() == 0 || x.shape().dim(-1) != width) {
            throw new IllegalArgumentException("Standardize of " + width + " features got input " + x.shape());
        }
        Tensor rows = x.reshape(x.size() / width, width);
        Tensor mean;
        Tensor variance;
        if (Autograd.isGradEnabled()) {
            mean = rows.mean(0);
            variance = rows.sub(mean).square().mean(0);
            try (var _ = Autograd.noGrad()) {
                blend(runningMean, mean);
                blend(runningVariance, variance);
            }
        } else {
            mean = runningMean;
            variance = runningVariance;
        }
        return rows.sub(mean).div(variance.add(EPS).sqrt()).reshape(x.shape().toArray());
    }

    /** {@code running = (1 - momentum) running + momentum batch}, in place. */
    private static void blend(Tensor running, Tensor batch) {
        Backend b = running.backend();
        Shape s = running.shape();
        Tensor step = batch.sub(running).mul(MOMENTUM);
        b.binary(BinaryOp.ADD, running.storage(), s, step.storage(), s, running.storage());
    }

    /** The running averages, which live as long as the model. */
    void release() {
        runningMean.release();
        runningVariance.release();
    }
}
