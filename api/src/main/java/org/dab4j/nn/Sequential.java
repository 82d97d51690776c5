package org.dab4j.nn;

import java.util.List;

import org.dab4j.tensor.Tensor;

/** Modules applied one after another; the children are named {@code "0"}, {@code "1"}, ... */
public final class Sequential extends Module {
    private final List<Module> layers;

    public Sequential(Module... layers) {
        this.layers = List.of(layers);
        for (int i = 0; i < layers.length; i++) {
            register(String.valueOf(i), layers[i]);
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor y = x;
        for (Module layer : layers) {
            y = layer.forward(y);
        }
        return y;
    }

    /** The layer at {@code index}. */
    public Module get(int index) {
        return layers.get(index);
    }

    /** The number of layers. */
    public int size() {
        return layers.size();
    }
}
