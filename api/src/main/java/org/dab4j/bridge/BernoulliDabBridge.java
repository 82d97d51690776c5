package org.dab4j.bridge;

import org.dab4j.nn.Module;
import org.dab4j.tensor.Tensor;

/**
 * DAB for stochastic binary units: a {@link DabBridge} around the step {@code 1[z > 0]} of the perturbed
 * logits {@code z = logits + log(1 - u) - log(u)} (see {@link BernoulliSample}). The output is the Bernoulli
 * sample; backward maps the gradient through the approximator's Jacobian at z, and since
 * {@code dz/dlogits = 1} that is also the gradient for the logits. The approximator learns only from the DAB
 * loss {@code mean over the batch of sum over units of (g(z) - 1[z > 0])^2}.
 *
 * <p>Why the approximator sees z, i.e. the logits <em>and</em> the same noise u that drew the sample: given
 * both, the sample is a deterministic function, which is what DAB approximates. Given the logits alone the
 * sample would be random, the squared-error loss would teach g its conditional mean {@code sigmoid(logits)},
 * and the backward pass would ignore which way this sample fell. Folding u into z keeps one number per unit,
 * so an elementwise approximator ({@link Approximators#elementwiseShared}) can fit the step, like a
 * binary concrete relaxation whose shape is learned rather than fixed by a temperature.
 */
public final class BernoulliDabBridge extends StochasticBinaryBridge {
    private final DabBridge dab;

    /** @param approximator maps perturbed logits to an approximation of the sample, shape preserved */
    public BernoulliDabBridge(Module approximator, long seed) {
        super(seed);
        if (approximator == null) {
            throw new IllegalArgumentException("a Bernoulli DAB bridge needs an approximator network");
        }
        // The inner bridge is not a child, so Bridges.dabLoss counts its loss once, through this bridge;
        // its approximator is registered here so that the model's parameters include it.
        this.dab = new DabBridge(hardFunction(), approximator);
        register("approximator", approximator);
    }

    public Module approximator() {
        return dab.approximator();
    }

    @Override
    public Tensor forward(Tensor logits, Tensor u) {
        return dab.forward(BernoulliSample.perturb(logits, u));
    }

    /** The DAB loss of the last forward pass in grad mode; null after a no-grad pass. */
    @Override
    public Tensor auxiliaryLoss() {
        return dab.auxiliaryLoss();
    }
}
