package org.dab4j.nn;

import org.dab4j.autograd.Ops;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Tensor;
import org.dab4j.tensor.TensorScope;

/**
 * A 2-D convolution layer over NCHW images with a square kernel: the weight is
 * {@code [outChannels, inChannels, kernel, kernel]}, the bias {@code [outChannels]} starts at zero, and the
 * padding is zeros. Inputs are {@code [batch, inChannels, height, width]}, outputs
 * {@code [batch, outChannels, outHeight, outWidth]}; see {@link Ops#conv2d}.
 */
public final class Conv2d extends Module {
    private final Tensor weight;
    private final Tensor bias;
    private final int stride;
    private final int padding;

    /** The parameters are created outside any open scope, so they outlive it. */
    public Conv2d(Backend backend, int inChannels, int outChannels, int kernel, int stride, int padding, Init init,
                  long seed) {
        if (inChannels <= 0 || outChannels <= 0 || kernel <= 0 || stride <= 0 || padding < 0) {
            throw new IllegalArgumentException("Conv2d needs positive channels, kernel and stride and a non-negative"
                    + " padding, got in = " + inChannels + ", out = " + outChannels + ", kernel = " + kernel
                    + ", stride = " + stride + ", padding = " + padding);
        }
        this.stride = stride;
        this.padding = padding;
        int area = kernel * kernel;
        this.weight = parameter("weight", TensorScope.outside(() -> init.sample(backend,
                Shape.of(outChannels, inChannels, kernel, kernel), inChannels * area, outChannels * area, seed)));
        this.bias = parameter("bias", TensorScope.outside(() -> Tensor.zeros(backend, Shape.of(outChannels))));
    }

    @Override
    public Tensor forward(Tensor x) {
        return Ops.conv2d(x, weight, bias, stride, padding);
    }

    /** The weight, {@code [outChannels, inChannels, kernel, kernel]}. */
    public Tensor weight() {
        return weight;
    }

    /** The bias, {@code [outChannels]}. */
    public Tensor bias() {
        return bias;
    }
}
