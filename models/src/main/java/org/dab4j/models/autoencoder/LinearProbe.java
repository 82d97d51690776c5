package org.dab4j.models.autoencoder;

import org.dab4j.autograd.Autograd;
import org.dab4j.models.data.LabelledImages;
import org.dab4j.models.data.Shuffle;
import org.dab4j.nn.Init;
import org.dab4j.nn.Linear;
import org.dab4j.nn.Losses;
import org.dab4j.optim.Adam;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Tensor;
import org.dab4j.tensor.TensorScope;

import java.util.Arrays;

/**
 * Linear separability of frozen features: a softmax regression (logistic regression over the classes)
 * trained with Adam on the training features for a fixed number of epochs, in shuffled mini-batches, and
 * scored by its accuracy on the test features.
 */
public final class LinearProbe {
    public static final int BATCH = 256;
    public static final float LEARNING_RATE = 1e-2f;
    private static final int EVAL_CHUNK = 2000;

    /**
     * Features with their class labels.
     *
     * @param values row-major {@code [rows, width]}
     * @param labels {@code [rows]} class indices as floats
     */
    public record Features(float[] values, float[] labels, int rows, int width) {
        public Features {
            if (rows < 1 || values.length != rows * width || labels.length != rows) {
                throw new IllegalArgumentException("features: " + values.length + " values and " + labels.length
                        + " labels do not make " + rows + " rows of width " + width);
            }
        }
    }

    private LinearProbe() {
    }

    /** The test accuracy of a probe trained for {@code epochs} on {@code train}. */
    public static double accuracy(Backend backend, Features train, Features test, int classes, int epochs, long seed) {
        if (train.width() != test.width()) {
            throw new IllegalArgumentException("probe: training features have width " + train.width()
                    + " but test features " + test.width());
        }
        Linear probe = new Linear(backend, train.width(), classes, Init.XAVIER_UNIFORM, seed);
        try {
            Adam adam = new Adam(probe.parameters(), LEARNING_RATE);
            int stepsPerEpoch = Math.max(1, train.rows() / BATCH);
            int batch = Math.min(BATCH, train.rows());
            for (int epoch = 0; epoch < epochs; epoch++) {
                int[] order = Shuffle.permutation(train.rows(), seed, epoch);
                for (int s = 0; s < stepsPerEpoch; s++) {
                    int[] rows = Arrays.copyOfRange(order, s * batch, (s + 1) * batch);
                    try (var _ = TensorScope.open()) {
                        Tensor x = Tensor.of(backend, gatherRows(train.values(), train.width(), rows), rows.length, train.width());
                        Tensor y = Tensor.of(backend, gatherRows(train.labels(), 1, rows), rows.length);
                        Tensor loss = Losses.crossEntropy(probe.forward(x), y, 1).mean();
                        adam.zeroGrad();
                        loss.backward();
                        adam.step();
                    }
                }
            }
            return accuracy(backend, probe, test);
        } finally {
            probe.parameters().forEach(Tensor::release);
        }
    }

    private static double accuracy(Backend backend, Linear probe, Features test) {
        int correct = 0;
        try (var _ = Autograd.noGrad()) {
            for (int start = 0; start < test.rows(); start += EVAL_CHUNK) {
                int n = Math.min(EVAL_CHUNK, test.rows() - start);
                int[] rows = LabelledImages.range(start, n);
                try (var _ = TensorScope.open()) {
                    Tensor x = Tensor.of(backend, gatherRows(test.values(), test.width(), rows), n, test.width());
                    float[] predicted = probe.forward(x).argmax(1).toArray();
                    for (int i = 0; i < n; i++) {
                        if (predicted[i] == test.labels()[start + i]) {
                            correct++;
                        }
                    }
                }
            }
        }
        return (double) correct / test.rows();
    }

    static float[] gatherRows(float[] values, int width, int[] rows) {
        float[] out = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(values, rows[i] * width, out, i * width, width);
        }
        return out;
    }
}
