package org.dab4j.tck;

import static org.dab4j.tck.ArrayAssert.assertMatch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.dab4j.reference.ReferenceBackend;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.BinaryOp;
import org.dab4j.tensor.CounterRandom;
import org.dab4j.tensor.ReduceOp;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Storage;
import org.dab4j.tensor.UnaryOp;
import org.dab4j.tensor.Window2d;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The backend conformance suite (TCK): every primitive and fused operation of {@link Backend}, compared with
 * the scalar {@link ReferenceBackend} on odd lengths, broadcasting, aliasing, every reduction axis, all
 * transposes, special values and sizes large enough for blocked and multithreaded paths. A backend module
 * runs it by extending this class:
 *
 * <pre>{@code
 * class VectorBackendConformanceTest extends BackendConformanceSuite {
 *     protected Backend createBackend() { return Backends.select("vector", BackendConfig.defaults()); }
 * }
 * }</pre>
 *
 * <p>The tolerances are chosen in one place, {@link Tolerance}. Where {@link Backend}'s contract leaves room,
 * the suite follows the reference: sorting uses {@link Float#compare}'s order ({@code -0.0} before
 * {@code 0.0}, NaN last, NaNs keep their order in argsort) and argmax returns the first NaN of a row with
 * NaN. A few checks against hand-computed values verify the reference itself, and plain loops in
 * {@link PlainOracle} verify the fused defaults the reference inherits.
 *
 * <p>Every input is generated from a seeded {@link SplittableRandom}, so a failure reproduces exactly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendConformanceSuite {
    /** Around every SIMD width and unroll factor, a tail beyond 4096, and past multithreading thresholds. */
    private static final int[] LENGTHS = {1, 2, 3, 7, 15, 16, 17, 31, 33, 64, 127, 1000, 4099, 70_001};
    private static final int LARGE = 70_001;

    /** Shape pairs that broadcast in every way numpy allows, in both argument orders. */
    private static final int[][][] BROADCAST_PAIRS = {
        {{}, {5}},
        {{}, {}},
        {{1}, {7}},
        {{1}, {1}},
        {{33}, {33}},
        {{1, 17}, {5, 1}},
        {{33}, {4, 33}},
        {{3, 1, 5}, {4, 1}},
        {{2, 3, 4}, {3, 1}},
        {{2, 1, 4}, {1, 3, 1}},
        {{1, 1, 1}, {2, 3, 4}},
        {{2, 3, 4}, {2, 3, 4}},
        {{16, 1}, {1, 16}},
        {{7, 1, 1}, {1, 9, 17}},
        {{5, 1, 3}, {5, 4, 3}},
        {{64, 64}, {64}},
        {{2, 3, 1, 5}, {3, 7, 1}},
        {{300, 257}, {257}},
        {{300, 1}, {300, 257}},
    };

    /** Rank 1 to 3, with size-1 axes in every position, reduced over each of their axes. */
    private static final int[][] REDUCE_SHAPES = {
        {1}, {2}, {7}, {33}, {4099}, {LARGE},
        {1, 1}, {1, 5}, {5, 1}, {3, 17}, {16, 33}, {300, 257},
        {1, 3, 1}, {2, 1, 3}, {4, 7, 5}, {3, 1, 1}, {1, 1, 9}, {2, 64, 3}, {17, 31, 9},
    };

    /** {m, k, n}: degenerate, odd, square, and large enough for packed, blocked and threaded kernels. */
    private static final int[][] MATMUL_SIZES = {
        {1, 1, 1}, {1, 17, 1}, {1, 1, 9}, {9, 1, 1}, {2, 0, 3}, {7, 13, 5}, {33, 1, 17}, {1, 64, 33},
        {17, 33, 65}, {64, 64, 64}, {130, 257, 67}, {300, 200, 100},
    };

    /** {outer, axis, inner} views for gather and scatterAdd. */
    private static final int[][] INDEX_VIEWS = {
        {1, 1, 1}, {1, 5, 1}, {3, 7, 1}, {2, 4, 3}, {5, 10, 17}, {1, 1000, 1}, {64, 33, 2}, {7, 10, 1001},
    };

    /** {rows, length} for sort and argsort. */
    private static final int[][] SORT_SIZES = {
        {1, 1}, {5, 1}, {1, 2}, {3, 7}, {4, 16}, {2, 17}, {8, 33}, {3, 1000}, {1, 4099}, {1, LARGE},
    };

    /** {rows, cols} for biasActivation. */
    private static final int[][] BIAS_SHAPES = {{1, 1}, {3, 7}, {17, 33}, {64, 64}, {2, 4099}, {100, 701}};

    /** {outer, classes, inner} for softmaxCrossEntropy. */
    private static final int[][] SOFTMAX_VIEWS = {
        {1, 2, 1}, {4, 10, 1}, {3, 5, 7}, {2, 1, 3}, {8, 33, 17}, {64, 1000, 1}, {2, 10, 3500},
    };

    /**
     * {batch, channels, height, width, kernelHeight, kernelWidth, stride, padding, outChannels}: 1x1 images and
     * kernels, odd and rectangular sizes, strides that skip input, padding up to the kernel's size, and layers
     * large enough for blocked and multithreaded paths.
     */
    private static final int[][] WINDOWS = {
        {1, 1, 1, 1, 1, 1, 1, 0, 1},
        {2, 3, 7, 5, 3, 3, 1, 1, 4},
        {3, 2, 8, 8, 2, 2, 2, 0, 3},
        {2, 4, 9, 11, 3, 2, 2, 1, 5},
        {1, 1, 5, 5, 5, 5, 1, 2, 2},
        {2, 1, 13, 13, 5, 5, 3, 2, 6},
        {1, 3, 6, 7, 1, 1, 2, 0, 17},
        {4, 16, 14, 14, 3, 3, 1, 1, 32},
    };

    private Backend backend;
    private Backend reference;
    private final List<Allocation> allocations = new ArrayList<>();

    /** A fresh backend under test; the suite closes it after its last test. */
    protected abstract Backend createBackend();

    /**
     * Whether {@link Backend#gather} rejects an index outside the axis with {@link IndexOutOfBoundsException};
     * a backend that cannot see its indices (the contract allows that) overrides this to return false.
     */
    protected boolean checksIndices() {
        return true;
    }

    @BeforeAll
    public void openBackends() {
        backend = createBackend();
        reference = new ReferenceBackend();
    }

    @AfterEach
    public void releaseStorages() {
        for (Allocation a : allocations) {
            a.backend().release(a.storage());
        }
        allocations.clear();
    }

    @AfterAll
    public void closeBackends() {
        backend.close();
        reference.close();
    }

    // ---------------------------------------------------------------- identity and memory

    @Test
    public void describesItself() {
        assertFalse(backend.name().isBlank(), "name()");
        assertFalse(backend.description().isBlank(), "description()");
    }

    @Test
    public void allocateIsZeroed() {
        for (int n : withZero(LENGTHS)) {
            Storage s = zeros(backend, n);
            assertEquals(n, s.length(), "length() of allocate(" + n + ")");
            assertMatch("allocate(" + n + ")", Shape.of(n), new float[n], get(backend, s), Tolerance.BITWISE);
        }
    }

    /** A pooling backend must zero a recycled buffer, too. */
    @Test
    public void allocateAfterReleaseIsZeroed() {
        for (int n : LENGTHS) {
            Storage dirty = backend.allocate(n);
            backend.fill(dirty, n, Float.NaN);
            backend.release(dirty);
            Storage s = zeros(backend, n);
            assertMatch("allocate(" + n + ") after releasing a NaN-filled storage", Shape.of(n), new float[n],
                    get(backend, s), Tolerance.BITWISE);
        }
    }

    @Test
    public void releaseIsIdempotent() {
        Storage s = backend.allocate(17);
        assertFalse(s.isReleased(), "isReleased() before release");
        backend.release(s);
        assertTrue(s.isReleased(), "isReleased() after release");
        backend.release(s);
        assertTrue(s.isReleased(), "isReleased() after a second release");
    }

    @Test
    public void uploadAndDownloadWithOffsets() {
        for (int n : LENGTHS) {
            float[] host = TestData.mixed(TestData.random("upload " + n), n + 10);
            host[3] = -0f;
            Storage s = zeros(backend, n + 7);
            backend.upload(host, 10, s, 7, n);
            float[] expected = new float[n + 7];
            System.arraycopy(host, 10, expected, 7, n);
            assertMatch("upload of " + n + " floats from host offset 10 to storage offset 7", Shape.of(n + 7),
                    expected, get(backend, s), Tolerance.BITWISE);

            float[] back = TestData.tiled(new float[] {-1f}, n + 5);
            backend.download(s, 7, back, 5, n);
            float[] expectedBack = TestData.tiled(new float[] {-1f}, n + 5);
            System.arraycopy(host, 10, expectedBack, 5, n);
            assertMatch("download of " + n + " floats from storage offset 7 to host offset 5", Shape.of(n + 5),
                    expectedBack, back, Tolerance.BITWISE);
        }
    }

    @Test
    public void copyWithOffsets() {
        for (int n : LENGTHS) {
            float[] data = TestData.sortable(TestData.random("copy " + n), 2 * n + 3);
            float[] expected = data.clone();
            Storage src = put(backend, data);
            Storage dst = zeros(backend, n + 4);
            backend.copy(src, 3, dst, 4, n);
            float[] expectedDst = new float[n + 4];
            System.arraycopy(data, 3, expectedDst, 4, n);
            assertMatch("copy of " + n + " floats from offset 3 to offset 4", Shape.of(n + 4), expectedDst,
                    get(backend, dst), Tolerance.BITWISE);

            backend.copy(src, 0, src, n + 3, n);
            System.arraycopy(data, 0, expected, n + 3, n);
            assertMatch("copy of " + n + " floats within one storage, offset 0 to " + (n + 3), Shape.of(2 * n + 3),
                    expected, get(backend, src), Tolerance.BITWISE);
        }
    }

    @ParameterizedTest
    @ValueSource(floats = {3.5f, -0f, Float.NaN, Float.NEGATIVE_INFINITY})
    public void fillSetsOnlyThePrefix(float value) {
        for (int n : withZero(LENGTHS)) {
            float[] data = TestData.mixed(TestData.random("fill " + n), n + 5);
            Storage s = put(backend, data);
            backend.fill(s, n, value);
            float[] expected = data.clone();
            Arrays.fill(expected, 0, n, value);
            assertMatch("fill(" + n + ", " + value + ") of a storage of " + (n + 5), Shape.of(n + 5), expected,
                    get(backend, s), Tolerance.BITWISE);
        }
    }

    // ---------------------------------------------------------------- elementwise

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    public void unaryMatchesReference(UnaryOp op) {
        for (int n : LENGTHS) {
            float[] x = TestData.mixed(TestData.random("unary " + op + " " + n), n);
            compare("unary " + op, Shape.of(n), Tolerance.of(op), b -> {
                Storage out = zeros(b, n);
                b.unary(op, put(b, x), out, n);
                return get(b, out);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    public void unaryInPlace(UnaryOp op) {
        for (int n : LENGTHS) {
            float[] x = TestData.mixed(TestData.random("unary in place " + op + " " + n), n);
            compare("unary " + op + " with out == x", Shape.of(n), Tolerance.of(op), b -> {
                Storage s = put(b, x);
                b.unary(op, s, s, n);
                return get(b, s);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    public void unarySpecialValues(UnaryOp op) {
        for (int n : new int[] {TestData.SPECIALS.length, 33, 4099}) {
            float[] x = TestData.tiled(TestData.SPECIALS, n);
            compare("unary " + op + " of NaN, infinities, zeros and large values", Shape.of(n), Tolerance.of(op), b -> {
                Storage out = zeros(b, n);
                b.unary(op, put(b, x), out, n);
                return get(b, out);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    public void binarySameShapeMatchesReference(BinaryOp op) {
        for (int n : LENGTHS) {
            SplittableRandom rng = TestData.random("binary " + op + " " + n);
            float[] a = TestData.mixed(rng, n);
            float[] c = TestData.mixed(rng, n);
            Shape s = Shape.of(n);
            compare("binary " + op + " a" + s + " b" + s, s, Tolerance.of(op), b -> {
                Storage out = zeros(b, n);
                b.binary(op, put(b, a), s, put(b, c), s, out);
                return get(b, out);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    public void binaryBroadcastsMatchReference(BinaryOp op) {
        for (int[][] pair : BROADCAST_PAIRS) {
            checkBroadcast(op, Shape.of(pair[0]), Shape.of(pair[1]));
            checkBroadcast(op, Shape.of(pair[1]), Shape.of(pair[0]));
        }
    }

    private void checkBroadcast(BinaryOp op, Shape aShape, Shape bShape) {
        Shape outShape = Shape.broadcast(aShape, bShape);
        SplittableRandom rng = TestData.random("broadcast " + op + " " + aShape + " " + bShape);
        float[] a = TestData.mixed(rng, aShape.size());
        float[] c = TestData.mixed(rng, bShape.size());
        String what = "binary " + op + " a" + aShape + " b" + bShape;
        Tolerance tolerance = Tolerance.of(op);
        float[] expected = run(reference, b -> {
            Storage out = zeros(b, outShape.size());
            b.binary(op, put(b, a), aShape, put(b, c), bShape, out);
            return get(b, out);
        });
        Storage out = zeros(backend, outShape.size());
        backend.binary(op, put(backend, a), aShape, put(backend, c), bShape, out);
        assertMatch(what, outShape, expected, get(backend, out), tolerance);
        if (aShape.equals(outShape)) {
            Storage inPlace = put(backend, a);
            backend.binary(op, inPlace, aShape, put(backend, c), bShape, inPlace);
            assertMatch(what + " with out == a", outShape, expected, get(backend, inPlace), tolerance);
        }
        if (bShape.equals(outShape)) {
            Storage inPlace = put(backend, c);
            backend.binary(op, put(backend, a), aShape, inPlace, bShape, inPlace);
            assertMatch(what + " with out == b", outShape, expected, get(backend, inPlace), tolerance);
        }
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    public void binaryAllOperandsAliased(BinaryOp op) {
        for (int n : LENGTHS) {
            float[] a = TestData.mixed(TestData.random("binary aliased " + op + " " + n), n);
            Shape s = Shape.of(n);
            compare("binary " + op + " with a == b == out", s, Tolerance.of(op), b -> {
                Storage x = put(b, a);
                b.binary(op, x, s, x, s, x);
                return get(b, x);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    public void binarySpecialValues(BinaryOp op) {
        float[] specials = TestData.SPECIALS;
        int count = specials.length * specials.length;
        float[] a = new float[count];
        float[] c = new float[count];
        for (int i = 0; i < count; i++) {
            a[i] = specials[i / specials.length];
            c[i] = specials[i % specials.length];
        }
        Shape s = Shape.of(count);
        compare("binary " + op + " of every pair of special values", s, Tolerance.of(op), b -> {
            Storage out = zeros(b, count);
            b.binary(op, put(b, a), s, put(b, c), s, out);
            return get(b, out);
        });
        Shape grid = Shape.of(specials.length, specials.length);
        compare("binary " + op + " of special values broadcast [n, 1] by [n]", grid, Tolerance.of(op), b -> {
            Storage out = zeros(b, count);
            b.binary(op, put(b, specials), Shape.of(specials.length, 1), put(b, specials), Shape.of(specials.length), out);
            return get(b, out);
        });
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    public void binaryScalarMatchesReference(BinaryOp op) {
        for (int n : LENGTHS) {
            SplittableRandom rng = TestData.random("binaryScalar " + op + " " + n);
            float[] a = TestData.mixed(rng, n);
            float scalar = TestData.mixed(rng, 1)[0];
            compare("binaryScalar " + op + " with scalar " + scalar, Shape.of(n), Tolerance.of(op), b -> {
                Storage out = zeros(b, n);
                b.binaryScalar(op, put(b, a), scalar, out, n);
                return get(b, out);
            });
            compare("binaryScalar " + op + " with scalar " + scalar + " and out == a", Shape.of(n), Tolerance.of(op), b -> {
                Storage x = put(b, a);
                b.binaryScalar(op, x, scalar, x, n);
                return get(b, x);
            });
        }
        for (float scalar : TestData.SPECIALS) {
            float[] a = TestData.SPECIALS;
            int n = a.length;
            compare("binaryScalar " + op + " of special values with scalar " + scalar, Shape.of(n), Tolerance.of(op), b -> {
                Storage out = zeros(b, n);
                b.binaryScalar(op, put(b, a), scalar, out, n);
                return get(b, out);
            });
        }
    }

    @Test
    public void whereMatchesReference() {
        float[] conditions = {0f, -0f, 1f, -2f, Float.NaN, Float.POSITIVE_INFINITY, 0.5f, 1e-30f};
        for (int n : LENGTHS) {
            SplittableRandom rng = TestData.random("where " + n);
            float[] cond = new float[n];
            for (int i = 0; i < n; i++) {
                cond[i] = conditions[rng.nextInt(conditions.length)];
            }
            float[] a = TestData.mixed(rng, n);
            float[] c = TestData.mixed(rng, n);
            compare("where (conditions 0, -0, NaN, ...)", Shape.of(n), Tolerance.EXACT, b -> {
                Storage out = zeros(b, n);
                b.where(put(b, cond), put(b, a), put(b, c), out, n);
                return get(b, out);
            });
            compare("where with out == a", Shape.of(n), Tolerance.EXACT, b -> {
                Storage x = put(b, a);
                b.where(put(b, cond), x, put(b, c), x, n);
                return get(b, x);
            });
        }
    }

    // ---------------------------------------------------------------- reductions

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    public void reduceEveryAxisMatchesReference(ReduceOp op) {
        for (int[] dims : REDUCE_SHAPES) {
            Shape shape = Shape.of(dims);
            float[] x = TestData.mixed(TestData.random("reduce " + op + " " + shape), shape.size());
            for (int axis = 0; axis < shape.rank(); axis++) {
                checkReduce(op, shape, axis, x, "reduce " + op + " over axis " + axis + " of " + shape);
            }
        }
    }

    /** Small integers add up exactly in any order, so a dropped or repeated element cannot hide in rounding. */
    @Test
    public void sumOfSmallIntegersIsExact() {
        for (int[] dims : REDUCE_SHAPES) {
            Shape shape = Shape.of(dims);
            float[] x = TestData.ties(TestData.random("exact sum " + shape), shape.size());
            for (int axis = 0; axis < shape.rank(); axis++) {
                int outer = shape.outer(axis);
                int n = shape.dim(axis);
                int inner = shape.inner(axis);
                compare("reduce SUM of small integers over axis " + axis + " of " + shape, shape.withDim(axis, 1),
                        Tolerance.EXACT, b -> {
                            Storage out = zeros(b, outer * inner);
                            b.reduce(ReduceOp.SUM, put(b, x), outer, n, inner, out);
                            return get(b, out);
                        });
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    public void reduceSpecialValues(ReduceOp op) {
        float[][] rows = {
            {1f, Float.NaN, 2f, 3f},
            {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1f, 2f},
            {Float.POSITIVE_INFINITY, 1f, 2f, 3f},
            {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY},
            {Float.NaN, Float.POSITIVE_INFINITY, 1f, 1f},
            {-0f, 0f, -0f, -0f},
            {1e30f, -1e30f, 1e30f, 1f},
        };
        float[] x = new float[rows.length * 4];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, x, r * 4, 4);
        }
        Shape shape = Shape.of(rows.length, 4);
        checkReduce(op, shape, 1, x, "reduce " + op + " of rows with NaN, infinities and zeros");
        checkReduce(op, shape, 0, x, "reduce " + op + " of columns with NaN, infinities and zeros");
    }

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    public void reduceEmptyAxis(ReduceOp op) {
        compare("reduce " + op + " of an empty axis, view [2, 0, 3]", Shape.of(2, 3), Tolerance.EXACT, b -> {
            Storage out = zeros(b, 6);
            b.fill(out, 6, 7f);
            b.reduce(op, zeros(b, 0), 2, 0, 3, out);
            return get(b, out);
        });
    }

    private void checkReduce(ReduceOp op, Shape shape, int axis, float[] x, String what) {
        int outer = shape.outer(axis);
        int n = shape.dim(axis);
        int inner = shape.inner(axis);
        Kernel kernel = b -> {
            Storage out = zeros(b, outer * inner);
            b.reduce(op, put(b, x), outer, n, inner, out);
            return get(b, out);
        };
        float[] magnitude = run(reference, b -> {
            Storage out = zeros(b, outer * inner);
            b.reduce(ReduceOp.SUM, put(b, TestData.abs(x)), outer, n, inner, out);
            return get(b, out);
        });
        assertMatch(what, shape.withDim(axis, 1), run(reference, kernel), run(backend, kernel),
                Tolerance.of(op, n), magnitude);
    }

    @Test
    public void argmaxEveryAxisWithTies() {
        for (int[] dims : REDUCE_SHAPES) {
            Shape shape = Shape.of(dims);
            float[] x = TestData.ties(TestData.random("argmax " + shape), shape.size());
            for (int axis = 0; axis < shape.rank(); axis++) {
                checkArgmax(shape, axis, x, "argmax over axis " + axis + " of " + shape + " with ties");
            }
        }
    }

    @Test
    public void argmaxWithNaNInfinityAndZeros() {
        for (int[] dims : REDUCE_SHAPES) {
            Shape shape = Shape.of(dims);
            float[] x = TestData.sortable(TestData.random("argmax special " + shape), shape.size());
            for (int axis = 0; axis < shape.rank(); axis++) {
                checkArgmax(shape, axis, x, "argmax over axis " + axis + " of " + shape + " with NaN and infinities");
            }
        }
        float[] zeros = {-0f, 0f, -0f, 0f, 0f, -0f};
        checkArgmax(Shape.of(2, 3), 1, zeros, "argmax of rows of signed zeros");
        checkArgmax(Shape.of(2, 3), 0, zeros, "argmax of columns of signed zeros");
    }

    private void checkArgmax(Shape shape, int axis, float[] x, String what) {
        int outer = shape.outer(axis);
        int n = shape.dim(axis);
        int inner = shape.inner(axis);
        compare(what, shape.withDim(axis, 1), Tolerance.EXACT, b -> {
            Storage out = zeros(b, outer * inner);
            b.argmax(put(b, x), outer, n, inner, out);
            return get(b, out);
        });
    }

    // ---------------------------------------------------------------- matmul

    @ParameterizedTest(name = "transA={0}, transB={1}")
    @CsvSource({"false, false", "false, true", "true, false", "true, true"})
    public void matmulMatchesReference(boolean transA, boolean transB) {
        for (int[] size : MATMUL_SIZES) {
            int m = size[0];
            int k = size[1];
            int n = size[2];
            SplittableRandom rng = TestData.random("matmul " + transA + transB + m + "x" + k + "x" + n);
            float[] a = TestData.uniform(rng, m * k, -1, 1);
            float[] c = TestData.uniform(rng, k * n, -1, 1);
            checkMatmul(a, transA, c, transB, m, k, n, "");
        }
    }

    /** Products and sums of small integers are exact in any order and blocking. */
    @ParameterizedTest(name = "transA={0}, transB={1}")
    @CsvSource({"false, false", "false, true", "true, false", "true, true"})
    public void matmulOfSmallIntegersIsExact(boolean transA, boolean transB) {
        for (int[] size : MATMUL_SIZES) {
            int m = size[0];
            int k = size[1];
            int n = size[2];
            SplittableRandom rng = TestData.random("exact matmul " + transA + transB + m + "x" + k + "x" + n);
            float[] a = TestData.ties(rng, m * k);
            float[] c = TestData.ties(rng, k * n);
            compare("matmul of small integers" + (transA ? " a^T" : " a") + (transB ? " b^T" : " b") + " m=" + m
                    + " k=" + k + " n=" + n, Shape.of(m, n), Tolerance.EXACT, b -> {
                        Storage out = zeros(b, m * n);
                        b.matmul(put(b, a), transA, put(b, c), transB, out, m, k, n);
                        return get(b, out);
                    });
        }
    }

    @ParameterizedTest(name = "transA={0}, transB={1}")
    @CsvSource({"false, false", "false, true", "true, false", "true, true"})
    public void matmulPropagatesNaNAndInfinity(boolean transA, boolean transB) {
        int m = 5;
        int k = 7;
        int n = 4;
        SplittableRandom rng = TestData.random("matmul special " + transA + transB);
        float[] a = TestData.uniform(rng, m * k, 0.5, 1);
        float[] c = TestData.uniform(rng, k * n, -1, 1);
        a[2 * k + 3] = Float.NaN;
        c[k + 2] = Float.POSITIVE_INFINITY;
        c[3 * n + 1] = Float.NEGATIVE_INFINITY;
        checkMatmul(a, transA, c, transB, m, k, n, " with a NaN in a and infinities in b");
    }

    /** Checks {@code a} and {@code b}; the layouts of their storages follow the transpose flags. */
    private void checkMatmul(float[] a, boolean transA, float[] c, boolean transB, int m, int k, int n, String detail) {
        String what = "matmul" + (transA ? " a^T" : " a") + (transB ? " b^T" : " b") + " m=" + m + " k=" + k
                + " n=" + n + detail;
        float[] magnitude = run(reference, b -> {
            Storage out = zeros(b, m * n);
            b.matmul(put(b, TestData.abs(a)), transA, put(b, TestData.abs(c)), transB, out, m, k, n);
            return get(b, out);
        });
        Kernel kernel = b -> {
            Storage out = zeros(b, m * n);
            b.fill(out, m * n, Float.NaN);
            b.matmul(put(b, a), transA, put(b, c), transB, out, m, k, n);
            return get(b, out);
        };
        assertMatch(what, Shape.of(m, n), run(reference, kernel), run(backend, kernel), Tolerance.accumulation(k),
                magnitude);
    }

    // ---------------------------------------------------------------- indexing

    @Test
    public void gatherMatchesReference() {
        for (int[] view : INDEX_VIEWS) {
            int outer = view[0];
            int axis = view[1];
            int inner = view[2];
            SplittableRandom rng = TestData.random("gather " + outer + " " + axis + " " + inner);
            float[] x = TestData.sortable(rng, outer * axis * inner);
            float[] index = TestData.indices(rng, outer * inner, axis);
            compare("gather from view [" + outer + ", " + axis + ", " + inner + "]", Shape.of(outer, inner),
                    Tolerance.EXACT, b -> {
                        Storage out = zeros(b, outer * inner);
                        b.gather(put(b, x), outer, axis, inner, put(b, index), out);
                        return get(b, out);
                    });
        }
    }

    @Test
    public void gatherRejectsIndexOutsideAxis() {
        assumeTrue(checksIndices(), "this backend does not check gather indices");
        for (float bad : new float[] {3f, -1f, 100f}) {
            Storage x = put(backend, new float[] {1f, 2f, 3f, 4f, 5f, 6f});
            Storage index = put(backend, new float[] {0f, bad});
            Storage out = zeros(backend, 2);
            assertThrows(IndexOutOfBoundsException.class, () -> backend.gather(x, 2, 3, 1, index, out),
                    "gather with index " + bad + " on an axis of 3");
        }
    }

    @Test
    public void scatterAddMatchesReference() {
        for (int[] view : INDEX_VIEWS) {
            int outer = view[0];
            int axis = view[1];
            int inner = view[2];
            SplittableRandom rng = TestData.random("scatterAdd " + outer + " " + axis + " " + inner);
            float[] start = TestData.mixed(rng, outer * axis * inner);
            float[] src = TestData.mixed(rng, outer * inner);
            float[] index = TestData.indices(rng, outer * inner, axis);
            float[] sameIndex = TestData.tiled(new float[] {axis - 1}, outer * inner);
            for (float[] idx : List.of(index, sameIndex)) {
                compare("scatterAdd into view [" + outer + ", " + axis + ", " + inner + "]"
                        + (idx == sameIndex ? " with every index " + (axis - 1) : ""),
                        Shape.of(outer, axis, inner), Tolerance.EXACT, b -> {
                            Storage out = put(b, start);
                            b.scatterAdd(put(b, src), put(b, idx), outer, axis, inner, out);
                            return get(b, out);
                        });
            }
        }
    }

    // ---------------------------------------------------------------- sorting

    @Test
    public void sortMatchesReference() {
        for (int[] size : SORT_SIZES) {
            int rows = size[0];
            int length = size[1];
            float[] x = TestData.sortable(TestData.random("sort " + rows + " " + length), rows * length);
            Shape shape = Shape.of(rows, length);
            compare("sort", shape, Tolerance.BITWISE, b -> {
                Storage out = zeros(b, rows * length);
                b.sort(put(b, x), rows, length, out);
                return get(b, out);
            });
            compare("sort with out == x", shape, Tolerance.BITWISE, b -> {
                Storage s = put(b, x);
                b.sort(s, rows, length, s);
                return get(b, s);
            });
        }
    }

    @Test
    public void argsortIsStableAndMatchesReference() {
        for (int[] size : SORT_SIZES) {
            int rows = size[0];
            int length = size[1];
            SplittableRandom rng = TestData.random("argsort " + rows + " " + length);
            Shape shape = Shape.of(rows, length);
            for (float[] x : List.of(TestData.sortable(rng, rows * length), TestData.ties(rng, rows * length))) {
                compare("argsort", shape, Tolerance.EXACT, b -> {
                    Storage out = zeros(b, rows * length);
                    b.argsort(put(b, x), rows, length, out);
                    return get(b, out);
                });
            }
        }
    }

    // ---------------------------------------------------------------- random

    @Test
    public void randomUniformIsCounterRandom() {
        long[] seeds = {0L, 42L, -7L, Long.MAX_VALUE};
        long[] offsets = {0L, 1L, 12_345L, 1L << 40};
        for (int i = 0; i < LENGTHS.length; i++) {
            int n = LENGTHS[i];
            long seed = seeds[i % seeds.length];
            long offset = offsets[(i / seeds.length) % offsets.length];
            float[] expected = new float[n];
            for (int j = 0; j < n; j++) {
                expected[j] = CounterRandom.uniform(seed, offset + j);
            }
            Storage out = zeros(backend, n);
            backend.randomUniform(out, n, seed, offset);
            assertMatch("randomUniform seed " + seed + " offset " + offset, Shape.of(n), expected, get(backend, out),
                    Tolerance.BITWISE);
        }
    }

    @Test
    public void randomNormalIsCounterRandom() {
        long[] seeds = {0L, 42L, -7L, Long.MAX_VALUE};
        long[] offsets = {0L, 1L, 12_345L, (1L << 40) + 1};
        for (int i = 0; i < LENGTHS.length; i++) {
            int n = LENGTHS[i];
            long seed = seeds[i % seeds.length];
            long offset = offsets[(i / seeds.length) % offsets.length];
            float[] expected = new float[n];
            for (int j = 0; j < n; j++) {
                expected[j] = CounterRandom.normal(seed, offset + j);
            }
            Storage out = zeros(backend, n);
            backend.randomNormal(out, n, seed, offset);
            assertMatch("randomNormal seed " + seed + " offset " + offset, Shape.of(n), expected, get(backend, out),
                    Tolerance.TRANSCENDENTAL);
        }
    }

    // ---------------------------------------------------------------- fused operations

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    public void biasActivationMatchesReference(UnaryOp activation) {
        checkBiasActivation(activation, Tolerance.of(activation));
    }

    @Test
    public void biasWithoutActivationMatchesReference() {
        checkBiasActivation(null, Tolerance.ROUNDED);
    }

    private void checkBiasActivation(UnaryOp activation, Tolerance tolerance) {
        for (int[] dims : BIAS_SHAPES) {
            int rows = dims[0];
            int cols = dims[1];
            SplittableRandom rng = TestData.random("biasActivation " + activation + " " + rows + " " + cols);
            float[] x = TestData.mixed(rng, rows * cols);
            float[] bias = TestData.mixed(rng, cols);
            String what = "biasActivation " + activation;
            Shape shape = Shape.of(rows, cols);
            float[] oracle = PlainOracle.biasActivation(x, bias, rows, cols, activation);
            Kernel kernel = b -> {
                Storage out = zeros(b, rows * cols);
                b.biasActivation(put(b, x), put(b, bias), out, rows, cols, activation);
                return get(b, out);
            };
            assertMatch(what + " of the reference against a plain loop", shape, oracle, run(reference, kernel), tolerance);
            assertMatch(what, shape, run(reference, kernel), run(backend, kernel), tolerance);
            assertMatch(what + " against a plain loop", shape, oracle, run(backend, kernel), tolerance);
            assertMatch(what + " with out == x", shape, oracle, run(backend, b -> {
                Storage s = put(b, x);
                b.biasActivation(s, put(b, bias), s, rows, cols, activation);
                return get(b, s);
            }), tolerance);
        }
    }

    @ParameterizedTest
    @ValueSource(floats = {1f, 1e4f})
    public void softmaxCrossEntropyMatchesReference(float logitScale) {
        for (int[] view : SOFTMAX_VIEWS) {
            int outer = view[0];
            int classes = view[1];
            int inner = view[2];
            SplittableRandom rng = TestData.random("softmax " + logitScale + " " + outer + " " + classes + " " + inner);
            float[] logits = TestData.uniform(rng, outer * classes * inner, -3, 3);
            for (int i = 0; i < logits.length; i++) {
                logits[i] *= logitScale;
            }
            float[] targets = TestData.indices(rng, outer * inner, classes);
            checkSoftmax(logits, outer, classes, inner, targets, "softmaxCrossEntropy with logits up to "
                    + 3 * logitScale + ", view [" + outer + ", " + classes + ", " + inner + "]");
        }
    }

    @Test
    public void softmaxCrossEntropyOfEqualLargeLogits() {
        float[] logits = TestData.tiled(new float[] {1e4f}, 3 * 8);
        float[] targets = {0f, 3f, 7f};
        checkSoftmax(logits, 3, 8, 1, targets, "softmaxCrossEntropy of equal logits 1e4");
        float[][] result = softmax(backend, logits, 3, 8, 1, targets);
        assertMatch("softmax of equal logits 1e4", Shape.of(3, 8), TestData.tiled(new float[] {0.125f}, 24), result[0],
                Tolerance.TRANSCENDENTAL);
        float ln8 = (float) Math.log(8);
        assertMatch("cross-entropy of equal logits 1e4", Shape.of(3), new float[] {ln8, ln8, ln8}, result[1],
                Tolerance.LOSS, new float[] {1e4f, 1e4f, 1e4f});
    }

    private void checkSoftmax(float[] logits, int outer, int classes, int inner, float[] targets, String what) {
        float[][] oracle = PlainOracle.softmaxCrossEntropy(logits, outer, classes, inner, targets);
        float[] rowMagnitude = new float[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int c = 0; c < classes; c++) {
                for (int i = 0; i < inner; i++) {
                    float v = Math.abs(logits[(o * classes + c) * inner + i]);
                    rowMagnitude[o * inner + i] = Math.max(rowMagnitude[o * inner + i], v);
                }
            }
        }
        Shape probsShape = Shape.of(outer, classes, inner);
        Shape lossShape = Shape.of(outer, inner);
        float[][] expected = softmax(reference, logits, outer, classes, inner, targets);
        float[][] actual = softmax(backend, logits, outer, classes, inner, targets);
        assertMatch(what + ": reference probs against a plain loop", probsShape, oracle[0], expected[0],
                Tolerance.TRANSCENDENTAL);
        assertMatch(what + ": reference loss against a plain loop", lossShape, oracle[1], expected[1], Tolerance.LOSS,
                rowMagnitude);
        assertMatch(what + ": probs", probsShape, expected[0], actual[0], Tolerance.TRANSCENDENTAL);
        assertMatch(what + ": loss", lossShape, expected[1], actual[1], Tolerance.LOSS, rowMagnitude);
        assertMatch(what + ": loss against a plain loop", lossShape, oracle[1], actual[1], Tolerance.LOSS, rowMagnitude);
        for (float loss : actual[1]) {
            assertTrue(Float.isFinite(loss) && loss >= -1e-6f, what + ": loss " + loss + " is not a finite non-negative number");
        }
    }

    private float[][] softmax(Backend b, float[] logits, int outer, int classes, int inner, float[] targets) {
        Storage loss = zeros(b, outer * inner);
        Storage probs = zeros(b, outer * classes * inner);
        b.softmaxCrossEntropy(put(b, logits), outer, classes, inner, put(b, targets), loss, probs);
        return new float[][] {get(b, probs), get(b, loss)};
    }

    @ParameterizedTest(name = "lr={0}, weightDecay={1}")
    @CsvSource({"0.1, 0", "0.01, 0.01", "0.001, 0.5"})
    public void adamStepMatchesReference(float lr, float weightDecay) {
        float beta1 = 0.9f;
        float beta2 = 0.999f;
        float eps = 1e-8f;
        for (int n : new int[] {1, 17, 4099, LARGE}) {
            SplittableRandom rng = TestData.random("adam " + lr + " " + weightDecay + " " + n);
            float[] param = TestData.uniform(rng, n, -2, 2);
            float[] m = new float[n];
            float[] v = new float[n];
            Storage[] onBackend = {put(backend, param), zeros(backend, n), zeros(backend, n)};
            Storage[] onReference = {put(reference, param), zeros(reference, n), zeros(reference, n)};
            for (int step = 1; step <= 4; step++) {
                float[] grad = TestData.uniform(rng, n, -1, 1);
                PlainOracle.adamStep(param, grad, m, v, lr, beta1, beta2, eps, weightDecay, step);
                backend.adamStep(onBackend[0], put(backend, grad), onBackend[1], onBackend[2], n, lr, beta1, beta2,
                        eps, weightDecay, step);
                reference.adamStep(onReference[0], put(reference, grad), onReference[1], onReference[2], n, lr, beta1,
                        beta2, eps, weightDecay, step);
                String[] names = {"param", "m", "v"};
                float[][] oracle = {param, m, v};
                for (int s = 0; s < 3; s++) {
                    String what = "adamStep " + step + " (lr " + lr + ", weight decay " + weightDecay + "): " + names[s];
                    float[] expected = get(reference, onReference[s]);
                    assertMatch(what + " of the reference against a plain loop", Shape.of(n), oracle[s], expected,
                            Tolerance.TRANSCENDENTAL);
                    assertMatch(what, Shape.of(n), expected, get(backend, onBackend[s]), Tolerance.TRANSCENDENTAL);
                }
            }
        }
    }

    // ---------------------------------------------------------------- convolution and pooling

    private static Window2d window(int[] spec) {
        return new Window2d(spec[0], spec[1], spec[2], spec[3], spec[4], spec[5], spec[6], spec[7]);
    }

    @Test
    public void im2colMatchesReference() {
        for (int[] spec : WINDOWS) {
            Window2d w = window(spec);
            float[] x = TestData.sortable(TestData.random("im2col " + w), w.inputSize());
            for (float padValue : new float[] {0f, Float.NEGATIVE_INFINITY}) {
                compare("im2col with padding value " + padValue + ", " + w,
                        Shape.of(w.batch(), w.patchSize(), w.positions()), Tolerance.BITWISE, b -> {
                            Storage cols = zeros(b, w.batch() * w.patchSize() * w.positions());
                            b.fill(cols, cols.length(), Float.NaN);
                            b.im2col(put(b, x), w, padValue, cols);
                            return get(b, cols);
                        });
            }
        }
    }

    /** Sums of small integers are exact in any order, so col2im must match exactly. */
    @Test
    public void col2imMatchesReference() {
        for (int[] spec : WINDOWS) {
            Window2d w = window(spec);
            float[] cols = TestData.ties(TestData.random("col2im " + w), w.batch() * w.patchSize() * w.positions());
            compare("col2im, " + w, w.inputShape(), Tolerance.EXACT, b -> {
                Storage x = zeros(b, w.inputSize());
                b.fill(x, w.inputSize(), Float.NaN);
                b.col2im(put(b, cols), w, x);
                return get(b, x);
            });
        }
    }

    @Test
    public void conv2dMatchesReference() {
        for (int[] spec : WINDOWS) {
            Window2d w = window(spec);
            int outChannels = spec[8];
            SplittableRandom rng = TestData.random("conv2d " + w + " " + outChannels);
            float[] x = TestData.uniform(rng, w.inputSize(), -1, 1);
            float[] weight = TestData.uniform(rng, outChannels * w.patchSize(), -1, 1);
            float[] bias = TestData.uniform(rng, outChannels, -1, 1);
            Shape shape = w.outputShape(outChannels);
            float[] magnitude = PlainOracle.conv2d(TestData.abs(x), TestData.abs(weight), TestData.abs(bias), w,
                    outChannels);
            Tolerance tolerance = Tolerance.accumulation(w.patchSize() + 1);
            for (float[] b0 : Arrays.asList(bias, null)) {
                String what = "conv2d" + (b0 == null ? " without bias, " : ", ") + w + ", " + outChannels + " out";
                Kernel kernel = b -> {
                    Storage out = zeros(b, shape.size());
                    b.fill(out, shape.size(), Float.NaN);
                    b.conv2d(put(b, x), put(b, weight), b0 == null ? null : put(b, b0), w, outChannels, out);
                    return get(b, out);
                };
                float[] expected = run(reference, kernel);
                assertMatch(what + " of the reference against direct loops", shape,
                        PlainOracle.conv2d(x, weight, b0, w, outChannels), expected, tolerance, magnitude);
                assertMatch(what, shape, expected, run(backend, kernel), tolerance, magnitude);
            }
        }
    }

    @Test
    public void conv2dOfSmallIntegersIsExact() {
        for (int[] spec : WINDOWS) {
            Window2d w = window(spec);
            int outChannels = spec[8];
            SplittableRandom rng = TestData.random("exact conv2d " + w);
            float[] x = TestData.ties(rng, w.inputSize());
            float[] weight = TestData.ties(rng, outChannels * w.patchSize());
            float[] bias = TestData.ties(rng, outChannels);
            Shape shape = w.outputShape(outChannels);
            assertMatch("conv2d of small integers against direct loops, " + w, shape,
                    PlainOracle.conv2d(x, weight, bias, w, outChannels), run(backend, b -> {
                        Storage out = zeros(b, shape.size());
                        b.conv2d(put(b, x), put(b, weight), put(b, bias), w, outChannels, out);
                        return get(b, out);
                    }), Tolerance.EXACT);
        }
    }

    @Test
    public void conv2dBackwardMatchesReference() {
        for (int[] spec : WINDOWS) {
            Window2d w = window(spec);
            int outChannels = spec[8];
            SplittableRandom rng = TestData.random("conv2d backward " + w + " " + outChannels);
            Shape outShape = w.outputShape(outChannels);
            Shape weightShape = Shape.of(outChannels, w.channels(), w.kernelHeight(), w.kernelWidth());
            for (boolean exact : new boolean[] {false, true}) {
                float[] x = exact ? TestData.ties(rng, w.inputSize()) : TestData.uniform(rng, w.inputSize(), -1, 1);
                float[] weight = exact ? TestData.ties(rng, weightShape.size())
                        : TestData.uniform(rng, weightShape.size(), -1, 1);
                float[] gradOut = exact ? TestData.ties(rng, outShape.size())
                        : TestData.uniform(rng, outShape.size(), -1, 1);
                String suffix = (exact ? " of small integers, " : ", ") + w + ", " + outChannels + " out";
                Kernel input = b -> {
                    Storage gradIn = zeros(b, w.inputSize());
                    b.fill(gradIn, w.inputSize(), Float.NaN);
                    b.conv2dBackwardInput(put(b, gradOut), put(b, weight), w, outChannels, gradIn);
                    return get(b, gradIn);
                };
                Kernel weights = b -> {
                    Storage gradWeight = zeros(b, weightShape.size());
                    b.fill(gradWeight, weightShape.size(), Float.NaN);
                    b.conv2dBackwardWeight(put(b, x), put(b, gradOut), w, outChannels, gradWeight);
                    return get(b, gradWeight);
                };
                float[] inputOracle = PlainOracle.conv2dBackwardInput(gradOut, weight, w, outChannels);
                float[] weightOracle = PlainOracle.conv2dBackwardWeight(x, gradOut, w, outChannels);
                if (exact) {
                    assertMatch("conv2dBackwardInput" + suffix, w.inputShape(), inputOracle, run(backend, input),
                            Tolerance.EXACT);
                    assertMatch("conv2dBackwardWeight" + suffix, weightShape, weightOracle, run(backend, weights),
                            Tolerance.EXACT);
                    continue;
                }
                float[] inputMagnitude = PlainOracle.conv2dBackwardInput(TestData.abs(gradOut), TestData.abs(weight),
                        w, outChannels);
                float[] weightMagnitude = PlainOracle.conv2dBackwardWeight(TestData.abs(x), TestData.abs(gradOut), w,
                        outChannels);
                Tolerance inputTolerance = Tolerance.accumulation(outChannels * w.kernelHeight() * w.kernelWidth());
                Tolerance weightTolerance = Tolerance.accumulation(w.batch() * w.positions());
                float[] inputExpected = run(reference, input);
                float[] weightExpected = run(reference, weights);
                assertMatch("conv2dBackwardInput of the reference against direct loops" + suffix, w.inputShape(),
                        inputOracle, inputExpected, inputTolerance, inputMagnitude);
                assertMatch("conv2dBackwardWeight of the reference against direct loops" + suffix, weightShape,
                        weightOracle, weightExpected, weightTolerance, weightMagnitude);
                assertMatch("conv2dBackwardInput" + suffix, w.inputShape(), inputExpected, run(backend, input),
                        inputTolerance, inputMagnitude);
                assertMatch("conv2dBackwardWeight" + suffix, weightShape, weightExpected, run(backend, weights),
                        weightTolerance, weightMagnitude);
            }
        }
    }

    /** With ties, NaN, infinities and both zeros in the windows; the padding must never win over an input. */
    @Test
    public void maxPool2dMatchesReference() {
        for (int[] spec : WINDOWS) {
            Window2d w = window(spec);
            if (2 * w.padding() > Math.min(w.kernelHeight(), w.kernelWidth())) {
                continue;
            }
            SplittableRandom rng = TestData.random("maxPool2d " + w);
            for (float[] x : List.of(TestData.sortable(rng, w.inputSize()), TestData.ties(rng, w.inputSize()))) {
                Shape shape = w.outputShape(w.channels());
                float[][] oracle = PlainOracle.maxPool2d(x, w);
                Kernel values = b -> maxPool(b, x, w)[0];
                Kernel positions = b -> maxPool(b, x, w)[1];
                assertMatch("maxPool2d of the reference against plain loops, " + w, shape, oracle[0],
                        run(reference, values), Tolerance.EXACT);
                assertMatch("maxPool2d argmax of the reference against plain loops, " + w, shape, oracle[1],
                        run(reference, positions), Tolerance.EXACT);
                compare("maxPool2d, " + w, shape, Tolerance.EXACT, values);
                compare("maxPool2d argmax, " + w, shape, Tolerance.EXACT, positions);
            }
        }
    }

    private float[][] maxPool(Backend b, float[] x, Window2d w) {
        int count = w.batch() * w.channels() * w.positions();
        Storage out = zeros(b, count);
        Storage argmax = zeros(b, count);
        b.maxPool2d(put(b, x), w, out, argmax);
        return new float[][] {get(b, out), get(b, argmax)};
    }

    @Test
    public void maxPool2dBackwardMatchesReference() {
        for (int[] spec : WINDOWS) {
            Window2d w = window(spec);
            if (2 * w.padding() > Math.min(w.kernelHeight(), w.kernelWidth())) {
                continue;
            }
            SplittableRandom rng = TestData.random("maxPool2d backward " + w);
            float[] x = TestData.ties(rng, w.inputSize());
            float[] argmax = PlainOracle.maxPool2d(x, w)[1];
            float[] gradOut = TestData.ties(rng, argmax.length);
            float[] oracle = PlainOracle.maxPool2dBackward(gradOut, argmax, w);
            Kernel kernel = b -> {
                Storage gradIn = zeros(b, w.inputSize());
                b.fill(gradIn, w.inputSize(), Float.NaN);
                b.maxPool2dBackward(put(b, gradOut), put(b, argmax), w, gradIn);
                return get(b, gradIn);
            };
            assertMatch("maxPool2dBackward of the reference against plain loops, " + w, w.inputShape(), oracle,
                    run(reference, kernel), Tolerance.EXACT);
            compare("maxPool2dBackward, " + w, w.inputShape(), Tolerance.EXACT, kernel);
        }
    }

    // ---------------------------------------------------------------- hand-computed values

    @Test
    public void knownValues() {
        for (Backend b : List.of(reference, backend)) {
            String who = b.name() + ": ";
            assertValues(who + "unary", new float[] {1f, 0f, 0.5f, 0f, 2f, -2f, 4f, -1f, 0f, 2f, 0.25f, 9f},
                    run(b, d -> {
                        UnaryOp[] ops = {UnaryOp.EXP, UnaryOp.LOG, UnaryOp.SIGMOID, UnaryOp.TANH, UnaryOp.ROUND,
                            UnaryOp.ROUND, UnaryOp.ROUND, UnaryOp.SIGN, UnaryOp.RELU, UnaryOp.SQRT,
                            UnaryOp.RECIPROCAL, UnaryOp.SQUARE};
                        float[] in = {0f, 1f, 0f, 0f, 2.5f, -2.5f, 3.5f, -3f, -2f, 4f, 4f, -3f};
                        float[] out = new float[ops.length];
                        for (int i = 0; i < ops.length; i++) {
                            Storage s = put(d, new float[] {in[i]});
                            d.unary(ops[i], s, s, 1);
                            out[i] = get(d, s)[0];
                        }
                        return out;
                    }));
            assertValues(who + "binary", new float[] {1024f, -8f, Float.NaN, 0f, 1f, 0.5f},
                    run(b, d -> {
                        BinaryOp[] ops = {BinaryOp.POW, BinaryOp.POW, BinaryOp.MAX, BinaryOp.GT, BinaryOp.EQ, BinaryOp.DIV};
                        float[] x = {2f, -2f, Float.NaN, Float.NaN, -0f, 1f};
                        float[] y = {10f, 3f, 1f, 0f, 0f, 2f};
                        float[] out = new float[ops.length];
                        for (int i = 0; i < ops.length; i++) {
                            Storage s = put(d, new float[] {x[i]});
                            d.binaryScalar(ops[i], s, y[i], s, 1);
                            out[i] = get(d, s)[0];
                        }
                        return out;
                    }));
            assertValues(who + "[2, 1] + [3]", new float[] {11f, 12f, 13f, 21f, 22f, 23f}, run(b, d -> {
                Storage out = zeros(d, 6);
                d.binary(BinaryOp.ADD, put(d, new float[] {10f, 20f}), Shape.of(2, 1),
                        put(d, new float[] {1f, 2f, 3f}), Shape.of(3), out);
                return get(d, out);
            }));
            assertValues(who + "where", new float[] {1f, 20f, 3f, 40f}, run(b, d -> {
                Storage out = zeros(d, 4);
                d.where(put(d, new float[] {1f, 0f, Float.NaN, -0f}), put(d, new float[] {1f, 2f, 3f, 4f}),
                        put(d, new float[] {10f, 20f, 30f, 40f}), out, 4);
                return get(d, out);
            }));
            float[] square = {1f, 2f, 3f, 4f};
            assertValues(who + "sum of [[1, 2], [3, 4]] over axis 0 and axis 1", new float[] {4f, 6f, 3f, 7f}, run(b, d -> {
                Storage out = zeros(d, 4);
                Storage x = put(d, square);
                d.reduce(ReduceOp.SUM, x, 1, 2, 2, out);
                Storage rows = zeros(d, 2);
                d.reduce(ReduceOp.SUM, x, 2, 2, 1, rows);
                d.copy(rows, 0, out, 2, 2);
                return get(d, out);
            }));
            assertValues(who + "argmax of [1, 3, 3, 2] and [1, 3, NaN, NaN]", new float[] {1f, 2f}, run(b, d -> {
                Storage out = zeros(d, 2);
                d.argmax(put(d, new float[] {1f, 3f, 3f, 2f, 1f, 3f, Float.NaN, Float.NaN}), 2, 4, 1, out);
                return get(d, out);
            }));
            float[] second = {5f, 6f, 7f, 8f};
            assertValues(who + "matmul [[1, 2], [3, 4]] [[5, 6], [7, 8]] in all four layouts",
                    new float[] {19f, 22f, 43f, 50f, 19f, 22f, 43f, 50f, 19f, 22f, 43f, 50f, 19f, 22f, 43f, 50f},
                    run(b, d -> {
                        float[] transposedSquare = {1f, 3f, 2f, 4f};
                        float[] transposedSecond = {5f, 7f, 6f, 8f};
                        float[] all = new float[16];
                        for (int layout = 0; layout < 4; layout++) {
                            boolean ta = (layout & 2) != 0;
                            boolean tb = (layout & 1) != 0;
                            Storage c = zeros(d, 4);
                            d.matmul(put(d, ta ? transposedSquare : square), ta, put(d, tb ? transposedSecond : second), tb,
                                    c, 2, 2, 2);
                            System.arraycopy(get(d, c), 0, all, 4 * layout, 4);
                        }
                        return all;
                    }));
            assertValues(who + "gather [2, 0] from [[10, 11, 12], [20, 21, 22]]", new float[] {12f, 20f}, run(b, d -> {
                Storage out = zeros(d, 2);
                d.gather(put(d, new float[] {10f, 11f, 12f, 20f, 21f, 22f}), 2, 3, 1, put(d, new float[] {2f, 0f}), out);
                return get(d, out);
            }));
            assertValues(who + "scatterAdd [1, 2] at [2, 0]", new float[] {0f, 0f, 1f, 2f, 0f, 0f}, run(b, d -> {
                Storage out = zeros(d, 6);
                d.scatterAdd(put(d, new float[] {1f, 2f}), put(d, new float[] {2f, 0f}), 2, 3, 1, out);
                return get(d, out);
            }));
            float[] row = {3f, Float.NaN, 0f, -0f, Float.NEGATIVE_INFINITY, 1f, 3f};
            assertMatch(who + "sort of [3, NaN, 0, -0, -inf, 1, 3]", Shape.of(7),
                    new float[] {Float.NEGATIVE_INFINITY, -0f, 0f, 1f, 3f, 3f, Float.NaN}, run(b, d -> {
                        Storage s = put(d, row);
                        d.sort(s, 1, 7, s);
                        return get(d, s);
                    }), Tolerance.BITWISE);
            assertValues(who + "argsort of [3, NaN, 0, -0, -inf, 1, 3]", new float[] {4f, 3f, 2f, 5f, 0f, 6f, 1f},
                    run(b, d -> {
                        Storage out = zeros(d, 7);
                        d.argsort(put(d, row), 1, 7, out);
                        return get(d, out);
                    }));
            float[][] softmax = softmax(b, new float[] {0f, (float) Math.log(3)}, 1, 2, 1, new float[] {1f});
            assertMatch(who + "softmax of [0, ln 3]", Shape.of(2), new float[] {0.25f, 0.75f}, softmax[0],
                    Tolerance.TRANSCENDENTAL);
            assertMatch(who + "cross-entropy of [0, ln 3] at class 1", Shape.of(1),
                    new float[] {(float) -Math.log(0.75)}, softmax[1], Tolerance.TRANSCENDENTAL);
            assertMatch(who + "one Adam step of p=1, g=0.5, lr=0.1", Shape.of(1), new float[] {0.9f}, run(b, d -> {
                Storage p = put(d, new float[] {1f});
                d.adamStep(p, put(d, new float[] {0.5f}), zeros(d, 1), zeros(d, 1), 1, 0.1f, 0.9f, 0.999f, 1e-8f, 0f, 1);
                return get(d, p);
            }), Tolerance.TRANSCENDENTAL);
        }
    }

    @Test
    public void counterRandomUniformIsInUnitInterval() {
        float[] draws = new float[1000];
        for (int i = 0; i < draws.length; i++) {
            draws[i] = CounterRandom.uniform(42L, i);
            assertTrue(draws[i] >= 0f && draws[i] < 1f, "CounterRandom.uniform(42, " + i + ") = " + draws[i]);
        }
        double mean = 0;
        for (float d : draws) {
            mean += d / draws.length;
        }
        assertEquals(0.5, mean, 0.05, "mean of 1000 uniform draws");
        assertFalse(draws[0] == draws[1] && draws[1] == draws[2], "the first draws are all equal");
        assertEquals(CounterRandom.uniform(42L, 7L), CounterRandom.uniform(42L, 7L), "same seed and index");
    }

    private static void assertValues(String what, float[] expected, float[] actual) {
        assertMatch(what, Shape.of(expected.length), expected, actual, Tolerance.ROUNDED);
    }

    // ---------------------------------------------------------------- plumbing

    /** One computation, run on either backend, whose result is downloaded to the host. */
    @FunctionalInterface
    private interface Kernel {
        float[] run(Backend backend);
    }

    private record Allocation(Backend backend, Storage storage) {
    }

    private static float[] run(Backend b, Kernel kernel) {
        return kernel.run(b);
    }

    private void compare(String what, Shape shape, Tolerance tolerance, Kernel kernel) {
        assertMatch(what, shape, run(reference, kernel), run(backend, kernel), tolerance);
    }

    private Storage zeros(Backend b, int length) {
        Storage s = b.allocate(length);
        allocations.add(new Allocation(b, s));
        return s;
    }

    private Storage put(Backend b, float[] data) {
        Storage s = zeros(b, data.length);
        b.upload(data, 0, s, 0, data.length);
        return s;
    }

    private static float[] get(Backend b, Storage s) {
        float[] host = new float[s.length()];
        b.download(s, 0, host, 0, host.length);
        return host;
    }

    private static int[] withZero(int[] lengths) {
        int[] all = new int[lengths.length + 1];
        System.arraycopy(lengths, 0, all, 1, lengths.length);
        return all;
    }
}
