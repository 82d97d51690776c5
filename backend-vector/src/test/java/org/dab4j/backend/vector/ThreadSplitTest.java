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
        float[] targets = new float[ROWS];
        for (int i = 0; i < ROWS; i++) {
            targets[i] = random.nextInt(COLS);
        }
        float[][] expected = run(1, x, y, row, targets);
        for (int threads = 2; threads <= 3; threads++) {
            float[][] actual = run(threads, x, y, row, targets);
            for (int i = 0; i < expected.length; i++) {
                Pair.assertSame(expected[i], actual[i], "result " + i + " on " + threads + " threads");
            }
        }
    }

    private static float[][] run(int threads, float[] x, float[] y, float[] row, float[] targets) {
        try (Pair pair = new Pair(threads)) {
            Backend b = pair.vector;
            Storage sx = Pair.put(b, x);
            Storage sy = Pair.put(b, y);
            Storage sr = Pair.put(b, row);
            int n = x.length;
            Storage tanh = b.allocate(n);
            b.unary(UnaryOp.TANH, sx, tanh, n);
            Storage sum = b.allocate(n);
            b.binary(BinaryOp.ADD, sx, Shape.of(n), sy, Shape.of(n), sum);
            Storage biased = b.allocate(n);
            b.binary(BinaryOp.MUL, sx, Shape.of(ROWS, COLS), sr, Shape.of(COLS), biased);
            Storage rowSums = b.allocate(ROWS);
            b.reduce(ReduceOp.SUM, sx, ROWS, COLS, 1, rowSums);
            Storage columnSums = b.allocate(COLS);
            b.reduce(ReduceOp.SUM, sx, 1, ROWS, COLS, columnSums);
            Storage blockSums = b.allocate(11 * COLS);
            b.reduce(ReduceOp.SUM, sx, 11, ROWS / 11, COLS, blockSums);
            Storage loss = b.allocate(ROWS);
            Storage probs = b.allocate(n);
            b.softmaxCrossEntropy(sx, ROWS, COLS, 1, Pair.put(b, targets), loss, probs);
            return new float[][] {Pair.get(b, tanh), Pair.get(b, sum), Pair.get(b, biased), Pair.get(b, rowSums),
                Pair.get(b, columnSums), Pair.get(b, blockSums), Pair.get(b, loss), Pair.get(b, probs)};
        }
    }
}
