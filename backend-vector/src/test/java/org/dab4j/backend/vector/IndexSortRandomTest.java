package org.dab4j.backend.vector;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Gather, scatter, sorting and random fills against the reference, which they must match exactly. */
class IndexSortRandomTest {

    @ParameterizedTest(name = "[{0}, {1}, {2}]")
    @CsvSource({"1, 1, 1", "3, 5, 1", "2, 4, 7", "700, 10, 100"})
    void gatherAndScatterAdd(int outer, int axis, int inner) {
        SplittableRandom random = new SplittableRandom(axis);
        float[] x = Pair.random(random, outer * axis * inner);
        float[] src = Pair.random(random, outer * inner);
        float[] index = new float[outer * inner];
        for (int i = 0; i < index.length; i++) {
            index[i] = random.nextInt(axis);
        }
        try (Pair pair = new Pair(2)) {
            Pair.assertSame(gather(pair.reference, x, outer, axis, inner, index),
                    gather(pair.vector, x, outer, axis, inner, index), "gather");
            Pair.assertSame(scatterAdd(pair.reference, src, index, outer, axis, inner, x),
                    scatterAdd(pair.vector, src, index, outer, axis, inner, x), "scatterAdd");
        }
    }

    @Test
    void badIndicesAreNamedAndNothingIsWritten() {
        try (Pair pair = new Pair(1)) {
            Backend b = pair.vector;
            Storage x = Pair.put(b, new float[] {1, 2, 3, 4, 5, 6});
            Storage out = Pair.put(b, new float[] {7, 7});
            for (float bad : new float[] {-1, 3, 1.5f, Float.NaN}) {
                Storage index = Pair.put(b, new float[] {0, bad});
                IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                        () -> b.gather(x, 2, 3, 1, index, out));
                assertTrue(e.getMessage().contains("index " + bad), e.getMessage());
                assertThrows(IndexOutOfBoundsException.class, () -> b.scatterAdd(out, index, 2, 3, 1, x));
            }
            Pair.assertSame(new float[] {7, 7}, Pair.get(b, out), "gather output");
            Pair.assertSame(new float[] {1, 2, 3, 4, 5, 6}, Pair.get(b, x), "scatter output");
        }
    }

    @ParameterizedTest(name = "[{0}, {1}]")
    @CsvSource({"1, 1", "3, 17", "2, 300", "200, 400"})
    void sortAndArgsortIncludingTiesSignedZerosAndNaN(int rows, int length) {
        SplittableRandom random = new SplittableRandom(length);
        float[] x = Pair.withSpecials(random, rows * length);
        for (int i = 0; i < x.length; i += 3) {
            x[i] = random.nextInt(3); // ties
        }
        try (Pair pair = new Pair(2)) {
            Pair.assertSame(sort(pair.reference, x, rows, length, false), sort(pair.vector, x, rows, length, false),
                    "sort");
            Pair.assertSame(sort(pair.reference, x, rows, length, true), sort(pair.vector, x, rows, length, true),
                    "argsort");
        }
    }

    @Test
    void randomFillsDrawTheCounterRandomNumbers() {
        try (Pair pair = new Pair(2)) {
            for (int length : new int[] {1, 17, 70_001}) {
                Pair.assertSame(random(pair.reference, length, false), random(pair.vector, length, false), "uniform");
                Pair.assertSame(random(pair.reference, length, true), random(pair.vector, length, true), "normal");
            }
        }
    }

    private static float[] gather(Backend b, float[] x, int outer, int axis, int inner, float[] index) {
        Storage out = b.allocate(outer * inner);
        b.gather(Pair.put(b, x), outer, axis, inner, Pair.put(b, index), out);
        return Pair.get(b, out);
    }

    private static float[] scatterAdd(Backend b, float[] src, float[] index, int outer, int axis, int inner,
                                      float[] initial) {
        Storage out = Pair.put(b, initial);
        b.scatterAdd(Pair.put(b, src), Pair.put(b, index), outer, axis, inner, out);
        return Pair.get(b, out);
    }

    private static float[] sort(Backend b, float[] x, int rows, int length, boolean indices) {
        Storage s = Pair.put(b, x);
        if (indices) {
            b.argsort(s, rows, length, s);
        } else {
            b.sort(s, rows, length, s);
        }
        return Pair.get(b, s);
    }

    private static float[] random(Backend b, int length, boolean normal) {
        Storage out = b.allocate(length);
        if (normal) {
            b.randomNormal(out, length, 42, 7);
        } else {
            b.randomUniform(out, length, 42, 7);
        }
        return Pair.get(b, out);
    }
}
