package org.dab4j.backend.vector;

import java.util.Arrays;

import org.dab4j.tensor.Shape;

/**
 * How to walk {@code a op b} over their broadcast shape: dimensions of size 1 dropped, and adjacent dimensions
 * merged where each operand either steps through both or repeats along both. What remains is a list of rows
 * of {@link #inner()} floats, in each of which an operand is either a contiguous run or one repeated value.
 * Same shapes become one row, a scalar operand one row against a repeated value, {@code [m,n] op [n]} m rows
 * against the same run, {@code [m,n] op [m,1]} m rows against one value each.
 */
final class BroadcastPlan {
    private final int[] dims;
    private final int[] aStrides;
    private final int[] bStrides;

    private BroadcastPlan(int[] dims, int[] aStrides, int[] bStrides) {
        this.dims = dims;
        this.aStrides = aStrides;
        this.bStrides = bStrides;
    }

    static BroadcastPlan of(Shape a, Shape b, Shape out) {
        int rank = out.rank();
        int[] outDims = out.toArray();
        int[] dims = new int[Math.max(rank, 1)];
        boolean[] aRepeats = new boolean[dims.length];
        boolean[] bRepeats = new boolean[dims.length];
        int count = 0;
        for (int d = 0; d < rank; d++) {
            if (outDims[d] == 1) {
                continue;
            }
            boolean ar = dimAligned(a, d, rank) == 1;
            boolean br = dimAligned(b, d, rank) == 1;
            if (count > 0 && aRepeats[count - 1] == ar && bRepeats[count - 1] == br) {
                dims[count - 1] *= outDims[d];
            } else {
                dims[count] = outDims[d];
                aRepeats[count] = ar;
                bRepeats[count] = br;
                count++;
            }
        }
        if (count == 0) {
            dims[0] = 1;
            count = 1;
        }
        int[] merged = Arrays.copyOf(dims, count);
        return new BroadcastPlan(merged, strides(merged, aRepeats), strides(merged, bRepeats));
    }

    /** Dimension {@code d} of the broadcast rank, with {@code shape} right-aligned and padded with ones. */
    private static int dimAligned(Shape shape, int d, int rank) {
        int shift = rank - shape.rank();
        return d < shift ? 1 : shape.dim(d - shift);
    }

    private static int[] strides(int[] dims, boolean[] repeats) {
        int[] strides = new int[dims.length];
        int stride = 1;
        for (int d = dims.length - 1; d >= 0; d--) {
            if (!repeats[d]) {
                strides[d] = stride;
                stride *= dims[d];
            }
        }
        return strides;
    }

    /** The number of rows: the product of all merged dimensions but the last. */
    int rows() {
        int rows = 1;
        for (int d = 0; d < dims.length - 1; d++) {
            rows *= dims[d];
        }
        return rows;
    }

    /** The length of a row. */
    int inner() {
        return dims[dims.length - 1];
    }

    /** Whether a steps through each row (else it repeats one value along it). */
    boolean aRuns() {
        return aStrides[dims.length - 1] != 0;
    }

    /** Whether b steps through each row (else it repeats one value along it). */
    boolean bRuns() {
        return bStrides[dims.length - 1] != 0;
    }

    /** Where row {@code row} starts in a. */
    int aOffset(int row) {
        return offset(row, aStrides);
    }

    /** Where row {@code row} starts in b. */
    int bOffset(int row) {
        return offset(row, bStrides);
    }

    private int offset(int row, int[] strides) {
        int offset = 0;
        int rest = row;
        for (int d = dims.length - 2; d >= 0; d--) {
            offset += rest % dims[d] * strides[d];
            rest /= dims[d];
        }
        return offset;
    }
}
