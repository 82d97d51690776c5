package org.dab4j.autograd;

import static org.dab4j.autograd.GradientCheck.check;
import static org.dab4j.autograd.GradientCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.dab4j.nn.Conv2d;
import org.dab4j.nn.Init;
import org.dab4j.nn.Linear;
import org.dab4j.nn.MaxPool2d;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Finite-difference checks of convolution and max pooling with stride and padding, on the backend a
 * subclass creates; {@link ConvGradientTest} runs them on the reference backend and each backend module on
 * its own engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ConvGradientSuite {
    private Backend b;

    /** A fresh backend under test; the suite closes it after its last test. */
    protected abstract Backend createBackend();

    @BeforeAll
    public void openBackend() {
        b = createBackend();
    }

    @AfterAll
    public void closeBackend() {
        b.close();
    }

    @ParameterizedTest(name = "{0}x{1} kernel, stride {2}, padding {3}")
    @CsvSource({"3, 3, 1, 1", "2, 2, 2, 0", "3, 3, 2, 1", "3, 2, 2, 2", "1, 1, 1, 0"})
    public void conv2dWithBias(int kernelHeight, int kernelWidth, int stride, int padding) {
        check(b, "conv2d", in -> Ops.conv2d(in[0], in[1], in[2], stride, padding),
                uniform(b, 1, -1, 1, 2, 3, 6, 5), uniform(b, 2, -1, 1, 4, 3, kernelHeight, kernelWidth),
                uniform(b, 3, -1, 1, 4));
    }

    @Test
    public void conv2dWithoutBias() {
        check(b, "conv2d without bias", in -> Ops.conv2d(in[0], in[1], null, 2, 1),
                uniform(b, 4, -1, 1, 1, 2, 7, 7), uniform(b, 5, -1, 1, 3, 2, 3, 3));
    }

    @ParameterizedTest(name = "kernel {0}, stride {1}, padding {2}")
    @CsvSource({"2, 2, 0", "3, 2, 1", "3, 1, 1", "2, 1, 0", "5, 3, 2"})
    public void maxPool2d(int kernel, int stride, int padding) {
        check(b, "maxPool2d", in -> Ops.maxPool2d(in[0], kernel, stride, padding), distinct(b, 6, 2, 3, 7, 6));
    }

    @Test
    public void swapLastAxes() {
        Tensor x = Tensor.of(b, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 2, 2, 3);
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6, 7, 10, 8, 11, 9, 12}, Ops.swapLastAxes(x).toArray(),
                "[2, 2, 3] with its last two axes swapped");
        assertEquals(Shape.of(2, 3, 2), Ops.swapLastAxes(x).shape(), "swapped shape");
        check(b, "swapLastAxes", in -> Ops.swapLastAxes(in[0]), uniform(b, 10, -1, 1, 2, 3, 5));
    }

    /** A conv, pool, dense chain, as in an image classifier, checked through the modules' parameters. */
    @Test
    public void convolutionalNetwork() {
        Conv2d conv = new Conv2d(b, 2, 3, 3, 1, 1, Init.KAIMING_UNIFORM, 7);
        MaxPool2d pool = new MaxPool2d(2);
        Linear dense = new Linear(b, 3 * 3 * 3, 4, Init.XAVIER_UNIFORM, 8);
        Tensor x = uniform(b, 9, -1, 1, 2, 2, 6, 6);
        check(b, "conv, pool, dense", in -> dense.forward(pool.forward(conv.forward(in[0])).reshape(2, 27)), x,
                conv.weight(), conv.bias());
    }

    /**
     * Distinct values at least 0.05 apart in random order, so that a perturbation of {@link GradientCheck#EPS}
     * never changes which element of a window is the largest.
     */
    private static Tensor distinct(Backend backend, long seed, int... dims) {
        int size = 1;
        for (int d : dims) {
            size *= d;
        }
        List<Float> values = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            values.add(-1f + 0.05f * i);
        }
        Collections.shuffle(values, new Random(seed));
        float[] data = new float[size];
        for (int i = 0; i < size; i++) {
            data[i] = values.get(i);
        }
        return Tensor.of(backend, data, dims);
    }
}
