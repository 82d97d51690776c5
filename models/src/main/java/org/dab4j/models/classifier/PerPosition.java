package org.dab4j.models.classifier;

import org.dab4j.autograd.Ops;
import org.dab4j.nn.Module;
import org.dab4j.tensor.Tensor;

/**
 * Applies a module to the channel vector at every position of NCHW feature maps: {@code [batch, channels,
 * height, width]} is turned channels-last, viewed as {@code [batch * height * width, channels]} rows, passed
 * through the module, and turned back. A hard function inside (a sort, a top-k) thus acts across channels at
 * each pixel, and a DAB approximator is one small network shared by all positions.
 */
final class PerPosition extends Module {
    private final Module rows;

    PerPosition(Module rows) {
        this.rows = register("rows", rows);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.shape().rank() != 4) {
            throw new IllegalArgumentException("PerPosition expects [batch, channels, height, width], got " + x.shape());
        }
        int[] d = x.shape().toArray();
        int positions = d[2] * d[3];
        Tensor channelsLast = Ops.swapLastAxes(x.reshape(d[0], d[1], positions)).reshape(d[0] * positions, d[1]);
        Tensor y = rows.forward(channelsLast).reshape(d[0], positions, d[1]);
        return Ops.swapLastAxes(y).reshape(d);
    }
}
