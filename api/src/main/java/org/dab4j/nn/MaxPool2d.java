package org.dab4j.nn;

import org.dab4j.autograd.Ops;
import org.dab4j.tensor.Tensor;

/** Max pooling of each channel plane of NCHW images with a square window, without parameters; see {@link Ops#maxPool2d}. */
public final class MaxPool2d extends Module {
    private final int kernel;
    private final int stride;
    private final int padding;

    public MaxPool2d(int kernel, int stride, int padding) {
        if (kernel <= 0 || stride <= 0 || padding < 0 || 2 * padding > kernel) {
            throw new IllegalArgumentException("MaxPool2d needs a positive kernel and stride and a padding of at most"
                    + " half the kernel, got kernel = " + kernel + ", stride = " + stride + ", padding = " + padding);
        }
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    /** Non-overlapping windows: the stride equals the kernel, no padding. */
    public MaxPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    @Override
    public Tensor forward(Tensor x) {
        return Ops.maxPool2d(x, kernel, stride, padding);
    }
}
