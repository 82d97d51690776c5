package org.dab4j.optim;

/**
 * Updates parameters in place on their backend from their accumulated gradients. Parameters without a
 * gradient (no backward pass reached them yet) are left alone. Optimizer state is allocated outside any
 * {@link org.dab4j.tensor.TensorScope}, so it lives as long as the optimizer.
 */
public interface Optimizer {
    /** Applies one update to every parameter that has a gradient. */
    void step();

    /** Sets the gradient of every parameter to zero. */
    void zeroGrad();
}
