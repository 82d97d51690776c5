package org.dab4j.bridge;

import org.dab4j.tensor.Tensor;

/**
 * A function with no useful gradient (a sign, a sort, a quantizer) that a {@link Bridge} places in a
 * network. It is always run without grad, so it may use any tensor operation, differentiable or not.
 * A user-defined one is one lambda:
 *
 * <pre>{@code
 * HardFunction threshold = x -> x.gt(0.5f);
 * }</pre>
 *
 * <p>It must return a tensor on the input's backend. A DAB bridge also needs the output shape to equal
 * its approximator's output shape for the same input.
 */
@FunctionalInterface
public interface HardFunction {
    Tensor apply(Tensor x);
}
