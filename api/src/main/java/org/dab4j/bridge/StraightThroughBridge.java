package org.dab4j.bridge;

import org.dab4j.autograd.Autograd;
import org.dab4j.autograd.CustomFunction;
import org.dab4j.tensor.Tensor;

/**
 * The straight-through estimator: outputs h(x) and passes the gradient to x unchanged, as if h were the
 * identity. It needs no approximator and adds no loss. h(x) must have the shape of x.
 */
public final class StraightThroughBridge extends Bridge {

    public StraightThroughBridge(HardFunction hard) {
        super(hard);
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor hard = HardOutput.of(hardFunction(), x);
        if (!hard.shape().equals(x.shape())) {
            throw new IllegalArgumentException("straight-through needs a shape-preserving hard function: input "
                    + x.shape() + ", output " + hard.shape());
        }
        if (!Autograd.isGradEnabled() || !x.requiresGrad()) {
            return hard;
        }
        return CustomFunction.apply("straight-through", new Tensor[]{x}, in -> hard,
                gradOutput -> new Tensor[]{gradOutput});
    }

    @Override
    public Tensor auxiliaryLoss() {
        return null;
    }
}
