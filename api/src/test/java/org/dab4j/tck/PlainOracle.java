package org.dab4j.tck;

import org.dab4j.reference.ReferenceBackend;
import org.dab4j.tensor.UnaryOp;

/**
 * Straight loops in double for the fused operations, independent of {@link org.dab4j.tensor.Backend}'s
 * default compositions, so that those defaults (the reference's answer for fused ops) are checked too.
 */
final class PlainOracle {
    private PlainOracle() {
    }

    static float[] biasActivation(float[] x, float[] bias, int rows, int cols, UnaryOp activation) {
        float[] out = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float sum = x[r * cols + c] + bias[c];
                out[r * cols + c] = activation == null ? sum : ReferenceBackend.apply(activation, sum);
            }
        }
        return out;
    }

    /** Softmax cross-entropy over {@code [outer, classes, inner]}: {@code {probs, loss}}. */
    static float[][] softmaxCrossEntropy(float[] logits, int outer, int classes, int inner, float[] targets) {
        float[] probs = new float[outer * classes * inner];
        float[] loss = new float[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    max = Math.max(max, logits[(o * classes + c) * inner + i]);
                }
                double sum = 0;
                for (int c = 0; c < classes; c++) {
                    sum += Math.exp(logits[(o * classes + c) * inner + i] - max);
                }
                for (int c = 0; c < classes; c++) {
                    probs[(o * classes + c) * inner + i] = (float) (Math.exp(logits[(o * classes + c) * inner + i] - max) / sum);
                }
                int target = (int) targets[o * inner + i];
                loss[o * inner + i] = (float) (Math.log(sum) + max - logits[(o * classes + target) * inner + i]);
            }
        }
        return new float[][] {probs, loss};
    }

    /** One Adam step in place, PyTorch semantics as {@link org.dab4j.tensor.Backend#adamStep} documents. */
    static void adamStep(float[] param, float[] grad, float[] m, float[] v, float lr, float beta1, float beta2,
                         float eps, float weightDecay, int step) {
        double c1 = 1 - Math.pow(beta1, step);
        double c2 = 1 - Math.pow(beta2, step);
        for (int i = 0; i < param.length; i++) {
            double g = grad[i] + (double) weightDecay * param[i];
            double mi = beta1 * (double) m[i] + (1 - (double) beta1) * g;
            double vi = beta2 * (double) v[i] + (1 - (double) beta2) * g * g;
            m[i] = (float) mi;
            v[i] = (float) vi;
            param[i] = (float) (param[i] - lr * (mi / c1) / (Math.sqrt(vi / c2) + eps));
        }
    }
}
