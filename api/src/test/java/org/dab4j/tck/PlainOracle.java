package org.dab4j.tck;

import org.dab4j.reference.ReferenceBackend;
import org.dab4j.tensor.UnaryOp;
import org.dab4j.tensor.Window2d;

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

    /** The input element under window position (oy, ox) at kernel offset (ky, kx), or -1 in the padding. */
    private static int inputIndex(Window2d w, int n, int c, int oy, int ox, int ky, int kx) {
        int iy = oy * w.stride() + ky - w.padding();
        int ix = ox * w.stride() + kx - w.padding();
        if (iy < 0 || iy >= w.height() || ix < 0 || ix >= w.width()) {
            return -1;
        }
        return ((n * w.channels() + c) * w.height() + iy) * w.width() + ix;
    }

    /** Direct convolution in double, no patches: {@code [batch, outChannels, outHeight, outWidth]}. */
    static float[] conv2d(float[] x, float[] weight, float[] bias, Window2d w, int outChannels) {
        int kh = w.kernelHeight();
        int kw = w.kernelWidth();
        float[] out = new float[w.batch() * outChannels * w.positions()];
        int k = 0;
        for (int n = 0; n < w.batch(); n++) {
            for (int o = 0; o < outChannels; o++) {
                for (int oy = 0; oy < w.outHeight(); oy++) {
                    for (int ox = 0; ox < w.outWidth(); ox++) {
                        double sum = bias == null ? 0 : bias[o];
                        for (int c = 0; c < w.channels(); c++) {
                            for (int ky = 0; ky < kh; ky++) {
                                for (int kx = 0; kx < kw; kx++) {
                                    int i = inputIndex(w, n, c, oy, ox, ky, kx);
                                    if (i >= 0) {
                                        sum += (double) weight[((o * w.channels() + c) * kh + ky) * kw + kx] * x[i];
                                    }
                                }
                            }
                        }
                        out[k++] = (float) sum;
                    }
                }
            }
        }
        return out;
    }

    /** The input gradient of a convolution, accumulated in double: {@code [batch, channels, height, width]}. */
    static float[] conv2dBackwardInput(float[] gradOut, float[] weight, Window2d w, int outChannels) {
        int kh = w.kernelHeight();
        int kw = w.kernelWidth();
        double[] grad = new double[w.inputSize()];
        for (int n = 0; n < w.batch(); n++) {
            for (int o = 0; o < outChannels; o++) {
                for (int oy = 0; oy < w.outHeight(); oy++) {
                    for (int ox = 0; ox < w.outWidth(); ox++) {
                        double g = gradOut[((n * outChannels + o) * w.outHeight() + oy) * w.outWidth() + ox];
                        for (int c = 0; c < w.channels(); c++) {
                            for (int ky = 0; ky < kh; ky++) {
                                for (int kx = 0; kx < kw; kx++) {
                                    int i = inputIndex(w, n, c, oy, ox, ky, kx);
                                    if (i >= 0) {
                                        grad[i] += g * weight[((o * w.channels() + c) * kh + ky) * kw + kx];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return toFloat(grad);
    }

    /** The weight gradient of a convolution, accumulated in double: {@code [outChannels, channels, kh, kw]}. */
    static float[] conv2dBackwardWeight(float[] x, float[] gradOut, Window2d w, int outChannels) {
        int kh = w.kernelHeight();
        int kw = w.kernelWidth();
        double[] grad = new double[outChannels * w.patchSize()];
        for (int n = 0; n < w.batch(); n++) {
            for (int o = 0; o < outChannels; o++) {
                for (int oy = 0; oy < w.outHeight(); oy++) {
                    for (int ox = 0; ox < w.outWidth(); ox++) {
                        double g = gradOut[((n * outChannels + o) * w.outHeight() + oy) * w.outWidth() + ox];
                        for (int c = 0; c < w.channels(); c++) {
                            for (int ky = 0; ky < kh; ky++) {
                                for (int kx = 0; kx < kw; kx++) {
                                    int i = inputIndex(w, n, c, oy, ox, ky, kx);
                                    if (i >= 0) {
                                        grad[((o * w.channels() + c) * kh + ky) * kw + kx] += g * x[i];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return toFloat(grad);
    }

    /** Max pooling with -infinity padding and NaN largest: {@code {out, argmax}}, argmax as ky * kw + kx. */
    static float[][] maxPool2d(float[] x, Window2d w) {
        int count = w.batch() * w.channels() * w.positions();
        float[] out = new float[count];
        float[] argmax = new float[count];
        int k = 0;
        for (int n = 0; n < w.batch(); n++) {
            for (int c = 0; c < w.channels(); c++) {
                for (int oy = 0; oy < w.outHeight(); oy++) {
                    for (int ox = 0; ox < w.outWidth(); ox++) {
                        float best = Float.NEGATIVE_INFINITY;
                        int at = 0;
                        for (int ky = 0; ky < w.kernelHeight(); ky++) {
                            for (int kx = 0; kx < w.kernelWidth(); kx++) {
                                int i = inputIndex(w, n, c, oy, ox, ky, kx);
                                float v = i >= 0 ? x[i] : Float.NEGATIVE_INFINITY;
                                if (!Float.isNaN(best) && (Float.isNaN(v) || v > best)) {
                                    best = v;
                                    at = ky * w.kernelWidth() + kx;
                                }
                            }
                        }
                        out[k] = best;
                        argmax[k++] = at;
                    }
                }
            }
        }
        return new float[][] {out, argmax};
    }

    /** Each gradient element added to the input under its window's argmax. */
    static float[] maxPool2dBackward(float[] gradOut, float[] argmax, Window2d w) {
        double[] grad = new double[w.inputSize()];
        int k = 0;
        for (int n = 0; n < w.batch(); n++) {
            for (int c = 0; c < w.channels(); c++) {
                for (int oy = 0; oy < w.outHeight(); oy++) {
                    for (int ox = 0; ox < w.outWidth(); ox++) {
                        int at = (int) argmax[k];
                        int i = inputIndex(w, n, c, oy, ox, at / w.kernelWidth(), at % w.kernelWidth());
                        grad[i] += gradOut[k++];
                    }
                }
            }
        }
        return toFloat(grad);
    }

    private static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
