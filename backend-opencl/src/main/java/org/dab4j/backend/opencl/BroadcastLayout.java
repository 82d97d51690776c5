package org.dab4j.backend.opencl;

import java.util.Arrays;

import org.dab4j.tensor.Shape;

/**
 * A numpy broadcast {@code out = op(a, b)} as few dimensions as possible: size-1 output dimensions are
 * dropped and neighbours that both operands walk contiguously (or both repeat) are merged, so that almost
 * every broadcast fits the kernel's four dimensions. Strides are in floats, 0 where an operand repeats.
 *
 * @param dims     the output's dimensions, outermost first (at least one)
 * @param aStrides a's stride along each of them
 * @param bStrides b's stride along each of them
 */
record BroadcastLayout(int[] dims, int[] aStrides, int[] bStrides) {

    static BroadcastLayout of(Shape a, Shape b, Shape out) {
        int rank = out.rank();
        int[] dims = new int[rank];
        int[] sa = new int[rank];
        int[] sb = new int[rank];
        int kept = 0;
        long aStride = 1;
        long bStride = 1;
        int[] aDims = a.toArray();
        int[] bDims = b.toArray();
        int[] outDims = out.toArray();
        // From the innermost dimension outwards, so each operand's contiguous strides accumulate as we go.
        int[] revDims = new int[rank];
        int[] revA = new int[rank];
        int[] revB = new int[rank];
        for (int d = rank - 1; d >= 0; d--) {
            int ad = dimFromRight(aDims, rank - 1 - d);
            int bd = dimFromRight(bDims, rank - 1 - d);
            int size = outDims[d];
            int strideA = ad == 1 ? 0 : (int) aStride;
            int strideB = bd == 1 ? 0 : (int) bStride;
            aStride *= ad;
            bStride *= bd;
            if (size == 1) {
                continue;
            }
            if (kept > 0 && revA[kept - 1] * (long) revDims[kept - 1] == strideA
                    && revB[kept - 1] * (long) revDims[kept - 1] == strideB) {
                revDims[kept - 1] *= size;
            } else {
                revDims[kept] = size;
                revA[kept] = strideA;
                revB[kept] = strideB;
                kept++;
            }
        }
        if (kept == 0) {
            return new BroadcastLayout(new int[] {1}, new int[] {0}, new int[] {0});
        }
        for (int i = 0; i < kept; i++) {
            dims[i] = revDims[kept - 1 - i];
            sa[i] = revA[kept - 1 - i];
            sb[i] = revB[kept - 1 - i];
        }
        return new BroadcastLayout(Arrays.copyOf(dims, kept), Arrays.copyOf(sa, kept), Arrays.copyOf(sb, kept));
    }

    private static int dimFromRight(int[] dims, int fromRight) {
        return fromRight < dims.length ? dims[dims.length - 1 - fromRight] : 1;
    }

    int rank() {
        return dims.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BroadcastLayout l && Arrays.equals(dims, l.dims) && Arrays.equals(aStrides, l.aStrides)
                && Arrays.equals(bStrides, l.bStrides);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(dims) + Arrays.hashCode(aStrides)) + Arrays.hashCode(bStrides);
    }

    @Override
    public String toString() {
        return "BroadcastLayout[dims " + Arrays.toString(dims) + ", a strides " + Arrays.toString(aStrides)
                + ", b strides " + Arrays.toString(bStrides) + "]";
    }
}
