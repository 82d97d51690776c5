package org.dab4j.backend.vector;

import static org.dab4j.backend.vector.Simd.L;
import static org.dab4j.backend.vector.Simd.S;

import java.util.Arrays;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Single-precision matrix product {@code C[m,n] = op(A)[m,k] * op(B)[k,n]}: for each slice of at most {@link #KC}
 * of k, B is packed into panels of {@link #NR} columns (k-major, zero-padded past column n) and a 6 x 4-vector
 * register block multiplies six rows of op(A) by one B panel, straight into C; chunks of {@link #CHUNK} such
 * blocks of rows go over the B panels together. A stored A is read in place, six rows as six streams along k
 * (only a partial last block of rows is copied, zero-padded): packing it into panels cost as much as a few B
 * panels' worth of multiply-adds, which is most of the time when N is small (the training shapes). A
 * transposed A is copied one chunk of rows at a time into a k-major buffer, one sequential read per chunk. A
 * transposed B only changes how it is packed. All of B is packed once, its panels shared out over the
 * threads; then the threads split M on multiples of {@link #MR}.
 *
 * <p>Every element of C is accumulated in an order fixed by (m, k, n) alone: slices in order, k ascending
 * within a slice, so results do not depend on the thread count.
 */
final class Gemm {
    /** Rows of the register block. */
    static final int MR = 6;
    /** Columns of the register block: four vectors. */
    static final int NR = 4 * L;
    /**
     * The largest k-slice; slices are made equal so that none is a sliver. Long slices pay: every slice costs
     * the register block a start and a read-modify-write of C (measured on Zen 5: 185 GFLOP/s per thread at
     * 384, 205 at 1024, for 1024 x 1024 x 1024), while six rows of A over 1024 k still fit in L1.
     */
    private static final int KC = 1024;
    /** k per block of the transposing copy of a transposed B. */
    private static final int TRANSPOSE_BLOCK = 64;
    /**
     * Blocks of MR rows that go over the B panels together: each B panel is read from L2 once per chunk
     * instead of once per block, while the chunk's rows of A (8 x 6 rows of up to 1024 k) stay in L2 too.
     * Measured on Zen 5, one thread: 1024 x 1024 x 1024 at 245 GFLOP/s against 209 block by block.
     */
    private static final int CHUNK = 8;
    /**
     * A last B panel at most this wide is multiplied one vector of columns at a time ({@link #kernelStrip}):
     * the four-vector block would spend most of its multiply-adds on the zero padding (n = 784, MNIST's
     * input width, leaves 16 columns: 5% of the work of a whole product, done at a quarter of the use).
     */
    private static final int NARROW = 2 * L;
    /** Below this many multiply-adds packing costs more than it saves. */
    private static final long SMALL_WORK = 1L << 14;
    /** From this many multiply-adds on, splitting over threads pays for the hand-off. */
    private static final long PARALLEL_WORK = 1L << 20;

    /** Slots of {@link #SCRATCH}. */
    private static final int B_PANELS = 0;
    /** A partial last block of a stored A, or a chunk of a transposed A. */
    private static final int A_EDGE = 1;
    private static final int TILE = 2;
    /**
     * Packing buffers per thread, kept between products so that a training step packs into warm memory instead
     * of allocating megabytes of garbage per product: the calling thread's B panels (read by every thread
     * during its product), and each thread's own copies of A and tile.
     */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[3][0]);

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
        boolean parallel = work >= PARALLEL_WORK;
        int slices = (k + KC - 1) / KC;
        int units = slices * ((n + NR - 1) / NR);
        // All of op(B) is packed first into the caller's buffer, its (slice, panel) units shared out over the
        // threads; then every thread reads all of it for its rows.
        float[] bp = scratch(SCRATCH.get(), B_PANELS, k * roundUp(n, NR));
        pool.run(units, 1, parallel, (from, to) -> packB(b, transB, k, n, slices, bp, from, to));
        pool.run((m + MR - 1) / MR, 1, parallel,
                (from, to) -> multiplyRows(a, transA, bp, c, m, k, n, slices, from * MR, Math.min(m, to * MR)));
    }

    /** Where slice {@code s} of {@code slices} equal slices of k starts: the first k % slices take one extra k. */
    private static int sliceStart(int k, int slices, int s) {
        return s * (k / slices) + Math.min(s, k % slices);
    }

    /**
     * Rows {@code [r0, r1)} of C, with op(B) packed in {@code bp}, chunk by chunk of rows; the first slice of k
     * writes C, the later ones add into it.
     */
    private static void multiplyRows(float[] a, boolean transA, float[] bp, float[] c, int m, int k, int n,
                                     int slices, int r0, int r1) {
        float[][] scratch = SCRATCH.get();
        float[] edge = scratch(scratch, A_EDGE, (k + slices - 1) / slices * MR * (transA ? CHUNK : 1));
        float[] tile = scratch(scratch, TILE, MR * NR);
        for (int s = 0; s < slices; s++) {
            int p0 = sliceStart(k, slices, s);
            int kc = sliceStart(k, slices, s + 1) - p0;
            for (int c0 = r0; c0 < r1; c0 += CHUNK * MR) {
                multiplyChunk(a, transA, bp, c, m, k, n, p0, kc, c0, Math.min(r1, c0 + CHUNK * MR), edge, tile);
            }
        }
    }

    /**
     * Rows {@code [c0, c1)} of C over the slice {@code [p0, p0+kc)} of k: written by the first slice, added to by
     * the later ones.
     */
    private static void multiplyChunk(float[] a, boolean transA, float[] bp, float[] c, int m, int k, int n,
                                      int p0, int kc, int c0, int c1, float[] edge, float[] tile) {
        int bPanels = (n + NR - 1) / NR;
        int full = c0 + (c1 - c0) / MR * MR;
        boolean add = p0 > 0;
        if (transA) {
            packChunkTransposed(a, m, c0, c1, p0, kc, edge);
        } else if (full < c1) {
            packEdge(a, k, full, c1 - full, p0, kc, edge);
        }
        for (int jp = 0; jp < bPanels; jp++) {
            int col = jp * NR;
            int cols = Math.min(NR, n - col);
            int bo = (p0 * bPanels + jp * kc) * NR;
            for (int i = c0; i < c1; i += MR) {
                // Where this block's rows of op(A) over the slice start, and the stride between rows (a
                // stored A, read in place or from the copy of a partial block) or between k (the copy of
                // a transposed A).
                boolean full6 = i < full;
                boolean inPlace = full6 && !transA;
                float[] as = inPlace ? a : edge;
                int ao = transA ? i - c0 : inPlace ? i * k + p0 : 0;
                int lda = transA ? CHUNK * MR : inPlace ? k : kc;
                if (full6 && cols == NR) {
                    block(transA, as, ao, lda, bp, bo, kc, c, i * n + col, n, add);
                    continue;
                }
                if (cols <= NARROW) {
                    int rowStride = transA ? 1 : lda;
                    int kStride = transA ? lda : 1;
                    for (int v = 0; v < cols; v += L) {
                        kernelStrip(as, ao, rowStride, kStride, bp, bo + v, kc, tile, v);
                    }
                } else {
                    block(transA, as, ao, lda, bp, bo, kc, tile, 0, NR, false);
                }
                store(tile, c, n, i, Math.min(MR, c1 - i), col, cols, add);
            }
        }
    }

    /**
     * One register block, by the kernel for A's layout: the k-major copy of a transposed A (lda is then fixed),
     * or a row-major A.
     */
    private static void block(boolean transA, float[] a, int ao, int lda, float[] bp, int bo, int kc,
                              float[] c, int co, int ldc, boolean add) {
        if (transA) {
            kernelTransposedA(a, ao, bp, bo, kc, c, co, ldc, add);
        } else {
            kernelRowMajorA(a, ao, lda, bp, bo, kc, c, co, ldc, add);
        }
    }

    /**
     * The packing buffers of {@code scratch} slot {@code which}, grown to at least {@code length}. Every float
     * a product reads from them it has written first (edges are zero-padded explicitly), so old contents
     * never leak into a result.
     */
    private static float[] scratch(float[][] scratch, int which, int length) {
        if (scratch[which].length < length) {
            scratch[which] = new float[length];
        }
        return scratch[which];
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }

    /**
     * Packs units {@code [from, to)} of op(B), unit u being panel {@code u % panels} of slice {@code u / panels}:
     * slice s lies at {@code sliceStart(s) * panels * NR}, and in it panel jp holds, for each of the slice's k,
     * its NR floats contiguously, zero past column n.
     */
    private static void packB(float[] b, boolean transB, int k, int n, int slices, float[] bp, int from, int to) {
        int panels = (n + NR - 1) / NR;
        for (int u = from; u < to; u++) {
            int s = u / panels;
            int jp = u % panels;
            int p0 = sliceStart(k, slices, s);
            int kc = sliceStart(k, slices, s + 1) - p0;
            int j0 = jp * NR;
            int base = (p0 * panels + jp * kc) * NR;
            int w = Math.min(NR, n - j0);
            if (transB) {
                // op(B)[p][j] = b[j*k + p]: a transpose, in blocks of TRANSPOSE_BLOCK k so that the part of the
                // panel being written stays in L1 while the panel's NR source rows are read along k.
                for (int q0 = 0; q0 < kc; q0 += TRANSPOSE_BLOCK) {
                    int q1 = Math.min(kc, q0 + TRANSPOSE_BLOCK);
                    for (int j = 0; j < w; j++) {
                        int src = (j0 + j) * k + p0;
                        for (int p = q0; p < q1; p++) {
                            bp[base + p * NR + j] = b[src + p];
                        }
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
     * Copies the rows {@code [c0, c1)} of a transposed A over {@code [p0, p0+kc)} into {@code buf}, k-major with
     * {@code CHUNK * MR} floats per k, zero past row c1 up to a whole block. The kernel could read them in place,
     * but they lie one cache line per k apart there, in L2 or beyond when the slice is long; the copy is one
     * sequential read per chunk and slice, and lets the kernel read A with a constant stride.
     */
    private static void packChunkTransposed(float[] a, int m, int c0, int c1, int p0, int kc, float[] buf) {
        int rows = c1 - c0;
        int whole = rows / L * L;
        int padded = (rows + MR - 1) / MR * MR;
        for (int p = 0; p < kc; p++) {
            int src = (p0 + p) * m + c0;
            int dst = p * CHUNK * MR;
            for (int v = 0; v < whole; v += L) {
                FloatVector.fromArray(S, a, src + v).intoArray(buf, dst + v);
            }
            // The rest of a partial chunk: rows past c1 read as zeros, and nothing is written past the block.
            for (int v = whole; v < padded; v += L) {
                FloatVector.fromArray(S, a, src + v, S.indexInRange(v, rows))
                        .intoArray(buf, dst + v, S.indexInRange(v, padded));
            }
        }
    }

    /**
     * Copies the last {@code rows < MR} rows of a stored A over {@code [p0, p0+kc)} into {@code edge}, row-major
     * with stride kc, zero past them.
     */
    private static void packEdge(float[] a, int k, int i, int rows, int p0, int kc, float[] edge) {
        Arrays.fill(edge, rows * kc, MR * kc, 0f);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(a, (i + r) * k + p0, edge, r * kc, kc);
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
     * The register block for a row-major A: {@code C[6][NR] (+)= A * B panel}, where row r of A over the slice
     * starts at {@code ap[ao + r * lda]}, and C's rows are {@code ldc} apart from {@code c[co]}; with {@code add}
     * the block is added to C (a later k-slice). The 24 accumulators are separate locals (an array of vectors
     * would box them), plus 4 B vectors and one broadcast: 29 of the 32 AVX-512 registers. The six row starts are
     * kept apart so that each load is a row start plus p (one stride multiplication per row per call, not per k).
     */
    private static void kernelRowMajorA(float[] ap, int ao, int lda, float[] bp, int bo, int kc,
                                        float[] c, int co, int ldc, boolean add) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c02 = z, c03 = z;
        FloatVector c10 = z, c11 = z, c12 = z, c13 = z;
        FloatVector c20 = z, c21 = z, c22 = z, c23 = z;
        FloatVector c30 = z, c31 = z, c32 = z, c33 = z;
        FloatVector c40 = z, c41 = z, c42 = z, c43 = z;
        FloatVector c50 = z, c51 = z, c52 = z, c53 = z;
        int a0 = ao;
        int a1 = ao + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        int a4 = a3 + lda;
        int a5 = a4 + lda;
        for (int p = 0; p < kc; p++) {
            int bk = bo + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bk);
            FloatVector b1 = FloatVector.fromArray(S, bp, bk + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, bk + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, bp, bk + 3 * L);
            FloatVector a = FloatVector.broadcast(S, ap[a0 + p]);
            c00 = a.fma(b0, c00); c01 = a.fma(b1, c01); c02 = a.fma(b2, c02); c03 = a.fma(b3, c03);
            a = FloatVector.broadcast(S, ap[a1 + p]);
            c10 = a.fma(b0, c10); c11 = a.fma(b1, c11); c12 = a.fma(b2, c12); c13 = a.fma(b3, c13);
            a = FloatVector.broadcast(S, ap[a2 + p]);
            c20 = a.fma(b0, c20); c21 = a.fma(b1, c21); c22 = a.fma(b2, c22); c23 = a.fma(b3, c23);
            a = FloatVector.broadcast(S, ap[a3 + p]);
            c30 = a.fma(b0, c30); c31 = a.fma(b1, c31); c32 = a.fma(b2, c32); c33 = a.fma(b3, c33);
            a = FloatVector.broadcast(S, ap[a4 + p]);
            c40 = a.fma(b0, c40); c41 = a.fma(b1, c41); c42 = a.fma(b2, c42); c43 = a.fma(b3, c43);
            a = FloatVector.broadcast(S, ap[a5 + p]);
            c50 = a.fma(b0, c50); c51 = a.fma(b1, c51); c52 = a.fma(b2, c52); c53 = a.fma(b3, c53);
        }
        if (add) {
            c00 = c00.add(FloatVector.fromArray(S, c, co));
            c01 = c01.add(FloatVector.fromArray(S, c, co + L));
            c02 = c02.add(FloatVector.fromArray(S, c, co + 2 * L));
            c03 = c03.add(FloatVector.fromArray(S, c, co + 3 * L));
            c10 = c10.add(FloatVector.fromArray(S, c, co + ldc));
            c11 = c11.add(FloatVector.fromArray(S, c, co + ldc + L));
            c12 = c12.add(FloatVector.fromArray(S, c, co + ldc + 2 * L));
            c13 = c13.add(FloatVector.fromArray(S, c, co + ldc + 3 * L));
            c20 = c20.add(FloatVector.fromArray(S, c, co + 2 * ldc));
            c21 = c21.add(FloatVector.fromArray(S, c, co + 2 * ldc + L));
            c22 = c22.add(FloatVector.fromArray(S, c, co + 2 * ldc + 2 * L));
            c23 = c23.add(FloatVector.fromArray(S, c, co + 2 * ldc + 3 * L));
            c30 = c30.add(FloatVector.fromArray(S, c, co + 3 * ldc));
            c31 = c31.add(FloatVector.fromArray(S, c, co + 3 * ldc + L));
            c32 = c32.add(FloatVector.fromArray(S, c, co + 3 * ldc + 2 * L));
            c33 = c33.add(FloatVector.fromArray(S, c, co + 3 * ldc + 3 * L));
            c40 = c40.add(FloatVector.fromArray(S, c, co + 4 * ldc));
            c41 = c41.add(FloatVector.fromArray(S, c, co + 4 * ldc + L));
            c42 = c42.add(FloatVector.fromArray(S, c, co + 4 * ldc + 2 * L));
            c43 = c43.add(FloatVector.fromArray(S, c, co + 4 * ldc + 3 * L));
            c50 = c50.add(FloatVector.fromArray(S, c, co + 5 * ldc));
            c51 = c51.add(FloatVector.fromArray(S, c, co + 5 * ldc + L));
            c52 = c52.add(FloatVector.fromArray(S, c, co + 5 * ldc + 2 * L));
            c53 = c53.add(FloatVector.fromArray(S, c, co + 5 * ldc + 3 * L));
        }
        c00.intoArray(c, co); c01.intoArray(c, co + L);
        c02.intoArray(c, co + 2 * L); c03.intoArray(c, co + 3 * L);
        c10.intoArray(c, co + ldc); c11.intoArray(c, co + ldc + L);
        c12.intoArray(c, co + ldc + 2 * L); c13.intoArray(c, co + ldc + 3 * L);
        c20.intoArray(c, co + 2 * ldc); c21.intoArray(c, co + 2 * ldc + L);
        c22.intoArray(c, co + 2 * ldc + 2 * L); c23.intoArray(c, co + 2 * ldc + 3 * L);
        c30.intoArray(c, co + 3 * ldc); c31.intoArray(c, co + 3 * ldc + L);
        c32.intoArray(c, co + 3 * ldc + 2 * L); c33.intoArray(c, co + 3 * ldc + 3 * L);
        c40.intoArray(c, co + 4 * ldc); c41.intoArray(c, co + 4 * ldc + L);
        c42.intoArray(c, co + 4 * ldc + 2 * L); c43.intoArray(c, co + 4 * ldc + 3 * L);
        c50.intoArray(c, co + 5 * ldc); c51.intoArray(c, co + 5 * ldc + L);
        c52.intoArray(c, co + 5 * ldc + 2 * L); c53.intoArray(c, co + 5 * ldc + 3 * L);
    }

    /**
     * One vector of columns of a register block, written to the tile at {@code t[to]} with rows NR apart: six
     * rows of op(A), row r at k p being {@code ap[ao + r * rowStride + p * kStride]} (either layout), times the
     * L columns at {@code bp[bo + p * NR]} of a B panel. Six accumulators cannot hide the multiply-add's
     * latency as the 24 of the whole block do, but over a panel with at most {@link #NARROW} valid columns one
     * or two strips cost less than the whole block.
     */
    private static void kernelStrip(float[] ap, int ao, int rowStride, int kStride, float[] bp, int bo, int kc,
                                    float[] t, int to) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
        int a1 = ao + rowStride;
        int a2 = a1 + rowStride;
        int a3 = a2 + rowStride;
        int a4 = a3 + rowStride;
        int a5 = a4 + rowStride;
        for (int p = 0, ak = 0; p < kc; p++, ak += kStride) {
            FloatVector b = FloatVector.fromArray(S, bp, bo + p * NR);
            c0 = FloatVector.broadcast(S, ap[ao + ak]).fma(b, c0);
            c1 = FloatVector.broadcast(S, ap[a1 + ak]).fma(b, c1);
            c2 = FloatVector.broadcast(S, ap[a2 + ak]).fma(b, c2);
            c3 = FloatVector.broadcast(S, ap[a3 + ak]).fma(b, c3);
            c4 = FloatVector.broadcast(S, ap[a4 + ak]).fma(b, c4);
            c5 = FloatVector.broadcast(S, ap[a5 + ak]).fma(b, c5);
        }
        c0.intoArray(t, to);
        c1.intoArray(t, to + NR);
        c2.intoArray(t, to + 2 * NR);
        c3.intoArray(t, to + 3 * NR);
        c4.intoArray(t, to + 4 * NR);
        c5.intoArray(t, to + 5 * NR);
    }

    /**
     * The register block for the k-major copy of a transposed A ({@link #packChunkTransposed}): the six rows'
     * values of one k sit side by side at {@code ap[ao + p * CHUNK * MR]}; otherwise as {@link #kernelRowMajorA}.
     * The stride is a constant on purpose: with the same loop reading a variable stride, this kernel ran 10-15%
     * slower (JMH, one thread, 784 x 1024 x 512).
     */
    private static void kernelTransposedA(float[] ap, int ao, float[] bp, int bo, int kc,
                                          float[] c, int co, int ldc, boolean add) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c02 = z, c03 = z;
        FloatVector c10 = z, c11 = z, c12 = z, c13 = z;
        FloatVector c20 = z, c21 = z, c22 = z, c23 = z;
        FloatVector c30 = z, c31 = z, c32 = z, c33 = z;
        FloatVector c40 = z, c41 = z, c42 = z, c43 = z;
        FloatVector c50 = z, c51 = z, c52 = z, c53 = z;
        for (int p = 0; p < kc; p++) {
            int bk = bo + p * NR;
            int ak = ao + p * (CHUNK * MR);
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
        if (add) {
            c00 = c00.add(FloatVector.fromArray(S, c, co));
            c01 = c01.add(FloatVector.fromArray(S, c, co + L));
            c02 = c02.add(FloatVector.fromArray(S, c, co + 2 * L));
            c03 = c03.add(FloatVector.fromArray(S, c, co + 3 * L));
            c10 = c10.add(FloatVector.fromArray(S, c, co + ldc));
            c11 = c11.add(FloatVector.fromArray(S, c, co + ldc + L));
            c12 = c12.add(FloatVector.fromArray(S, c, co + ldc + 2 * L));
            c13 = c13.add(FloatVector.fromArray(S, c, co + ldc + 3 * L));
            c20 = c20.add(FloatVector.fromArray(S, c, co + 2 * ldc));
            c21 = c21.add(FloatVector.fromArray(S, c, co + 2 * ldc + L));
            c22 = c22.add(FloatVector.fromArray(S, c, co + 2 * ldc + 2 * L));
            c23 = c23.add(FloatVector.fromArray(S, c, co + 2 * ldc + 3 * L));
            c30 = c30.add(FloatVector.fromArray(S, c, co + 3 * ldc));
            c31 = c31.add(FloatVector.fromArray(S, c, co + 3 * ldc + L));
            c32 = c32.add(FloatVector.fromArray(S, c, co + 3 * ldc + 2 * L));
            c33 = c33.add(FloatVector.fromArray(S, c, co + 3 * ldc + 3 * L));
            c40 = c40.add(FloatVector.fromArray(S, c, co + 4 * ldc));
            c41 = c41.add(FloatVector.fromArray(S, c, co + 4 * ldc + L));
            c42 = c42.add(FloatVector.fromArray(S, c, co + 4 * ldc + 2 * L));
            c43 = c43.add(FloatVector.fromArray(S, c, co + 4 * ldc + 3 * L));
            c50 = c50.add(FloatVector.fromArray(S, c, co + 5 * ldc));
            c51 = c51.add(FloatVector.fromArray(S, c, co + 5 * ldc + L));
            c52 = c52.add(FloatVector.fromArray(S, c, co + 5 * ldc + 2 * L));
            c53 = c53.add(FloatVector.fromArray(S, c, co + 5 * ldc + 3 * L));
        }
        c00.intoArray(c, co); c01.intoArray(c, co + L);
        c02.intoArray(c, co + 2 * L); c03.intoArray(c, co + 3 * L);
        c10.intoArray(c, co + ldc); c11.intoArray(c, co + ldc + L);
        c12.intoArray(c, co + ldc + 2 * L); c13.intoArray(c, co + ldc + 3 * L);
        c20.intoArray(c, co + 2 * ldc); c21.intoArray(c, co + 2 * ldc + L);
        c22.intoArray(c, co + 2 * ldc + 2 * L); c23.intoArray(c, co + 2 * ldc + 3 * L);
        c30.intoArray(c, co + 3 * ldc); c31.intoArray(c, co + 3 * ldc + L);
        c32.intoArray(c, co + 3 * ldc + 2 * L); c33.intoArray(c, co + 3 * ldc + 3 * L);
        c40.intoArray(c, co + 4 * ldc); c41.intoArray(c, co + 4 * ldc + L);
        c42.intoArray(c, co + 4 * ldc + 2 * L); c43.intoArray(c, co + 4 * ldc + 3 * L);
        c50.intoArray(c, co + 5 * ldc); c51.intoArray(c, co + 5 * ldc + L);
        c52.intoArray(c, co + 5 * ldc + 2 * L); c53.intoArray(c, co + 5 * ldc + 3 * L);
    }
}
