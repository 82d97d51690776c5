package org.dab4j.optim;

import java.util.List;

import org.dab4j.tensor.Tensor;

/**
 * Adam (PyTorch semantics: L2 weight decay added to the gradient, bias correction per parameter), run by
 * the backend's fused {@link org.dab4j.tensor.Backend#adamStep} in place on each parameter.
 */
public final class Adam extends PerParameterOptimizer {
    private final Tensor[] firstMoments;
    private final Tensor[] secondMoments;
    private final int[] steps;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float weightDecay;

    /** Adam with betas (0.9, 0.999), eps 1e-8 and no weight decay. */
    public Adam(List<Tensor> params, float learningRate) {
        this(params, learningRate, 0.9f, 0.999f, 1e-8f, 0f);
    }

    public Adam(List<Tensor> params, float learningRate, float beta1, float beta2, float eps, float weightDecay) {
        super("Adam", params, learningRate);
        require(beta1 >= 0f && beta1 < 1f, "beta1 must lie in [0, 1)", beta1);
        require(beta2 >= 0f && beta2 < 1f, "beta2 must lie in [0, 1)", beta2);
        require(eps >= 0f, "eps must be >= 0", eps);
        require(weightDecay >= 0f, "weight decay must be >= 0", weightDecay);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.firstMoments = zerosLikeParameters();
        this.secondMoments = zerosLikeParameters();
        this.steps = new int[parameters().size()];
    }

    @Override
    void update(int index, Tensor p, Tensor grad) {
        steps[index]++;
        p.backend().adamStep(p.storage(), grad.storage(), firstMoments[index].storage(),
                secondMoments[index].storage(), p.size(), learningRate(), beta1, beta2, eps, weightDecay,
                steps[index]);
    }
}
