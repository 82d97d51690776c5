package org.dab4j.models.autoencoder;

import org.dab4j.bridge.Approximators;
import org.dab4j.nn.Module;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Tensor;

/**
 * A DAB approximator for codes made of equal groups (one-hot categories, k-means vectors): one small dense
 * network {@code groupWidth → hidden → groupWidth} (tanh) applied to every group of the last axis. Every
 * group has the same hard function, so sharing the network gives it {@code groups} times the training
 * signal per sample and a Jacobian that is block-diagonal, as the hard function's is.
 */
public final class GroupedApproximator extends Module {
    private final Module net;
    private final int groupWidth;

    public GroupedApproximator(Backend backend, long seed, int groupWidth, int hidden) {
        this.groupWidth = groupWidth;
        this.net = register("net", Approximators.dense(backend, seed, groupWidth, hidden, groupWidth));
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] dims = x.shape().toArray();
        if (dims.length == 0 || dims[dims.length - 1] % groupWidth != 0) {
            throw new IllegalArgumentException("grouped approximator: the last dimension of " + x.shape()
                    + " does not split into groups of " + groupWidth);
        }
        return net.forward(x.reshape(x.size() / groupWidth, groupWidth)).reshape(dims);
    }
}
