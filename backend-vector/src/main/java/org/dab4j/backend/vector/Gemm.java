package org.dab4j.backend.vector;

import static org.dab4j.backend.vector.Simd.L;
import static org.dab4j.backend.vector.Simd.S;

import java.util.Arrays;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Single-precision matrix product {@code C[m,n] = op(A)[m,k] * op(B)[k,n]}, BLIS style: for each slice of
 * at most {@link #KC} of k, B is packed into panels of {@link #NR} columns and A into panels of {@link #MR}
 * rows, both k-major and zero-padded at the edges, and a 6 x 4-vector register block multiplies one A panel
 * by one B panel. A transposed operand only changes how it is packed. Threads split M on multiples of
 * {@link #MR}, each packing its own copy of B.
 *
 * <p>Every element of C is accumulated in an order fixed by (m, k, n) alone: slices in order, k ascending
 * within a slice, so results do not depend on the thread count.
 */
final class Gemm {
    /** Rows of the register block. */
    static final int MR = 6;
    /** Columns of the register block: four vectors. */
    static final int NR = 4 * L;
    /** The largest k-slice; slices are made equal so that none is a sliver. */
    private static final int KC = 384;
    /** Rows of A packed at once, a multiple of MR; the A panels stay in L2 while B streams past. */
    private static final int MC = 192;
    /** Below this many multiply-adds packing costs more than it saves. */
    private static final long SMALL_WORK = 1L << 14;
    /** From this many multiply-adds on, splitting over threads pays for the hand-off. */
    private static final long PARALLEL_WORK = 1L << 20;

    private Gemm() {
    }

    static void multiply(WorkerPool pool, float[] a, boolean transA, float[] b, boolean transB, float[] c,
                         int m, int k, int n) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            Arrays.fill(c, 0, m * n, 0f);
            return;
        }
        long work = (long) m * k * n;
        if (work < SMALL_WORK) {
            multiplySmall(a, transA, b, transB, c, m, k, n);
            return;
        }
        int panels = (m + MR - 1) / MR;
        pool.run(panels, 1, work >= PARALLEL_WORK,
                (from, to) -> multiplyRows(a, transA, b, transB, c, m, k, n, from * MR, Math.min(m, to * MR)));
    }

    /** Rows {@code [r0, r1)} of C by the packed path. */
    private static void multiplyRows(float[] a, boolean transA, float[] b, boolean transB, float[] c,
                                     int m, int k, int n, int r0, int r1) {
        int slices = (k + KC - 1) / KC;
        int kcMax = (k + slices - 1) / slices;
        int bPanels = (n + NR - 1) / NR;
        float[] bp = new float[kcMax * bPanels * NR];
        float[] ap = new float[kcMax * Math.min(MC, roundUp(r1 - r0, MR))];
        float[] tile = new float[MR * NR];
        int p0 = 0;
        for (int s = 0; s < slices; s++) {
            // Equal slices: the first k % slices of them take one extra k.
            int kc = k / slices + (s < k % slices ? 1 : 0);
            packB(b, transB, k, n, p0, kc, bp);
            for (int i0 = r0; i0 < r1; i0 += MC) {
                int mc = Math.min(MC, r1 - i0);
                packA(a, transA, m, k, i0, mc, p0, kc, ap);
                for (int ir = 0; ir < mc; ir += MR) {
                    int rows = Math.min(MR, mc - ir);
                    for (int jp = 0; jp < bPanels; jp++) {
                        kernel(ap, ir * kc, bp, jp * kc * NR, kc, tile);
                        int cols = Math.min(NR, n - jp * NR);
                        store(tile, c, n, i0 + ir, rows, jp * NR, cols, s > 0);
                    }
                }
            }
            p0 += kc;
        }
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }

    /**
     * Packs {@code op(B)[p0, p0+kc) x [0, n)} into panels of NR columns: panel {@code jp} holds, for each k,
     * its NR floats contiguously, zero past column n.
     */
    private static void packB(float[] b, boolean transB, int k, int n, int p0, int kc, float[] bp) {
        for (int j0 = 0, base = 0; j0 < n; j0 += NR, base += kc * NR) {
            int w = Math.min(NR, n - j0);
            if (transB) {
                // op(B)[p][j] = b[j*k + p]: read each stored row once, writing one column of the panel.
                for (int j = 0; j < w; j++) {
                    int src = (j0 + j) * k + p0;
                    for (int p = 0; p < kc; p++) {
                        bp[base + p * NR + j] = b[src + p];
                    }
                }
                if (w < NR) {
                    for (int p = 0; p < kc; p++) {
                        Arrays.fill(bp, base + p * NR + w, base + (p + 1) * NR, 0f);
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(b, (p0 + p) * n + j0, bp, base + p * NR, w);
                    if (w < NR) {
                        Arrays.fill(bp, base + p * NR + w, base + (p + 1) * NR, 0f);
                    }
                }
            }
        }
    }

    /**
     * Packs {@code op(A)[i0, i0+mc) x [p0, p0+kc)} into panels of MR rows: panel {@code ip} holds, for each k,
     * its MR floats contiguously, zero past row i0+mc.
     */
    private static void packA(float[] a, boolean transA, int m, int k, int i0, int mc, int p0, int kc, float[] ap) {
        for (int r0 = 0, base = 0; r0 < mc; r0 += MR, base += kc * MR) {
            int h = Math.min(MR, mc - r0);
            if (transA) {
                // op(A)[i][p] = a[p*m + i]: the MR floats of one k lie side by side.
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(a, (p0 + p) * m + i0 + r0, ap, base + p * MR, h);
                }
            } else {
                for (int r = 0; r < h; r++) {
                    int src = (i0 + r0 + r) * k + p0;
                    for (int p = 0; p < kc; p++) {
                        ap[base + p * MR + r] = a[src + p];
                    }
                }
            }
            if (h < MR) {
                for (int p = 0; p < kc; p++) {
                    Arrays.fill(ap, base + p * MR + h, base + (p + 1) * MR, 0f);
                }
            }
        }
    }

    /** Writes (first slice) or adds (later slices) the valid {@code rows x cols} corner of the tile into C. */
    private static void store(float[] tile, float[] c, int n, int row, int rows, int col, int cols, boolean add) {
        for (int r = 0; r < rows; r++) {
            int co = (row + r) * n + col;
            if (add) {
                int j = 0;
                for (int bound = S.loopBound(cols); j < bound; j += L) {
                    FloatVector.fromArray(S, c, co + j).add(FloatVector.fromArray(S, tile, r * NR + j))
                            .intoArray(c, co + j);
                }
                if (j < cols) {
                    VectorMask<Float> m = S.indexInRange(j, cols);
                    FloatVector.fromArray(S, c, co + j, m).add(FloatVector.fromArray(S, tile, r * NR + j, m))
                            .intoArray(c, co + j, m);
                }
            } else {
                System.arraycopy(tile, r * NR, c, co, cols);
            }
        }
    }

    /**
     * The unpacked path for tiny products: each row of op(A) is copied out once, then C's row is built by
     * vector multiply-adds of B's rows, or, for a transposed B, by dot products with B's stored rows.
     */
    private static void multiplySmall(float[] a, boolean transA, float[] b, boolean transB, float[] c,
                                      int m, int k, int n) {
        float[] row = new float[k];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                row[p] = transA ? a[p * m + i] : a[i * k + p];
            }
            int co = i * n;
            if (transB) {
                for (int j = 0; j < n; j++) {
                    c[co + j] = dot(row, b, j * k, k);
                }
            } else {
                Arrays.fill(c, co, co + n, 0f);
                for (int p = 0; p < k; p++) {
                    axpy(row[p], b, p * n, c, co, n);
                }
            }
        }
    }

    private static float dot(float[] x, float[] y, int yo, int n) {
        FloatVector s = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            s = FloatVector.fromArray(S, x, i).fma(FloatVector.fromArray(S, y, yo + i), s);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            s = FloatVector.fromArray(S, x, i, m).fma(FloatVector.fromArray(S, y, yo + i, m), s);
        }
        return VectorMath.sumLanes(s);
    }

    /** {@code y[yo + i] += alpha * x[xo + i]}. */
    private static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        FloatVector av = FloatVector.broadcast(S, alpha);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            av.fma(FloatVector.fromArray(S, x, xo + i), FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            av.fma(FloatVector.fromArray(S, x, xo + i, m), FloatVector.fromArray(S, y, yo + i, m))
                    .intoArray(y, yo + i, m);
        }
    }

    /**
     * The 6 x 4-vector register block: {@code tile[6][NR] = A panel (6 x kc) * B panel (kc x NR)}. The 24
     * accumulators are separate locals (an array of vectors would box them), plus 4 B vectors and one
     * broadcast: 29 of the 32 AVX-512 registers.
     */
    private static void kernel(float[] ap, int ao, float[] bp, int bo, int kc, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c02 = z, c03 = z;
        FloatVector c10 = z, c11 = z, c12 = z, c13 = z;
        FloatVector c20 = z, c21 = z, c22 = z, c23 = z;
        FloatVector c30 = z, c31 = z, c32 = z, c33 = z;
        FloatVector c40 = z, c41 = z, c42 = z, c43 = z;
        FloatVector c50 = z, c51 = z, c52 = z, c53 = z;
        for (int p = 0; p < kc; p++) {
            int bk = bo + p * NR;
            int ak = ao + p * MR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bk);
            FloatVector b1 = FloatVector.fromArray(S, bp, bk + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, bk + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, bp, bk + 3 * L);
            FloatVector a = FloatVector.broadcast(S, ap[ak]);
            c00 = a.fma(b0, c00); c01 = a.fma(b1, c01); c02 = a.fma(b2, c02); c03 = a.fma(b3, c03);
            a = FloatVector.broadcast(S, ap[ak + 1]);
            c10 = a.fma(b0, c10); c11 = a.fma(b1, c11); c12 = a.fma(b2, c12); c13 = a.fma(b3, c13);
            a = FloatVector.broadcast(S, ap[ak + 2]);
            c20 = a.fma(b0, c20); c21 = a.fma(b1, c21); c22 = a.fma(b2, c22); c23 = a.fma(b3, c23);
            a = FloatVector.broadcast(S, ap[ak + 3]);
            c30 = a.fma(b0, c30); c31 = a.fma(b1, c31); c32 = a.fma(b2, c32); c33 = a.fma(b3, c33);
            a = FloatVector.broadcast(S, ap[ak + 4]);
            c40 = a.fma(b0, c40); c41 = a.fma(b1, c41); c42 = a.fma(b2, c42); c43 = a.fma(b3, c43);
            a = FloatVector.broadcast(S, ap[ak + 5]);
            c50 = a.fma(b0, c50); c51 = a.fma(b1, c51); c52 = a.fma(b2, c52); c53 = a.fma(b3, c53);
        }
        c00.intoArray(tile, 0); c01.intoArray(tile, L);
        c02.intoArray(tile, 2 * L); c03.intoArray(tile, 3 * L);
        c10.intoArray(tile, NR); c11.intoArray(tile, NR + L);
        c12.intoArray(tile, NR + 2 * L); c13.intoArray(tile, NR + 3 * L);
        c20.intoArray(tile, 2 * NR); c21.intoArray(tile, 2 * NR + L);
        c22.intoArray(tile, 2 * NR + 2 * L); c23.intoArray(tile, 2 * NR + 3 * L);
        c30.intoArray(tile, 3 * NR); c31.intoArray(tile, 3 * NR + L);
        c32.intoArray(tile, 3 * NR + 2 * L); c33.intoArray(tile, 3 * NR + 3 * L);
        c40.intoArray(tile, 4 * NR); c41.intoArray(tile, 4 * NR + L);
        c42.intoArray(tile, 4 * NR + 2 * L); c43.intoArray(tile, 4 * NR + 3 * L);
        c50.intoArray(tile, 5 * NR); c51.intoArray(tile, 5 * NR + L);
        c52.intoArray(tile, 5 * NR + 2 * L); c53.intoArray(tile, 5 * NR + 3 * L);
    }
}
