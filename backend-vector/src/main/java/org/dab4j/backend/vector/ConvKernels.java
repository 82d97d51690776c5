package org.dab4j.backend.vector;

import java.util.Arrays;

import org.dab4j.tensor.Window2d;

/**
 * Convolution and pooling on heap arrays. The convolution runs as one matrix product over the whole batch:
 * the patches are laid out {@code [patchSize, batch * positions]} (one column per output position of every
 * image), so {@code weight [outChannels, patchSize]} times them gives {@code [outChannels, batch * positions]},
 * which is then scattered into NCHW. Each loop writes every output element from the same inputs in the same
 * order whichever thread runs it, so results do not depend on the thread count.
 */
final class ConvKernels {
    private ConvKernels() {
    }

    /** Below this many elements a loop stays on the calling thread: the hand-off would cost more. */
    private static final int PARALLEL_ELEMENTS = 1 << 16;
    /** The side of the square blocks of a transpose, which keep both the reads and the writes in cache. */
    private static final int TILE = 16;

    static void conv2d(WorkerPool pool, float[] x, float[] weight, float[] bias, Window2d w, int outChannels,
                       float[] out) {
        int columns = w.batch() * w.positions();
        float[] cols = patchColumns(pool, x, w);
        float[] product = new float[outChannels * columns];
        Gemm.multiply(pool, weight, false, cols, false, product, outChannels, w.patchSize(), columns);
        pool.run(outChannels, 1, product.length >= PARALLEL_ELEMENTS,
                (o0, o1) -> toImages(product, bias, w.batch(), outChannels, w.positions(), out, o0, o1));
    }

    static void conv2dBackwardInput(WorkerPool pool, float[] gradOut, float[] weight, Window2d w, int outChannels,
                                    float[] gradIn) {
        int columns = w.batch() * w.positions();
        float[] rows = gradientRows(pool, gradOut, w, outChannels);
        float[] cols = new float[w.patchSize() * columns];
        Gemm.multiply(pool, weight, true, rows, false, cols, w.patchSize(), outChannels, columns);
        int planes = w.batch() * w.channels();
        pool.run(planes, 1, w.inputSize() >= PARALLEL_ELEMENTS, (p0, p1) -> col2im(cols, w, true, gradIn, p0, p1));
    }

    static void conv2dBackwardWeight(WorkerPool pool, float[] x, float[] gradOut, Window2d w, int outChannels,
                                     float[] gradWeight) {
        int columns = w.batch() * w.positions();
        float[] cols = patchColumns(pool, x, w);
        float[] rows = gradientRows(pool, gradOut, w, outChannels);
        Gemm.multiply(pool, rows, false, cols, true, gradWeight, outChannels, columns, w.patchSize());
    }

    private static float[] patchColumns(WorkerPool pool, float[] x, Window2d w) {
        float[] cols = new float[w.patchSize() * w.batch() * w.positions()];
        pool.run(w.patchSize(), 1, cols.length >= PARALLEL_ELEMENTS, (r0, r1) -> patchColumns(x, w, cols, r0, r1));
        return cols;
    }

    private static float[] gradientRows(WorkerPool pool, float[] gradOut, Window2d w, int outChannels) {
        float[] rows = new float[outChannels * w.batch() * w.positions()];
        pool.run(outChannels, 1, rows.length >= PARALLEL_ELEMENTS,
                (o0, o1) -> fromImages(gradOut, w.batch(), outChannels, w.positions(), rows, o0, o1));
        return rows;
    }

    /** Patch rows {@code [r0, r1)} of {@code cols [patchSize, batch * positions]}, zeros in the padding. */
    static void patchColumns(float[] x, Window2d w, float[] cols, int r0, int r1) {
        int positions = w.positions();
        int columns = w.batch() * positions;
        for (int r = r0; r < r1; r++) {
            int c = r / (w.kernelHeight() * w.kernelWidth());
            int ky = r / w.kernelWidth() % w.kernelHeight();
            int kx = r % w.kernelWidth();
            for (int n = 0; n < w.batch(); n++) {
                copyShifted(x, w, (n * w.channels() + c) * w.height() * w.width(), ky, kx, 0f, cols,
                        r * columns + n * positions);
            }
        }
    }

    /**
     * Whether {@code w}'s patches are the transpose of each image: one channel and a window as wide as the image,
     * one row high, that slides down without padding, so that {@code cols[n, x, y] = image[n, y, x]}.
     */
    static boolean isTranspose(Window2d w) {
        return w.channels() == 1 && w.kernelHeight() == 1 && w.kernelWidth() == w.width() && w.stride() == 1
                && w.padding() == 0;
    }

    /** Images {@code [n0, n1)} of {@code x [batch, rows, cols]} transposed into {@code out [batch, cols, rows]}, in tiles. */
    static void transpose(float[] x, int rows, int cols, float[] out, int n0, int n1) {
        for (int n = n0; n < n1; n++) {
            int base = n * rows * cols;
            for (int r0 = 0; r0 < rows; r0 += TILE) {
                int r1 = Math.min(rows, r0 + TILE);
                for (int c0 = 0; c0 < cols; c0 += TILE) {
                    int c1 = Math.min(cols, c0 + TILE);
                    for (int r = r0; r < r1; r++) {
                        for (int c = c0; c < c1; c++) {
                            out[base + c * rows + r] = x[base + r * cols + c];
                        }
                    }
                }
            }
        }
    }

    /** SPI layout {@code [batch, patchSize, positions]}: rows {@code [r0, r1)} of the {@code batch * patchSize} rows. */
    static void im2col(float[] x, Window2d w, float padValue, float[] cols, int r0, int r1) {
        int patch = w.patchSize();
        int area = w.kernelHeight() * w.kernelWidth();
        for (int row = r0; row < r1; row++) {
            int n = row / patch;
            int r = row % patch;
            int c = r / area;
            copyShifted(x, w, (n * w.channels() + c) * w.height() * w.width(), r / w.kernelWidth() % w.kernelHeight(),
                    r % w.kernelWidth(), padValue, cols, row * w.positions());
        }
    }

    /** The plane at {@code plane} seen through kernel offset (ky, kx): one value per output position. */
    private static void copyShifted(float[] x, Window2d w, int plane, int ky, int kx, float padValue, float[] out,
                                    int at) {
        int s = w.stride();
        int outW = w.outWidth();
        // Output columns whose input column lies inside the image: ox in [first, last).
        int first = Math.min(outW, Math.max(0, ceilDiv(w.padding() - kx, s)));
        int last = Math.max(first, Math.min(outW, ceilDiv(w.width() + w.padding() - kx, s)));
        for (int oy = 0; oy < w.outHeight(); oy++) {
            int iy = oy * s + ky - w.padding();
            int o = at + oy * outW;
            if (iy < 0 || iy >= w.height()) {
                Arrays.fill(out, o, o + outW, padValue);
                continue;
            }
            Arrays.fill(out, o, o + first, padValue);
            int src = plane + iy * w.width() + first * s + kx - w.padding();
            if (s == 1) {
                System.arraycopy(x, src, out, o + first, last - first);
            } else {
                for (int ox = first; ox < last; ox++, src += s) {
                    out[o + ox] = x[src];
                }
            }
            Arrays.fill(out, o + last, o + outW, padValue);
        }
    }

    /**
     * Planes {@code [p0, p1)} (each an (image, channel) pair) of {@code x} as the sum of the patch entries taken
     * from them; {@code columnLayout} selects {@code cols [patchSize, batch * positions]} over the SPI's
     * {@code [batch, patchSize, positions]}.
     */
    static void col2im(float[] cols, Window2d w, boolean columnLayout, float[] x, int p0, int p1) {
        int area = w.kernelHeight() * w.kernelWidth();
        int positions = w.positions();
        int planeSize = w.height() * w.width();
        int s = w.stride();
        for (int p = p0; p < p1; p++) {
            int n = p / w.channels();
            int c = p % w.channels();
            Arrays.fill(x, p * planeSize, (p + 1) * planeSize, 0f);
            for (int k = 0; k < area; k++) {
                int ky = k / w.kernelWidth();
                int kx = k % w.kernelWidth();
                int r = c * area + k;
                int base = columnLayout ? r * w.batch() * positions + n * positions
                        : (n * w.patchSize() + r) * positions;
                int first = Math.min(w.outWidth(), Math.max(0, ceilDiv(w.padding() - kx, s)));
                int last = Math.max(first, Math.min(w.outWidth(), ceilDiv(w.width() + w.padding() - kx, s)));
                for (int oy = 0; oy < w.outHeight(); oy++) {
                    int iy = oy * s + ky - w.padding();
                    if (iy < 0 || iy >= w.height()) {
                        continue;
                    }
                    int dst = p * planeSize + iy * w.width() + first * s + kx - w.padding();
                    int src = base + oy * w.outWidth();
                    for (int ox = first; ox < last; ox++, dst += s) {
                        x[dst] += cols[src + ox];
                    }
                }
            }
        }
    }

    /**
     * Channels {@code [o0, o1)} of {@code product [outChannels, batch * positions]} into NCHW {@code out}
     * ({@code [batch, outChannels, positions]}), plus the bias when there is one.
     */
    static void toImages(float[] product, float[] bias, int batch, int outChannels, int positions, float[] out,
                         int o0, int o1) {
        for (int o = o0; o < o1; o++) {
            float b = bias == null ? 0f : bias[o];
            for (int n = 0; n < batch; n++) {
                int src = (o * batch + n) * positions;
                int dst = (n * outChannels + o) * positions;
                for (int p = 0; p < positions; p++) {
                    out[dst + p] = product[src + p] + b;
                }
            }
        }
    }

    /** Channels {@code [o0, o1)} of NCHW {@code images} as rows of {@code [outChannels, batch * positions]}. */
    static void fromImages(float[] images, int batch, int outChannels, int positions, float[] rows, int o0, int o1) {
        for (int o = o0; o < o1; o++) {
            for (int n = 0; n < batch; n++) {
                System.arraycopy(images, (n * outChannels + o) * positions, rows, (o * batch + n) * positions, positions);
            }
        }
    }

    /**
     * Planes {@code [p0, p1)} of max pooling: the largest value under each window (padding is -infinity, NaN
     * larger than any number) and the window position {@code ky * kernelWidth + kx} of its first occurrence.
     */
    static void maxPool(float[] x, Window2d w, float[] out, float[] argmax, int p0, int p1) {
        int planeSize = w.height() * w.width();
        int positions = w.positions();
        for (int p = p0; p < p1; p++) {
            int plane = p * planeSize;
            int o = p * positions;
            for (int oy = 0; oy < w.outHeight(); oy++) {
                for (int ox = 0; ox < w.outWidth(); ox++, o++) {
                    float best = Float.NEGATIVE_INFINITY;
                    int at = 0;
                    for (int ky = 0; ky < w.kernelHeight() && !Float.isNaN(best); ky++) {
                        int iy = oy * w.stride() + ky - w.padding();
                        if (iy < 0 || iy >= w.height()) {
                            continue;
                        }
                        for (int kx = 0; kx < w.kernelWidth(); kx++) {
                            int ix = ox * w.stride() + kx - w.padding();
                            if (ix < 0 || ix >= w.width()) {
                                continue;
                            }
                            float v = x[plane + iy * w.width() + ix];
                            if (v > best || Float.isNaN(v)) {
                                best = v;
                                at = ky * w.kernelWidth() + kx;
                                if (Float.isNaN(v)) {
                                    break;
                                }
                            }
                        }
                    }
                    out[o] = best;
                    argmax[o] = at;
                }
            }
        }
    }

    /** Planes {@code [p0, p1)} of the max-pooling gradient: each window's gradient added at its argmax. */
    static void maxPoolBackward(float[] gradOut, float[] argmax, Window2d w, float[] gradIn, int p0, int p1) {
        int planeSize = w.height() * w.width();
        int positions = w.positions();
        for (int p = p0; p < p1; p++) {
            Arrays.fill(gradIn, p * planeSize, (p + 1) * planeSize, 0f);
            int o = p * positions;
            for (int oy = 0; oy < w.outHeight(); oy++) {
                for (int ox = 0; ox < w.outWidth(); ox++, o++) {
                    int at = (int) argmax[o];
                    int iy = oy * w.stride() + at / w.kernelWidth() - w.padding();
                    int ix = ox * w.stride() + at % w.kernelWidth() - w.padding();
                    if (iy >= 0 && iy < w.height() && ix >= 0 && ix < w.width()) {
                        gradIn[p * planeSize + iy * w.width() + ix] += gradOut[o];
                    }
                }
            }
        }
    }

    private static int ceilDiv(int a, int b) {
        return Math.floorDiv(a + b - 1, b);
    }
}
