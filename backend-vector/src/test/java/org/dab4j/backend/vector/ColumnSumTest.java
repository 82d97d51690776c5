package org.dab4j.backend.vector;

import java.util.SplittableRandom;

import org.dab4j.tensor.BackendConfig;
import org.dab4j.tensor.ReduceOp;
import org.dab4j.tensor.Storage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sum down the middle axis with columns ({@code inner > 1}) against a float sum of each column from row 0
 * down, bit for bit, at widths where the kernel's blocks of eight vectors, its single vectors and its masked
 * last vector all show, on one thread and on two.
 */
class ColumnSumTest {

    @ParameterizedTest(name = "[{0}, {1}, {2}] on {3} threads")
    @CsvSource({
        "1, 37, 300, 1", "1, 37, 300, 2", // two blocks of 128 columns, two vectors, 12 columns under a mask
        "3, 5, 128, 2", // exactly one block in each of three outer slices
        "1, 300, 1000, 2", // columns split over two threads at a vector boundary inside a block of eight
        "2, 1024, 1000, 2", // two slices, one per thread
    })
    void sumsEachColumnFromTheFirstRowDown(int outer, int axis, int inner, int threads) {
        SplittableRandom random = new SplittableRandom(outer * 31L + axis * 7L + inner);
        float[] x = Pair.random(random, outer * axis * inner);
        float[] expected = new float[outer * inner];
        for (int r = 0; r < outer; r++) {
            for (int i = 0; i < inner; i++) {
                float s = 0f;
                for (int a = 0; a < axis; a++) {
                    s += x[(r * axis + a) * inner + i];
                }
                expected[r * inner + i] = s;
            }
        }
        try (VectorBackend backend = new VectorBackend(new BackendConfig(threads))) {
            Storage out = backend.allocate(outer * inner);
            backend.reduce(ReduceOp.SUM, Pair.put(backend, x), outer, axis, inner, out);
            Pair.assertSame(expected, Pair.get(backend, out), "column sums of [" + outer + ", " + axis + ", " + inner
                    + "]");
        }
    }
}
