package org.dab4j.bridge;

import org.dab4j.tensor.CounterRandom;
import org.dab4j.tensor.Tensor;

/**
 * A bridge around a layer of stochastic binary units: it takes logits and outputs the Bernoulli sample
 * {@code b = 1[u < sigmoid(logits)]} (see {@link BernoulliSample}), in training and in inference, with fresh
 * uniform noise u on every call. Subclasses are the gradient estimators for that sample: DAB, straight-through,
 * binary concrete and REINFORCE. The hard function is the step of the perturbed logits.
 *
 * <p>The noise is reproducible: call {@link #startStep(long)} with the training step before each step; the
 * d-th draw after it comes from the counter stream {@code bits(bits(seed, step), d)} of {@link CounterRandom}.
 */
public abstract class StochasticBinaryBridge extends Bridge {
    private final long seed;
    private long step;
    private long draws;

    protected StochasticBinaryBridge(long seed) {
        super(new BernoulliSample());
        this.seed = seed;
    }

    /** Moves to training step {@code step}: starts that step's noise streams (and schedules, if any). */
    public void startStep(long step) {
        if (step < 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": step must be >= 0, got " + step);
        }
        this.step = step;
        this.draws = 0;
    }

    /** The current training step. */
    public long step() {
        return step;
    }

    /** Samples with the next uniform noise of the current step. */
    @Override
    public final Tensor forward(Tensor logits) {
        Tensor u = Tensor.uniform(logits.backend(), logits.shape(),
                CounterRandom.bits(CounterRandom.bits(seed, step), draws++));
        return forward(logits, u);
    }

    /**
     * Samples {@code 1[u < sigmoid(logits)]} for the given uniform noise (same shape as the logits), recording
     * this estimator's backward when grad mode is on and the logits require grad.
     */
    public abstract Tensor forward(Tensor logits, Tensor u);
}
