package org.dab4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.dab4j.reference.ReferenceBackend;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Each optimizer against updates worked out by hand (first steps) or with the textbook formula in double. */
class OptimizerTest {
    private static final float[] START = {1f, -2f};
    private static final float[] FIRST_GRAD = {0.5f, 1f};
    private static final float[] SECOND_GRAD = {1f, -1f};

    private final Backend b = new ReferenceBackend();

    private Tensor parameter() {
        return Tensor.of(b, START, 2).requiresGrad(true);
    }

    private void setGrad(Tensor p, float[] grad) {
        p.zeroGrad();
        p.accumulateGrad(Tensor.of(b, grad, grad.length));
    }

    @Test
    void sgdWithoutMomentum() {
        Tensor p = parameter();
        SGD sgd = new SGD(List.of(p), 0.1f);
        setGrad(p, FIRST_GRAD);
        sgd.step();
        assertArrayEquals(new float[] {0.95f, -2.1f}, p.toArray(), 1e-6f);
    }

    @Test
    void sgdWithMomentum() {
        Tensor p = parameter();
        SGD sgd = new SGD(List.of(p), 0.1f, 0.9f);
        setGrad(p, FIRST_GRAD);
        sgd.step();
        assertArrayEquals(new float[] {0.95f, -2.1f}, p.toArray(), 1e-6f);
        setGrad(p, SECOND_GRAD);
        sgd.step();
        // buffer = 0.9 * [0.5, 1] + [1, -1] = [1.45, -0.1]
        assertArrayEquals(new float[] {0.95f - 0.145f, -2.1f + 0.01f}, p.toArray(), 1e-6f);
    }

    @Test
    void adamFirstStepMovesEachParameterByTheLearningRate() {
        Tensor p = parameter();
        Adam adam = new Adam(List.of(p), 0.1f);
        setGrad(p, FIRST_GRAD);
        adam.step();
        // bias-corrected m = g and v = g^2, so the step is lr * g / |g|
        assertArrayEquals(new float[] {0.9f, -2.1f}, p.toArray(), 1e-6f);
    }

    @Test
    void adamWithWeightDecayOverTwoSteps() {
        float lr = 0.05f;
        float beta1 = 0.8f;
        float beta2 = 0.9f;
        float eps = 1e-3f;
        float decay = 0.1f;
        Tensor p = parameter();
        Adam adam = new Adam(List.of(p), lr, beta1, beta2, eps, decay);
        double[] expected = {START[0], START[1]};
        double[] m = new double[2];
        double[] v = new double[2];
        float[][] grads = {FIRST_GRAD, SECOND_GRAD};
        for (int t = 1; t <= 2; t++) {
            setGrad(p, grads[t - 1]);
            adam.step();
            for (int i = 0; i < 2; i++) {
                double g = grads[t - 1][i] + decay * expected[i];
                m[i] = beta1 * m[i] + (1 - beta1) * g;
                v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                double mHat = m[i] / (1 - Math.pow(beta1, t));
                double vHat = v[i] / (1 - Math.pow(beta2, t));
                expected[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
            assertArrayEquals(new float[] {(float) expected[0], (float) expected[1]}, p.toArray(), 1e-5f, "step " + t);
        }
    }

    @Test
    void rmspropOverTwoSteps() {
        Tensor p = parameter();
        RMSprop rmsprop = new RMSprop(List.of(p), 0.01f, 0.9f, 1e-8f);
        setGrad(p, FIRST_GRAD);
        rmsprop.step();
        // v = 0.1 g^2, so the step is lr * sign(g) / sqrt(0.1)
        float step = (float) (0.01 / Math.sqrt(0.1));
        assertArrayEquals(new float[] {1f - step, -2f - step}, p.toArray(), 1e-6f);
        setGrad(p, SECOND_GRAD);
        rmsprop.step();
        float[] expected = new float[2];
        for (int i = 0; i < 2; i++) {
            double v = 0.9 * 0.1 * FIRST_GRAD[i] * FIRST_GRAD[i] + 0.1 * SECOND_GRAD[i] * SECOND_GRAD[i];
            expected[i] = (float) (START[i] - (FIRST_GRAD[i] > 0 ? step : -step) - 0.01 * SECOND_GRAD[i] / Math.sqrt(v));
        }
        assertArrayEquals(expected, p.toArray(), 1e-6f);
    }

    @Test
    void parametersWithoutGradientsAreLeftAlone() {
        Tensor[] params = {parameter(), parameter(), parameter()};
        Optimizer[] optimizers = {new SGD(List.of(params[0]), 0.1f, 0.9f), new Adam(List.of(params[1]), 0.1f),
                new RMSprop(List.of(params[2]), 0.1f)};
        for (int i = 0; i < optimizers.length; i++) {
            optimizers[i].step();
            assertNull(params[i].grad());
            assertArrayEquals(START, params[i].toArray(), optimizers[i].getClass().getSimpleName());
        }
    }

    @Test
    void zeroGradClearsEveryParameter() {
        Tensor p = parameter();
        Optimizer sgd = new SGD(List.of(p), 0.1f);
        setGrad(p, FIRST_GRAD);
        sgd.zeroGrad();
        assertArrayEquals(new float[] {0, 0}, p.grad().toArray());
    }

    @Test
    void badHyperparametersAreRejected() {
        List<Tensor> params = List.of(parameter());
        assertThrows(IllegalArgumentException.class, () -> new SGD(params, -1f));
        assertThrows(IllegalArgumentException.class, () -> new Adam(params, 0.1f, 1f, 0.999f, 1e-8f, 0f));
        assertThrows(IllegalArgumentException.class, () -> new RMSprop(params, 0.1f, 1.5f, 1e-8f));
        assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(), 0.1f));
    }
}
