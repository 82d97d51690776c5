package org.dab4j.bridge;

import org.dab4j.tensor.Tensor;

/**
 * The Bernoulli sample {@code b = 1[u < sigmoid(logits)]}, {@code u ~ U(0, 1)}, written as a deterministic
 * step of the <em>perturbed logits</em> {@code z = logits + log(1 - u) - log(u)}: since
 * {@code u < sigmoid(l)} exactly when {@code l > log(u / (1 - u))}, the sample is {@code b = 1[z > 0]}.
 * The noise {@code log(1 - u) - log(u)} is standard logistic, so z is also the input of the binary concrete
 * relaxation {@code sigmoid(z / tau)} (Maddison et al. 2017), and {@code dz/dlogits = 1}.
 *
 * <p>This hard function is the step {@code z -> 1[z > 0]}; {@link #perturb} makes z from logits and noise.
 * Writing the sample this way makes it a deterministic function of one number per unit, which is what a
 * DAB approximator can learn (see {@link BernoulliDabBridge}).
 */
public record BernoulliSample() implements HardFunction {
    /** Keeps {@code log(u)} and {@code log(1 - u)} finite for u = 0 and u just below 1. */
    static final float NOISE_EPS = 1e-7f;

    @Override
    public Tensor apply(Tensor perturbedLogits) {
        return perturbedLogits.gt(0f);
    }

    /**
     * The perturbed logits {@code z = logits + log(1 - u + eps) - log(u + eps)} for uniform noise u of the
     * logits' shape; differentiable in the logits with {@code dz/dlogits = 1}, u is treated as a constant.
     */
    public static Tensor perturb(Tensor logits, Tensor u) {
        if (!logits.shape().equals(u.shape())) {
            throw new IllegalArgumentException("Bernoulli sample: logits " + logits.shape() + " and noise "
                    + u.shape() + " must have one shape");
        }
        Tensor noise = u.detach().neg().add(1f + NOISE_EPS).log().sub(u.detach().add(NOISE_EPS).log());
        return logits.add(noise);
    }

    /** The sample {@code 1[u < sigmoid(logits)]} itself, without gradient. */
    public static Tensor draw(Tensor logits, Tensor u) {
        return new BernoulliSample().apply(perturb(logits.detach(), u));
    }
}
