package org.dab4j.bridge;

import org.dab4j.optim.SGD;
import org.dab4j.reference.ReferenceBackend;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KMeansQuantizerTest {
    private final Backend backend = new ReferenceBackend();

    /** The nearest codeword of every group of {@code d} values, by brute force. */
    private static float[] nearest(float[] x, float[] codebook, int d) {
        float[] out = new float[x.length];
        int codes = codebook.length / d;
        for (int g = 0; g < x.length; g += d) {
            int best = 0;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int c = 0; c < codes; c++) {
                double distance = 0;
                for (int i = 0; i < d; i++) {
                    double diff = x[g + i] - codebook[c * d + i];
                    distance += diff * diff;
                }
                if (distance < bestDistance) {
                    bestDistance = distance;
                    best = c;
                }
            }
            System.arraycopy(codebook, best * d, out, g, d);
        }
        return out;
    }

    @Test
    void replacesEachGroupByItsNearestCodeword() {
        KMeansQuantizer q = new KMeansQuantizer(backend, 5, 3, 1);
        Tensor x = Tensor.normal(backend, Shape.of(4, 6), 2);
        Tensor out = q.apply(x);
        assertEquals(Shape.of(4, 6), out.shape());
        assertArrayEquals(nearest(x.toArray(), q.codebook().toArray(), 3), out.toArray(), 1e-6f);
        assertArrayEquals(out.toArray(), q.forward(x).toArray());
        assertEquals(5, q.codes());
        assertEquals(3, q.dimension());
        assertEquals(List.of(q.codebook()), q.parameters());
    }

    @Test
    void codebookLossIsTheBatchMeanOfSquaredDistancesAndTrainsOnlyTheCodebook() {
        KMeansQuantizer q = new KMeansQuantizer(backend, 4, 2, 3);
        Tensor x = Tensor.normal(backend, Shape.of(3, 4), 4).requiresGrad(true);
        float[] quantized = q.apply(x).toArray();
        float[] values = x.toArray();
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += (quantized[i] - values[i]) * (quantized[i] - values[i]);
        }
        Tensor loss = q.codebookLoss();
        assertEquals(sum / 3, loss.item(), 1e-5);
        loss.backward();
        assertNull(x.grad(), "the codebook loss must not reach the quantised input");
        assertTrue(q.codebook().grad() != null);
    }

    @Test
    void behindADabBridgeTheEncoderGetsTheTaskGradientAndTheCodebookLearnsKMeans() {
        // Two clusters around (3, 3) and (-3, -3): gradient steps on the codebook loss find their centres.
        float[] data = new float[64];
        for (int i = 0; i < 32; i++) {
            float centre = i % 2 == 0 ? 3f : -3f;
            data[2 * i] = centre + 0.1f * ((i * 7) % 5 - 2);
            data[2 * i + 1] = centre - 0.1f * ((i * 3) % 5 - 2);
        }
        Tensor x = Tensor.of(backend, data, 8, 8);
        KMeansQuantizer q = new KMeansQuantizer(backend, 2, 2, 11);
        backend.upload(new float[]{1, 0.5f, -0.5f, -1}, 0, q.codebook().storage(), 0, 4);
        SGD sgd = new SGD(q.parameters(), 0.05f);
        for (int step = 0; step < 200; step++) {
            q.apply(x);
            sgd.zeroGrad();
            q.codebookLoss().backward();
            sgd.step();
        }
        float[] codebook = q.codebook().toArray();
        assertArrayEquals(new float[]{3f, 3f, -3f, -3f}, codebook, 0.1f);

        DabBridge bridge = new DabBridge(q, Approximators.dense(backend, 5, 8, 8, 8));
        Tensor input = x.detach().requiresGrad(true);
        bridge.forward(input).sum().backward();
        assertTrue(input.grad() != null, "the DAB bridge routes a gradient to the quantised input");
    }

    @Test
    void badUseIsNamed() {
        assertThrows(IllegalArgumentException.class, () -> new KMeansQuantizer(backend, 0, 2, 1));
        KMeansQuantizer q = new KMeansQuantizer(backend, 3, 4, 1);
        IllegalStateException early = assertThrows(IllegalStateException.class, q::codebookLoss);
        assertTrue(early.getMessage().contains("needs a quantisation first"), early.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> q.apply(Tensor.zeros(backend, 2, 6)));
        assertTrue(e.getMessage().contains("[2, 6]") && e.getMessage().contains("groups of 4"), e.getMessage());
    }
}
