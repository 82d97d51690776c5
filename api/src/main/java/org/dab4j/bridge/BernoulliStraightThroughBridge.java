package org.dab4j.bridge;

import org.dab4j.autograd.Autograd;
import org.dab4j.autograd.CustomFunction;
import org.dab4j.tensor.Tensor;

/**
 * The straight-through estimator for stochastic binary units (Bengio et al. 2013): the Bernoulli sample
 * forward, and backward the gradient of its mean {@code sigmoid(logits)}, as if {@code db/dp = 1} for the
 * probability {@code p = sigmoid(logits)}: {@code dL/dlogits = dL/db * p (1 - p)}. No auxiliary loss.
 */
public final class BernoulliStraightThroughBridge extends StochasticBinaryBridge {

    public BernoulliStraightThroughBridge(long seed) {
        super(seed);
    }

    @Override
    public Tensor forward(Tensor logits, Tensor u) {
        Tensor sample = BernoulliSample.draw(logits, u);
        if (!Autograd.isGradEnabled() || !logits.requiresGrad()) {
            return sample;
        }
        return CustomFunction.apply("bernoulli-straight-through", new Tensor[]{logits}, in -> sample, gradOutput -> {
            Tensor p = logits.detach().sigmoid();
            return new Tensor[]{gradOutput.mul(p.mul(p.neg().add(1f)))};
        });
    }

    @Override
    public Tensor auxiliaryLoss() {
        return null;
    }
}
