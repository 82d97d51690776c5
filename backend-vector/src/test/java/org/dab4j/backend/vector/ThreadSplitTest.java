package org.dab4j.backend.vector;

import java.util.SplittableRandom;

import org.dab4j.tensor.Backend;
import org.dab4j.tensor.BinaryOp;
import org.dab4j.tensor.ReduceOp;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Storage;
import org.dab4j.tensor.UnaryOp;
import org.junit.jupiter.api.Test;

/**
 * Operations large enough to be split over threads give the same bits on 1, 2 and 3 threads, for every way
 * a split can fall: elementwise ranges, rows of a broadcast, reduction rows and column blocks.
 */
class ThreadSplitTest {
    private static final int ROWS = 517;
    private static final int COLS = 301;

    @Test
    void sameBitsWhateverTheThreadCount() {
        SplittableRandom random = new SplittableRandom(3);
        float[] x = Pair.random(random, ROWS * COLS);
        float[] y = Pair.random(random, ROWS * COLS);
        float[] row = Pair.random(random, COLS);
        float[] column = Pair.random(random, ROWS);
        float[][] expected = run(1, x, y, row, column);
        for (int threads = 2; threads <= 3; threads++) {
            float[][] actual = run(threads, x, y, row, column);
            for (int i = 0; i < expected.length; i++) {
                Pair.assertSame(expected[i], actual[i], "result " + i + " on " + threads + " threads");
            }
        }
    }

    private static float[][] run(int threads, float[] x, float[] y, float[] row, float[] column) {
        try (Pair pair = new Pair(threads)) {
            Backend b = pair.vector;
            Storage sx = Pair.put(b, x);
            int n = x.length;
            Storage square = b.allocate(n);
            b.unary(UnaryOp.SQUARE, sx, square, n);
            Storage exp = b.allocate(n);
            b.unary(UnaryOp.EXP, sx, exp, n);
            Storage tanh = b.allocate(n);
            b.unary(UnaryOp.TANH, sx, tanh, n);
            Storage sum = b.allocate(n);
            b.binary(BinaryOp.ADD, sx, Shape.of(n), Pair.put(b, y), Shape.of(n), sum);
            Storage scaled = b.allocate(n);
            b.binary(BinaryOp.MUL, sx, Shape.of(ROWS, COLS), Pair.put(b, row), Shape.of(COLS), scaled);
            Storage divided = b.allocate(n);
            b.binary(BinaryOp.DIV, sx, Shape.of(ROWS, COLS), Pair.put(b, column), Shape.of(ROWS, 1), divided);
            Storage rowSums = b.allocate(ROWS);
            b.reduce(ReduceOp.SUM, sx, ROWS, COLS, 1, rowSums);
            Storage columnSums = b.allocate(COLS);
            b.reduce(ReduceOp.SUM, sx, 1, ROWS, COLS, columnSums);
            Storage blockSums = b.allocate(11 * COLS);
            b.reduce(ReduceOp.SUM, sx, 11, ROWS / 11, COLS, blockSums);
            Storage columnMax = b.allocate(COLS);
            b.argmax(sx, 1, ROWS, COLS, columnMax);
            return new float[][] {Pair.get(b, square), Pair.get(b, exp), Pair.get(b, tanh), Pair.get(b, sum),
                Pair.get(b, scaled), Pair.get(b, divided), Pair.get(b, rowSums), Pair.get(b, columnSums),
                Pair.get(b, blockSums), Pair.get(b, columnMax)};
        }
    }
}
