package org.dab4j.backend.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.dab4j.tensor.BackendConfig;
import org.dab4j.tensor.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packed matrix product against a naive triple loop in double, at the sizes where its structure shows
 * and the conformance suite does not go: several k-slices, block edges, the split over threads; each in every
 * transpose combination, into an output full of garbage.
 */
class GemmTest {

    @ParameterizedTest(name = "m={0} k={1} n={2}")
    @CsvSource({
        "1, 300, 1", "2, 9, 130", // unpacked path, long k and a row longer than the block
        "7, 65, 63", "1, 2000, 40", // packed, one row past the block, one column short of it, one row only
        "12, 1025, 70", "20, 2050, 17", // two and three k-slices, the first ones one k longer
        "131, 97, 90", // split over threads, the last piece ending in a partial block
        "13, 1500, 130", // two slices with partial row and column blocks in both
        "50, 300, 784", "9, 40, 90", // a last B panel of 16 and of 26 columns: one and two one-vector strips
    })
    void matchesNaiveProductForEveryTransposeCombination(int m, int k, int n) {
        SplittableRandom random = new SplittableRandom(m * 31L + k * 7L + n);
        float[] a = Pair.random(random, m * k);
        float[] b = Pair.random(random, k * n);
        try (VectorBackend backend = new VectorBackend(new BackendConfig(2))) {
            for (boolean transA : new boolean[] {false, true}) {
                for (boolean transB : new boolean[] {false, true}) {
                    float[] c = multiply(backend, a, transA, b, transB, m, k, n);
                    assertNear(naive(a, transA, b, transB, m, k, n), c, a, transA, b, transB, m, k, n);
                }
            }
        }
    }

    @Test
    void sameBitsOnOneThreadAndOnTwo() {
        int m = 301;
        int k = 400;
        int n = 77;
        SplittableRandom random = new SplittableRandom(5);
        float[] a = Pair.random(random, m * k);
        float[] b = Pair.random(random, k * n);
        try (VectorBackend one = new VectorBackend(new BackendConfig(1));
             VectorBackend two = new VectorBackend(new BackendConfig(2));
             VectorBackend three = new VectorBackend(new BackendConfig(3))) {
            float[] expected = multiply(one, a, false, b, true, m, k, n);
            assertArrayEquals(expected, multiply(two, a, false, b, true, m, k, n));
            assertArrayEquals(expected, multiply(three, a, false, b, true, m, k, n));
        }
    }

    @Test
    void emptyInnerDimensionGivesZeros() {
        try (VectorBackend backend = new VectorBackend(new BackendConfig(1))) {
            Storage a = backend.allocate(0);
            Storage b = backend.allocate(0);
            Storage c = Pair.put(backend, new float[] {1, 2, 3, 4, 5, 6});
            backend.matmul(a, false, b, false, c, 2, 0, 3);
            assertArrayEquals(new float[6], Pair.get(backend, c));
        }
    }

    private static float[] multiply(VectorBackend backend, float[] a, boolean transA, float[] b, boolean transB,
                                    int m, int k, int n) {
        Storage sa = Pair.put(backend, a);
        Storage sb = Pair.put(backend, b);
        // Garbage in C checks that the product overwrites rather than accumulates.
        float[] garbage = new float[m * n];
        Arrays.fill(garbage, 1e9f);
        Storage sc = Pair.put(backend, garbage);
        backend.matmul(sa, transA, sb, transB, sc, m, k, n);
        return Pair.get(backend, sc);
    }

    private static double[] naive(float[] a, boolean transA, float[] b, boolean transB, int m, int k, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (double) at(a, transA, m, k, i, p) * at(b, transB, k, n, p, j);
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    /** Element (r, col) of op(x), where op(x) is rows x cols. */
    private static float at(float[] x, boolean trans, int rows, int cols, int r, int col) {
        return trans ? x[col * rows + r] : x[r * cols + col];
    }

    /** Float accumulation may differ from the exact sum by about k ulps of the sum of |products|. */
    private static void assertNear(double[] expected, float[] actual, float[] a, boolean transA, float[] b,
                                   boolean transB, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double magnitude = 0;
                for (int p = 0; p < k; p++) {
                    magnitude += Math.abs((double) at(a, transA, m, k, i, p) * at(b, transB, k, n, p, j));
                }
                double error = Math.abs(expected[i * n + j] - actual[i * n + j]);
                if (error > 2 * k * Math.ulp((float) magnitude) + 1e-30) {
                    fail("transA=" + transA + " transB=" + transB + ": c[" + i + "," + j + "] expected "
                            + expected[i * n + j] + " but was " + actual[i * n + j]);
                }
            }
        }
    }
}
