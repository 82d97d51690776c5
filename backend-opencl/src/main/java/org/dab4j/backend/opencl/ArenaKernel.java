package org.dab4j.backend.opencl;

import com.aparapi.Kernel;

/**
 * The one Aparapi kernel of an OpenCL backend: it owns the device arena that holds every tensor and two
 * staging arrays for transfers, and runs one operation per launch, chosen by {@link #op}.
 *
 * <p>Why one class with op codes: Aparapi gives each kernel instance its own OpenCL context and its own
 * device copy of each array field, so two kernels cannot share device data. With one instance, every
 * operation reads and writes the same device arena, and data crosses to the host only through the staging
 * arrays, in explicit mode ({@code put}/{@code get}).
 *
 * <p>The translator's rules shape the code: no {@code switch}, no {@code break} in loops, no other objects'
 * fields, no {@code new}, float literals only ({@code 0.5f}) and {@link Kernel}'s maths, never
 * {@link Math}, so nothing is computed in double; and no names that OpenCL C reserves ({@code half},
 * {@code max}), since the translator keeps Java's names. NaN and infinity come in as fields because the
 * translator cannot spell their literals. Operands are arena offsets; the host checks every range before a
 * launch, because the device does no bounds checks.
 *
 * <p>Arena slots {@code [0, RESERVED)} hold the status every download reads back: a canary written on
 * the device only, so a garbage collector that moved the arena (Aparapi then rebuilds the device buffer
 * from the stale host copy) shows as a lost canary; and the first invalid index an operation met, which
 * the device cannot throw.
 */
public final class ArenaKernel extends Kernel {
    // ---------------------------------------------------------------- operations
    static final int FILL = 1;
    static final int COPY = 2;
    static final int STAGE_IN = 3;
    static final int STAGE_OUT = 4;
    static final int UNARY = 5;
    static final int BINARY = 6;
    static final int BINARY_SCALAR = 7;
    static final int WHERE = 8;
    static final int REDUCE = 9;
    static final int ARGMAX = 10;
    static final int MATMUL = 11;
    static final int GATHER = 12;
    static final int SCATTER_ADD = 13;
    static final int SORT_PAD = 14;
    static final int SORT_STEP = 15;
    static final int SORT_WRITE = 16;
    static final int RANDOM_UNIFORM = 17;
    static final int RANDOM_NORMAL = 18;
    static final int BIAS_ACTIVATION = 19;
    static final int SOFTMAX_CROSS_ENTROPY = 20;
    static final int ADAM = 21;
    static final int RESET_STATUS = 22;

    // ---------------------------------------------------------------- element functions (field code)
    static final int NEG = 0;
    static final int ABS = 1;
    static final int EXP = 2;
    static final int LOG = 3;
    static final int SQRT = 4;
    static final int TANH = 5;
    static final int SIGMOID = 6;
    static final int RELU = 7;
    static final int SIGN = 8;
    static final int ROUND = 9;
    static final int SQUARE = 10;
    static final int RECIPROCAL = 11;
    /** biasActivation without an activation. */
    static final int IDENTITY = 12;

    static final int ADD = 0;
    static final int SUB = 1;
    static final int MUL = 2;
    static final int DIV = 3;
    static final int POW = 4;
    static final int MAX = 5;
    static final int MIN = 6;
    static final int GT = 7;
    static final int GE = 8;
    static final int LT = 9;
    static final int LE = 10;
    static final int EQ = 11;

    static final int SUM = 0;

    /** Outputs of one matmul row computed by one work item. */
    static final int MATMUL_COLUMNS = 8;

    // ---------------------------------------------------------------- status slots
    static final int CANARY_SLOT = 0;
    static final int ERROR_OP_SLOT = 1;
    static final int ERROR_INDEX_SLOT = 2;
    static final int ERROR_AXIS_SLOT = 3;
    static final int STATUS_SLOTS = 4;
    /** Floats at the start of the arena that never belong to a tensor (a multiple of the allocation grain). */
    static final int RESERVED = 16;
    /** A value no zero-filled or stale host copy holds. */
    static final float CANARY = 1234.5f;

    private static final float TWO_POW_MINUS_24 = 0x1.0p-24f;

    final float[] arena;
    final float[] smallStaging;
    final float[] largeStaging;

    // ---------------------------------------------------------------- launch parameters, set by the host
    int op;
    /** Work items that do something; the launch may have more, rounded up to the work-group size. */
    int count;
    /** 1 to transfer through {@link #largeStaging}, 0 through {@link #smallStaging}. */
    int large;
    /** Floats a download copies; its launch has at least {@link #STATUS_SLOTS} work items for the status. */
    int transferLength;
    /** Which unary, binary or reduce function (the constants above). */
    int code;
    /** Arena offsets of the operands and the output. */
    int x;
    int y;
    int z;
    int w;
    int out;
    /** The {@code [outer, axis, inner]} view of reductions, indexing, softmax; rows and columns elsewhere. */
    int outer;
    int axis;
    int inner;
    /** Broadcast: the output as four dimensions (dim0 outermost) and each operand's strides over them. */
    int dim1;
    int dim2;
    int dim3;
    int strideX0;
    int strideX1;
    int strideX2;
    int strideX3;
    int strideY0;
    int strideY1;
    int strideY2;
    int strideY3;
    /** Matmul {@code c[m, n] = a[m, k] b[k, n]} with the strides that encode the transposes. */
    int n;
    int k;
    int aRowStride;
    int aInnerStride;
    int bInnerStride;
    int bColStride;
    /** Bitonic sort: padded row length, the block size and the compare distance of this step. */
    int padded;
    int block;
    int distance;
    int sortValues;
    long seed;
    long counter;
    float scalar;
    float lr;
    float beta1;
    float beta2;
    float eps;
    float weightDecay;
    float correction1;
    float correction2;
    float nan;
    float inf;

    ArenaKernel(int arenaFloats, int smallStagingFloats, int largeStagingFloats) {
        arena = new float[arenaFloats];
        smallStaging = new float[smallStagingFloats + STATUS_SLOTS];
        largeStaging = new float[largeStagingFloats + STATUS_SLOTS];
        nan = Float.NaN;
        inf = Float.POSITIVE_INFINITY;
    }

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < count) {
            if (op == FILL) {
                arena[out + i] = scalar;
            } else if (op == COPY) {
                arena[out + i] = arena[x + i];
            } else if (op == STAGE_IN) {
                stageIn(i);
            } else if (op == STAGE_OUT) {
                stageOut(i);
            } else if (op == UNARY) {
                arena[out + i] = unaryOf(code, arena[x + i]);
            } else if (op == BINARY) {
                binaryAt(i);
            } else if (op == BINARY_SCALAR) {
                arena[out + i] = binaryOf(code, arena[x + i], scalar);
            } else if (op == WHERE) {
                arena[out + i] = arena[x + i] != 0f ? arena[y + i] : arena[z + i];
            } else if (op == REDUCE) {
                reduceAt(i);
            } else if (op == ARGMAX) {
                argmaxAt(i);
            } else if (op == MATMUL) {
                matmulAt(i);
            } else if (op == GATHER) {
                gatherAt(i);
            } else if (op == SCATTER_ADD) {
                scatterAddAt(i);
            } else if (op == SORT_PAD) {
                sortPad(i);
            } else if (op == SORT_STEP) {
                sortStep(i);
            } else if (op == SORT_WRITE) {
                sortWrite(i);
            } else if (op == RANDOM_UNIFORM) {
                arena[out + i] = uniform(counter + i);
            } else if (op == RANDOM_NORMAL) {
                arena[out + i] = normal(counter + i);
            } else if (op == BIAS_ACTIVATION) {
                arena[out + i] = unaryOf(code, arena[x + i] + arena[y + i % inner]);
            } else if (op == SOFTMAX_CROSS_ENTROPY) {
                softmaxCrossEntropyAt(i);
            } else if (op == ADAM) {
                adamAt(i);
            } else if (op == RESET_STATUS) {
                arena[i] = i == CANARY_SLOT ? CANARY : 0f;
            }
        }
    }

    // ---------------------------------------------------------------- transfers

    private void stageIn(int i) {
        if (large == 1) {
            arena[out + i] = largeStaging[i];
        } else {
            arena[out + i] = smallStaging[i];
        }
    }

    /** Copies {@code transferLength} floats out, and the status slots behind the staging capacity. */
    private void stageOut(int i) {
        if (large == 1) {
            if (i < transferLength) {
                largeStaging[i] = arena[x + i];
            }
            if (i < STATUS_SLOTS) {
                largeStaging[largeStaging.length - STATUS_SLOTS + i] = arena[i];
            }
        } else {
            if (i < transferLength) {
                smallStaging[i] = arena[x + i];
            }
            if (i < STATUS_SLOTS) {
                smallStaging[smallStaging.length - STATUS_SLOTS + i] = arena[i];
            }
        }
    }

    // ---------------------------------------------------------------- element functions

    private float unaryOf(int f, float v) {
        float r = v;
        if (f == NEG) {
            r = -v;
        } else if (f == ABS) {
            r = abs(v);
        } else if (f == EXP) {
            r = exp(v);
        } else if (f == LOG) {
            r = log(v);
        } else if (f == SQRT) {
            r = sqrt(v);
        } else if (f == TANH) {
            r = tanh(v);
        } else if (f == SIGMOID) {
            r = 1f / (1f + exp(-v));
        } else if (f == RELU) {
            r = v > 0f ? v : (v != v ? v : 0f);
        } else if (f == SIGN) {
            r = v > 0f ? 1f : (v < 0f ? -1f : v);
        } else if (f == ROUND) {
            r = rint(v);
        } else if (f == SQUARE) {
            r = v * v;
        } else if (f == RECIPROCAL) {
            r = 1f / v;
        }
        return r;
    }

    private float binaryOf(int f, float a, float b) {
        float r = 0f;
        if (f == ADD) {
            r = a + b;
        } else if (f == SUB) {
            r = a - b;
        } else if (f == MUL) {
            r = a * b;
        } else if (f == DIV) {
            r = a / b;
        } else if (f == POW) {
            r = powOf(a, b);
        } else if (f == MAX) {
            r = maxOf(a, b);
        } else if (f == MIN) {
            r = minOf(a, b);
        } else if (f == GT) {
            r = a > b ? 1f : 0f;
        } else if (f == GE) {
            r = a >= b ? 1f : 0f;
        } else if (f == LT) {
            r = a < b ? 1f : 0f;
        } else if (f == LE) {
            r = a <= b ? 1f : 0f;
        } else if (f == EQ) {
            r = a == b ? 1f : 0f;
        }
        return r;
    }

    /** {@link Math#pow} where it differs from C's pow: a NaN exponent, and a base of magnitude 1 with an infinite one. */
    private float powOf(float a, float b) {
        float r = pow(a, b);
        if (b != b || (abs(a) == 1f && abs(b) == inf)) {
            r = nan;
        } else if (b == 0f) {
            r = 1f;
        }
        return r;
    }

    /** {@link Math#max(float, float)}: NaN wins, and 0 is larger than -0 (OpenCL's fmax drops NaN). */
    private float maxOf(float a, float b) {
        float r = a > b ? a : b;
        if (a != a || b != b) {
            r = nan;
        } else if (a == b && a == 0f) {
            r = 1f / a > 0f ? a : b;
        }
        return r;
    }

    /** {@link Math#min(float, float)}: NaN wins, and -0 is smaller than 0. */
    private float minOf(float a, float b) {
        float r = a < b ? a : b;
        if (a != a || b != b) {
            r = nan;
        } else if (a == b && a == 0f) {
            r = 1f / a < 0f ? a : b;
        }
        return r;
    }

    // ---------------------------------------------------------------- broadcasting

    private void binaryAt(int i) {
        int rest = i;
        int c3 = rest % dim3;
        rest = rest / dim3;
        int c2 = rest % dim2;
        rest = rest / dim2;
        int c1 = rest % dim1;
        int c0 = rest / dim1;
        float a = arena[x + c0 * strideX0 + c1 * strideX1 + c2 * strideX2 + c3 * strideX3];
        float b = arena[y + c0 * strideY0 + c1 * strideY1 + c2 * strideY2 + c3 * strideY3];
        arena[out + i] = binaryOf(code, a, b);
    }

    // ---------------------------------------------------------------- reductions over [outer, axis, inner]

    private void reduceAt(int i) {
        int base = x + (i / inner) * axis * inner + i % inner;
        float r = code == SUM ? 0f : -inf;
        for (int j = 0; j < axis; j++) {
            float v = arena[base + j * inner];
            if (code == SUM) {
                r = r + v;
            } else {
                r = maxOf(r, v);
            }
        }
        arena[out + i] = r;
    }

    /** The first maximum; the first NaN, once met, stays. */
    private void argmaxAt(int i) {
        int base = x + (i / inner) * axis * inner + i % inner;
        int best = 0;
        float bestValue = arena[base];
        for (int j = 1; j < axis; j++) {
            float v = arena[base + j * inner];
            if (bestValue == bestValue && (v != v || v > bestValue)) {
                best = j;
                bestValue = v;
            }
        }
        arena[out + i] = best;
    }

    // ---------------------------------------------------------------- matmul

    /**
     * Eight adjacent outputs of a row per work item: each {@code a} value is loaded once for eight products,
     * and the eight column streams of {@code b} vectorise on a CPU device. Columns past {@code n} read the
     * last column and are not written.
     */
    private void matmulAt(int t) {
        int blocks = (n + MATMUL_COLUMNS - 1) / MATMUL_COLUMNS;
        int row = t / blocks;
        int col = (t % blocks) * MATMUL_COLUMNS;
        int a = x + row * aRowStride;
        int last = n - 1;
        int b0 = y + min(col, last) * bColStride;
        int b1 = y + min(col + 1, last) * bColStride;
        int b2 = y + min(col + 2, last) * bColStride;
        int b3 = y + min(col + 3, last) * bColStride;
        int b4 = y + min(col + 4, last) * bColStride;
        int b5 = y + min(col + 5, last) * bColStride;
        int b6 = y + min(col + 6, last) * bColStride;
        int b7 = y + min(col + 7, last) * bColStride;
        float c0 = 0f;
        float c1 = 0f;
        float c2 = 0f;
        float c3 = 0f;
        float c4 = 0f;
        float c5 = 0f;
        float c6 = 0f;
        float c7 = 0f;
        for (int p = 0; p < k; p++) {
            float av = arena[a + p * aInnerStride];
            int step = p * bInnerStride;
            c0 = c0 + av * arena[b0 + step];
            c1 = c1 + av * arena[b1 + step];
            c2 = c2 + av * arena[b2 + step];
            c3 = c3 + av * arena[b3 + step];
            c4 = c4 + av * arena[b4 + step];
            c5 = c5 + av * arena[b5 + step];
            c6 = c6 + av * arena[b6 + step];
            c7 = c7 + av * arena[b7 + step];
        }
        int o = out + row * n + col;
        arena[o] = c0;
        if (col + 1 < n) {
            arena[o + 1] = c1;
        }
        if (col + 2 < n) {
            arena[o + 2] = c2;
        }
        if (col + 3 < n) {
            arena[o + 3] = c3;
        }
        if (col + 4 < n) {
            arena[o + 4] = c4;
        }
        if (col + 5 < n) {
            arena[o + 5] = c5;
        }
        if (col + 6 < n) {
            arena[o + 6] = c6;
        }
        if (col + 7 < n) {
            arena[o + 7] = c7;
        }
    }

    // ---------------------------------------------------------------- indexing over [outer, axis, inner]

    /** The index at {@code slot} as an int, or -1 (recording it in the status slots) when outside the axis. */
    private int indexAt(int slot) {
        float v = arena[slot];
        int index = -1;
        if (v >= 0f && v < axis && v == rint(v)) {
            index = (int) v;
        } else {
            arena[ERROR_OP_SLOT] = op;
            arena[ERROR_INDEX_SLOT] = v;
            arena[ERROR_AXIS_SLOT] = axis;
        }
        return index;
    }

    private void gatherAt(int i) {
        int index = indexAt(y + i);
        if (index >= 0) {
            arena[out + i] = arena[x + ((i / inner) * axis + index) * inner + i % inner];
        } else {
            arena[out + i] = nan;
        }
    }

    /** Each (outer, inner) pair has one index, so no two work items add into the same element. */
    private void scatterAddAt(int i) {
        int index = indexAt(y + i);
        if (index >= 0) {
            int target = out + ((i / inner) * axis + index) * inner + i % inner;
            arena[target] = arena[target] + arena[x + i];
        }
    }

    // ---------------------------------------------------------------- bitonic sort of rows, padded to a power of two
    // Keys at z, their original indices (as floats) at w; pads are NaN with indices past the row, so they sort last.

    private void sortPad(int i) {
        int row = i / padded;
        int j = i % padded;
        if (j < inner) {
            arena[z + i] = arena[x + row * inner + j];
        } else {
            arena[z + i] = nan;
        }
        arena[w + i] = j;
    }

    /** Float.compare's order ({@code -0 < 0}, NaN last) with ties broken by index, which makes the sort stable. */
    private boolean after(float a, float ia, float b, float ib) {
        boolean aNaN = a != a;
        boolean bNaN = b != b;
        boolean result = ia > ib;
        if (aNaN || bNaN) {
            if (aNaN != bNaN) {
                result = aNaN;
            }
        } else if (a != b) {
            result = a > b;
        } else if (a == 0f && 1f / a != 1f / b) {
            result = 1f / a > 1f / b;
        }
        return result;
    }

    private void sortStep(int t) {
        int pairsPerRow = padded / 2;
        int row = t / pairsPerRow;
        int pair = t % pairsPerRow;
        int lo = (pair / distance) * 2 * distance + pair % distance;
        int hi = lo + distance;
        boolean ascending = (lo & block) == 0;
        int p = z + row * padded;
        int q = w + row * padded;
        float a = arena[p + lo];
        float b = arena[p + hi];
        float ia = arena[q + lo];
        float ib = arena[q + hi];
        if (after(a, ia, b, ib) == ascending) {
            arena[p + lo] = b;
            arena[p + hi] = a;
            arena[q + lo] = ib;
            arena[q + hi] = ia;
        }
    }

    private void sortWrite(int i) {
        int row = i / inner;
        int j = i % inner;
        if (sortValues == 1) {
            arena[out + i] = arena[z + row * padded + j];
        } else {
            arena[out + i] = arena[w + row * padded + j];
        }
    }

    // ---------------------------------------------------------------- CounterRandom, in float and long arithmetic

    private float uniform(long index) {
        long v = seed + (index + 1L) * 0x9E3779B97F4A7C15L;
        v = (v ^ (v >>> 30)) * 0xBF58476D1CE4E5B9L;
        v = (v ^ (v >>> 27)) * 0x94D049BB133111EBL;
        v = v ^ (v >>> 31);
        return (v >>> 40) * TWO_POW_MINUS_24;
    }

    /**
     * Box-Muller as {@code CounterRandom.normal}, in float: {@code cospi(2 u2)} instead of {@code cos(2 pi u2)}
     * keeps the angle exact, so values near a zero of the cosine keep their relative precision.
     */
    private float normal(long index) {
        long pair = index & ~1L;
        float u1 = 1f - uniform(pair);
        float u2 = uniform(pair + 1L);
        float radius = sqrt(-2f * log(u1));
        float r = radius * sinpi(2f * u2);
        if ((index & 1L) == 0L) {
            r = radius * cospi(2f * u2);
        }
        return r;
    }

    // ---------------------------------------------------------------- fused operations

    /**
     * One (outer, inner) row of logits at x, targets at y, losses at out, probabilities at z, in the default
     * composition's order. The target logit is read first, so probabilities may overwrite the logits.
     */
    private void softmaxCrossEntropyAt(int i) {
        int base = (i / inner) * axis * inner + i % inner;
        int target = indexAt(y + i);
        float picked = nan;
        if (target >= 0) {
            picked = arena[x + base + target * inner];
        }
        float largest = -inf;
        for (int j = 0; j < axis; j++) {
            largest = maxOf(largest, arena[x + base + j * inner]);
        }
        float sum = 0f;
        for (int j = 0; j < axis; j++) {
            float e = exp(arena[x + base + j * inner] - largest);
            arena[z + base + j * inner] = e;
            sum = sum + e;
        }
        for (int j = 0; j < axis; j++) {
            arena[z + base + j * inner] = arena[z + base + j * inner] / sum;
        }
        arena[out + i] = log(sum) - (picked - largest);
    }

    /** Param at x, grad at y, m at z, v at w, in the order of {@code Backend.adamStep}'s default. */
    private void adamAt(int i) {
        float g = arena[y + i];
        if (weightDecay != 0f) {
            g = arena[x + i] * weightDecay + g;
        }
        float m = arena[z + i] * beta1 + g * (1f - beta1);
        float v = arena[w + i] * beta2 + g * g * (1f - beta2);
        arena[z + i] = m;
        arena[w + i] = v;
        float denominator = sqrt(v / correction2) + eps;
        arena[x + i] = arena[x + i] - m * (lr / correction1) / denominator;
    }
}
