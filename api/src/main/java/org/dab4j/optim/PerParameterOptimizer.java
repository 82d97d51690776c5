package org.dab4j.optim;

import java.util.List;

import org.dab4j.tensor.Tensor;
import org.dab4j.tensor.TensorScope;

/**
 * What SGD, Adam and RMSprop share: the parameter list, the learning rate and the loop that hands each
 * parameter with a gradient to {@link #update}. Error messages start with the optimizer's name.
 */
abstract class PerParameterOptimizer implements Optimizer {
    private final String name;
    private final List<Tensor> params;
    private float learningRate;

    PerParameterOptimizer(String name, List<Tensor> params, float learningRate) {
        this.name = name;
        this.params = List.copyOf(params);
        if (this.params.isEmpty()) {
            throw new IllegalArgumentException(name + " got an empty parameter list");
        }
        requireLearningRate(learningRate);
        this.learningRate = learningRate;
    }

    /** Applies this optimizer's rule to parameter {@code index}, whose gradient is {@code grad}. */
    abstract void update(int index, Tensor parameter, Tensor grad);

    @Override
    public final void step() {
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            Tensor grad = p.grad();
            if (grad != null) {
                update(i, p, grad);
            }
        }
    }

    @Override
    public final void zeroGrad() {
        for (Tensor p : params) {
            p.zeroGrad();
        }
    }

    /** The parameters this optimizer updates, in order. */
    public final List<Tensor> parameters() {
        return params;
    }

    public final float learningRate() {
        return learningRate;
    }

    /** Changes the learning rate for later steps (for schedules). */
    public final void learningRate(float value) {
        requireLearningRate(value);
        learningRate = value;
    }

    /** A zero buffer shaped like each parameter, allocated outside any open scope so it survives training steps. */
    final Tensor[] zerosLikeParameters() {
        return TensorScope.outside(() -> {
            Tensor[] state = new Tensor[params.size()];
            for (int i = 0; i < state.length; i++) {
                state[i] = Tensor.zeros(params.get(i).backend(), params.get(i).shape());
            }
            return state;
        });
    }

    final void require(boolean condition, String what, float value) {
        if (!condition) {
            throw new IllegalArgumentException(name + ": " + what + ", got " + value);
        }
    }

    private void requireLearningRate(float value) {
        require(value >= 0f, "the learning rate must be >= 0", value);
    }
}
