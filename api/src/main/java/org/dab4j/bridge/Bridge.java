package org.dab4j.bridge;

import org.dab4j.nn.Module;
import org.dab4j.tensor.Tensor;

/**
 * A non-differentiable function inside a network, together with the estimator that decides what
 * gradient flows back through it. Every estimator outputs the hard function's value in inference; in
 * training all but the relaxed ones do too (soft Gumbel-Softmax and the relaxed binary concrete output
 * their relaxation), and they differ in the backward pass and in the auxiliary loss they ask the training
 * loop to add. Swapping {@link DabBridge} for {@link StraightThroughBridge}, {@link GumbelSoftmaxBridge} or
 * {@link ReinforceBridge} changes nothing else in a model.
 */
public abstract class Bridge extends Module {
    private final HardFunction hard;

    protected Bridge(HardFunction hard) {
        if (hard == null) {
            throw new IllegalArgumentException("a bridge needs a hard function");
        }
        this.hard = hard;
    }

    public HardFunction hardFunction() {
        return hard;
    }

    /**
     * The loss this bridge adds to the task loss for its last forward pass in grad mode (the DAB loss for
     * a {@link DabBridge}), or null when it adds none.
     */
    public abstract Tensor auxiliaryLoss();
}
