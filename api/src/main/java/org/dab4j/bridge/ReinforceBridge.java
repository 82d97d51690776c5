package org.dab4j.bridge;

import org.dab4j.autograd.Autograd;
import org.dab4j.autograd.CustomFunction;
import org.dab4j.tensor.Tensor;

/**
 * REINFORCE (the score-function estimator; Williams 1992) for stochastic binary units, with a moving-average
 * baseline as in NVIL (Mnih &amp; Gregor 2014). The output is the Bernoulli sample b; the gradient reaching it
 * is discarded, and the logits get instead
 * <pre>{@code
 * dL/dlogits[i] = (f[i] - c) * dlog q(b[i] | logits[i]) / dlogits[i] / batch = (f[i] - c) * (b[i] - sigmoid(logits[i])) / batch
 * }</pre>
 * where {@code f[i]} is sample i's <em>learning signal</em>, the term of the loss that depends on its sample
 * (for a VAE the negative log-likelihood {@code -log p(x | b)}), and the loss is the batch mean over samples
 * of f (samples lie along axis 0). Averaged over the noise this is the exact gradient of the expected loss
 * for any constant c.
 *
 * <p>The baseline c is a moving average of the batch means of f: each {@link #setLearningSignal} centres with
 * the baseline of the batches before it and then updates it, {@code c <- decay c + (1 - decay) mean(f)}, so c
 * never depends on the current sample and the estimate stays unbiased. It starts at 0.
 *
 * <p>In a training step: {@code forward}, compute the loss and each sample's f, {@link #setLearningSignal(Tensor)}
 * with f, then {@code backward}. A backward pass that reaches this bridge without a signal for its last
 * forward pass is an error. There is no auxiliary loss.
 */
public final class ReinforceBridge extends StochasticBinaryBridge {
    private final double decay;
    private double baseline;
    private int batch;
    private Tensor centeredSignal;

    /** @param decay the baseline's moving-average decay per step, in [0, 1) */
    public ReinforceBridge(double decay, long seed) {
        super(seed);
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("REINFORCE: the baseline decay must be in [0, 1), got " + decay);
        }
        this.decay = decay;
    }

    /** The current baseline c. */
    public double baseline() {
        return baseline;
    }

    @Override
    public Tensor forward(Tensor logits, Tensor u) {
        Tensor sample = BernoulliSample.draw(logits, u);
        centeredSignal = null;
        if (!Autograd.isGradEnabled() || !logits.requiresGrad()) {
            return sample;
        }
        if (logits.shape().rank() < 1) {
            throw new IllegalArgumentException("REINFORCE needs logits with a batch axis, got shape " + logits.shape());
        }
        batch = logits.shape().dim(0);
        return CustomFunction.apply("reinforce", new Tensor[]{logits}, in -> sample,
                gradOutput -> new Tensor[]{scoreFunctionGradient(logits.detach(), sample)});
    }

    /**
     * Sets the learning signal {@code f} (shape {@code [batch]}, one value per sample, no gradient taken) for
     * the last forward pass, centres it with the current baseline and updates the baseline.
     */
    public void setLearningSignal(Tensor perSample) {
        setLearningSignal(perSample, true);
    }

    /**
     * As {@link #setLearningSignal(Tensor)}, but leaves the baseline as it is unless {@code updateBaseline}: for
     * measuring the estimator (repeated gradients on one batch) without the measurement moving the baseline.
     */
    public void setLearningSignal(Tensor perSample, boolean updateBaseline) {
        if (batch == 0) {
            throw new IllegalStateException("REINFORCE: a learning signal was set before any forward pass in grad mode");
        }
        if (perSample.shape().rank() != 1 || perSample.shape().dim(0) != batch) {
            throw new IllegalArgumentException("REINFORCE: the learning signal must have shape [" + batch
                    + "], one value per sample of the last forward pass, got " + perSample.shape());
        }
        Tensor f = perSample.detach();
        centeredSignal = f.sub((float) baseline);
        if (updateBaseline) {
            baseline = decay * baseline + (1 - decay) * f.mean().item();
        }
    }

    private Tensor scoreFunctionGradient(Tensor logits, Tensor sample) {
        if (centeredSignal == null) {
            throw new IllegalStateException("REINFORCE: backward reached the bridge but no learning signal was set "
                    + "for its last forward pass; call setLearningSignal(f) before backward");
        }
        int n = logits.size() / batch;
        Tensor score = sample.sub(logits.sigmoid()).reshape(batch, n);
        return score.mul(centeredSignal.reshape(batch, 1)).div(batch).reshape(logits.shape().toArray());
    }

    @Override
    public Tensor auxiliaryLoss() {
        return null;
    }
}
