package org.dab4j.nn;

import org.dab4j.autograd.Ops;
import org.dab4j.tensor.Tensor;

/** Loss functions; their gradient rules are in {@link Ops}. */
public final class Losses {
    private Losses() {
    }

    /**
     * Softmax cross-entropy with classes along {@code axis}, UNREDUCED: the result has the logits' shape
     * without that axis, as do {@code targets}, which hold class indices as floats. The gradient with
     * respect to the logits is {@code (softmax - onehot) * upstream}. Computed by
     * {@link org.dab4j.tensor.Backend#softmaxCrossEntropy}; take {@code .mean()} for the usual batch loss.
     */
    public static Tensor crossEntropy(Tensor logits, Tensor targets, int axis) {
        return Ops.softmaxCrossEntropy(logits, targets, axis);
    }

    /** The mean squared difference of two tensors of one shape. */
    public static Tensor mse(Tensor a, Tensor b) {
        if (!a.shape().equals(b.shape())) {
            throw new IllegalArgumentException("mse: shapes " + a.shape() + " and " + b.shape() + " differ");
        }
        return a.sub(b).square().mean();
    }

    /**
     * The mean binary cross-entropy of {@code sigmoid(logits)} against {@code targets} in [0, 1] (same shape),
     * in the stable form {@code max(x, 0) - x t + log(1 + exp(-|x|))}.
     */
    public static Tensor bceWithLogits(Tensor logits, Tensor targets) {
        return Ops.binaryCrossEntropyWithLogits(logits, targets).mean();
    }
}
