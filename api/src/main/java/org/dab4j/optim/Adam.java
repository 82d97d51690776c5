package org.dab4j.optim;

import java.util.List;

import org.dab4j.tensor.Tensor;

/**
 * Adam (PyTorch semantics: L2 weight decay added to the gradient, bias correction per parameter), run by
 * the backend's fused {@link org.dab4j.tensor.Backend#adamStep} in place on each parameter.
 */
public final class Adam implements Optimizer {
    private final List<Tensor> params;
    private final Tensor[] firstMoments;
    private final Tensor[] secondMoments;
    private final int[] steps;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float weightDecay;
    private float learningRate;

    /** Adam with betas (0.9, 0.999), eps 1e-8 and no weight decay. */
    public Adam(List<Tensor> params, float learningRate) {
        this(params, learningRate, 0.9f, 0.999f, 1e-8f, 0f);
    }

    public Adam(List<Tensor> params, float learningRate, float beta1, float beta2, float eps, float weightDecay) {
        this.params = OptimizerState.requireParameters("Adam", params);
        OptimizerState.require(learningRate >= 0f, "Adam", "the learning rate must be >= 0", learningRate);
        OptimizerState.require(beta1 >= 0f && beta1 < 1f, "Adam", "beta1 must lie in [0, 1)", beta1);
        OptimizerState.require(beta2 >= 0f && beta2 < 1f, "Adam", "beta2 must lie in [0, 1)", beta2);
        OptimizerState.require(eps >= 0f, "Adam", "eps must be >= 0", eps);
        OptimizerState.require(weightDecay >= 0f, "Adam", "weight decay must be >= 0", weightDecay);
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.firstMoments = OptimizerState.zerosLike(this.params);
        this.secondMoments = OptimizerState.zerosLike(this.params);
        this.steps = new int[this.params.size()];
    }

    @Override
    public void step() {
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            Tensor grad = p.grad();
            if (grad == null) {
                continue;
            }
            steps[i]++;
            p.backend().adamStep(p.storage(), grad.storage(), firstMoments[i].storage(), secondMoments[i].storage(),
                    p.size(), learningRate, beta1, beta2, eps, weightDecay, steps[i]);
        }
    }

    @Override
    public void zeroGrad() {
        OptimizerState.zeroGrad(params);
    }

    /** The parameters this optimizer updates, in order. */
    public List<Tensor> parameters() {
        return params;
    }

    public float learningRate() {
        return learningRate;
    }

    /** Changes the learning rate for later steps (for schedules). */
    public void learningRate(float value) {
        OptimizerState.require(value >= 0f, "Adam", "the learning rate must be >= 0", value);
        learningRate = value;
    }
}
