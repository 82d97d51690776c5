package org.dab4j.models.vae;

import org.dab4j.tensor.Backend;
import org.dab4j.tensor.BackendConfig;
import org.dab4j.tensor.Backends;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The VAE's loss terms against formulas computed on the host. */
class VaeModelTest {
    private static Backend backend;

    @BeforeAll
    static void setUp() {
        backend = Backends.select(null, BackendConfig.defaults());
    }

    @AfterAll
    static void tearDown() {
        backend.close();
    }

    static VaeConfig config(VaeArchitecture architecture, VaeEstimator estimator, int steps) {
        return new VaeConfig(architecture, estimator, 5, 8, 4, steps, 16, 3e-3, 10, 1, 0.5, 0.9, 2, 20, 0, 3);
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void klToTheUniformPriorAndItsGradientAreInClosedForm() {
        float[] l = {-3f, -0.5f, 0f, 0.7f, 4f, 1.2f};
        Tensor logits = Tensor.of(backend, l, 2, 3).requiresGrad(true);
        Tensor kl = VaeModel.klToUniformPrior(logits);
        float[] values = kl.toArray();
        for (int row = 0; row < 2; row++) {
            double expected = 0;
            for (int j = 0; j < 3; j++) {
                double q = sigmoid(l[row * 3 + j]);
                expected += q * Math.log(q) + (1 - q) * Math.log(1 - q) + Math.log(2);
            }
            assertEquals(expected, values[row], 1e-5, "row " + row);
        }
        kl.sum().backward();
        float[] gradient = logits.grad().toArray();
        for (int i = 0; i < l.length; i++) {
            double q = sigmoid(l[i]);
            assertEquals(l[i] * q * (1 - q), gradient[i], 1e-5, "dKL/dl = l sigmoid'(l) at " + l[i]);
        }
    }

    @Test
    void theImportanceWeightIsTheJointOverTheEncoderProbability() {
        VaeModel model = new VaeModel(backend, 4, config(VaeArchitecture.NONLINEAR, VaeEstimator.DAB, 1), new float[4]);
        Tensor images = Tensor.of(backend, new float[]{1, 0, 0, 1, 0, 1, 1, 1}, 2, 4);
        Tensor logits = model.encode(images);
        Tensor sample = Tensor.uniform(backend, Shape.of(2, 5), 9).lt(0.5f);
        float[] w = model.logImportanceWeight(images, logits, sample).toArray();
        float[] rec = VaeModel.reconstruction(model.decode(sample), images).toArray();
        float[] l = logits.toArray();
        float[] z = sample.toArray();
        for (int row = 0; row < 2; row++) {
            double logQ = 0;
            for (int j = 0; j < 5; j++) {
                double q = sigmoid(l[row * 5 + j]);
                logQ += z[row * 5 + j] == 1 ? Math.log(q) : Math.log(1 - q);
            }
            assertEquals(-rec[row] - 5 * Math.log(2) - logQ, w[row], 1e-4, "row " + row);
        }
        model.parameters().forEach(Tensor::release);
    }

    @Test
    void theDecoderStartsFromTheGivenOutputBias() {
        float[] bias = {-2f, 0.5f, 1f};
        VaeModel model = new VaeModel(backend, 3, config(VaeArchitecture.LINEAR, VaeEstimator.STE, 1), bias);
        float[] logits = model.decode(Tensor.zeros(backend, 1, 5)).toArray();
        for (int j = 0; j < 3; j++) {
            assertEquals(bias[j], logits[j], 1e-6);
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new VaeModel(backend, 4,
                config(VaeArchitecture.LINEAR, VaeEstimator.STE, 1), bias)).getMessage().contains("3 output biases for 4 pixels"));
        model.parameters().forEach(Tensor::release);
    }

    @Test
    void eachModelHasTheDocumentedLayers() {
        VaeModel linear = new VaeModel(backend, 4, config(VaeArchitecture.LINEAR, VaeEstimator.REINFORCE, 1), new float[4]);
        assertEquals(4, linear.parameters().size(), "encoder and decoder: one weight and bias each");
        VaeModel nonlinear = new VaeModel(backend, 4, config(VaeArchitecture.NONLINEAR, VaeEstimator.DAB, 1), new float[4]);
        assertEquals(12 + 6, nonlinear.parameters().size(), "three layers each way, and a 1-4-4-1 approximator");
        linear.parameters().forEach(Tensor::release);
        nonlinear.parameters().forEach(Tensor::release);
    }
}
