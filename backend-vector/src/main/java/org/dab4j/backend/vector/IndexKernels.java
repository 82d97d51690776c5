package org.dab4j.backend.vector;

import java.util.Arrays;

/**
 * Gather, scatter and sorting: data-dependent addressing with little for SIMD to do, so plain loops, split
 * over rows by the caller. Indices arrive as floats holding exact integers.
 */
final class IndexKernels {
    private IndexKernels() {
    }

    /** {@code out[o,i] = x[o, index[o,i], i]} for outer rows {@code [from, to)}; indices already checked. */
    static void gather(float[] x, int axis, int inner, float[] index, float[] out, int from, int to) {
        for (int o = from; o < to; o++) {
            int base = o * axis * inner;
            for (int i = 0; i < inner; i++) {
                int e = o * inner + i;
                out[e] = x[base + (int) index[e] * inner + i];
            }
        }
    }

    /**
     * {@code out[o, index[o,i], i] += src[o,i]} for outer rows {@code [from, to)}, in index order so repeated
     * targets add up the same way every time; indices already checked.
     */
    static void scatterAdd(float[] src, float[] index, int axis, int inner, float[] out, int from, int to) {
        for (int o = from; o < to; o++) {
            int base = o * axis * inner;
            for (int i = 0; i < inner; i++) {
                int e = o * inner + i;
                out[base + (int) index[e] * inner + i] += src[e];
            }
        }
    }

    /** Sorts rows {@code [from, to)} of {@code [rows, length]} ascending in Float.compare order (NaN last). */
    static void sort(float[] x, float[] out, int length, int from, int to) {
        for (int r = from; r < to; r++) {
            int off = r * length;
            if (out != x) {
                System.arraycopy(x, off, out, off, length);
            }
            Arrays.sort(out, off, off + length);
        }
    }

    /**
     * The stable ascending order (Float.compare: -0 before 0, NaN last) of rows {@code [from, to)} as indices.
     * Each element becomes one long, its order-preserving int key above its index, so one primitive sort
     * both orders the values and keeps equal values in index order.
     */
    static void argsort(float[] x, float[] out, int length, int from, int to) {
        long[] keys = new long[length];
        for (int r = from; r < to; r++) {
            int off = r * length;
            for (int j = 0; j < length; j++) {
                keys[j] = (long) sortKey(x[off + j]) << 32 | j;
            }
            Arrays.sort(keys);
            for (int j = 0; j < length; j++) {
                out[off + j] = (int) keys[j];
            }
        }
    }

    /**
     * An int whose signed order is Float.compare's order: negative floats have their magnitude bits flipped
     * so that larger magnitudes sort lower; every NaN maps to the canonical NaN, above +infinity.
     */
    private static int sortKey(float value) {
        int bits = Float.floatToIntBits(value);
        return bits ^ (bits >> 31 & Integer.MAX_VALUE);
    }
}
