package org.dab4j.bridge;

import org.dab4j.reference.ReferenceBackend;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BernoulliSampleTest {
    private final Backend backend = new ReferenceBackend();

    @Test
    void theStepOfThePerturbedLogitsIsTheSampleOfUBelowTheSigmoid() {
        Tensor logits = Tensor.normal(backend, Shape.of(8, 5), 1).mul(2f);
        Tensor u = Tensor.uniform(backend, Shape.of(8, 5), 2);
        float[] l = logits.toArray();
        float[] uu = u.toArray();
        float[] expected = new float[l.length];
        for (int i = 0; i < l.length; i++) {
            expected[i] = uu[i] < 1 / (1 + Math.exp(-l[i])) ? 1f : 0f;
        }
        assertArrayEquals(expected, BernoulliSample.draw(logits, u).toArray());
        assertArrayEquals(expected, new BernoulliSample().apply(BernoulliSample.perturb(logits, u)).toArray());
    }

    @Test
    void perturbingAddsLogisticNoiseWithUnitSlope() {
        Tensor logits = Tensor.normal(backend, Shape.of(3, 4), 3).requiresGrad(true);
        Tensor u = Tensor.uniform(backend, Shape.of(3, 4), 4);
        Tensor z = BernoulliSample.perturb(logits, u);
        float[] l = logits.toArray();
        float[] uu = u.toArray();
        float[] zz = z.toArray();
        for (int i = 0; i < l.length; i++) {
            assertEquals(l[i] + Math.log(1 - uu[i]) - Math.log(uu[i]), zz[i], 1e-4);
        }
        z.sum().backward();
        for (float g : logits.grad().toArray()) {
            assertEquals(1f, g);
        }
    }

    @Test
    void extremeNoiseStaysFinite() {
        Tensor logits = Tensor.of(backend, new float[]{0f, 0f, 3f}, 3);
        Tensor u = Tensor.of(backend, new float[]{0f, Math.nextDown(1f), 0.5f}, 3);
        for (float z : BernoulliSample.perturb(logits, u).toArray()) {
            assertTrue(Float.isFinite(z), "perturbed logit " + z);
        }
        assertArrayEquals(new float[]{1f, 0f, 1f}, BernoulliSample.draw(logits, u).toArray());
    }

    @Test
    void samplesHaveTheSigmoidOfTheLogitsAsMean() {
        int rows = 20_000;
        float[] row = {-2f, 0f, 1.5f};
        Tensor logits = Tensor.of(backend, row, 1, 3).add(Tensor.zeros(backend, rows, 3));
        float[] b = BernoulliSample.draw(logits, Tensor.uniform(backend, Shape.of(rows, 3), 5)).toArray();
        for (int j = 0; j < 3; j++) {
            double p = 1 / (1 + Math.exp(-row[j]));
            double mean = 0;
            for (int r = 0; r < rows; r++) {
                mean += b[r * 3 + j];
            }
            mean /= rows;
            assertEquals(p, mean, 4 * Math.sqrt(p * (1 - p) / rows), "unit " + j);
        }
    }

    @Test
    void noiseOfAnotherShapeIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BernoulliSample.perturb(Tensor.zeros(backend, 2, 3), Tensor.zeros(backend, 3, 2)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[3, 2]"), e.getMessage());
    }
}
