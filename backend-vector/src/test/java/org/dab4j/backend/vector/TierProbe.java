package org.dab4j.backend.vector;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.SequencedSet;
import java.util.SplittableRandom;

import org.dab4j.tensor.BackendConfig;
import org.dab4j.tensor.BinaryOp;
import org.dab4j.tensor.ReduceOp;
import org.dab4j.tensor.Storage;
import org.dab4j.tensor.UnaryOp;

/**
 * The child JVM of {@link JitTierDeterminismTest}. Runs every operation whose kernel could give different
 * bits in the interpreter and in compiled code, over fixed inputs, as many times as its one argument says, and
 * prints one line per operation: its name, then the hash of each distinct result in the order first seen.
 */
final class TierProbe {
    /** A [17, 23] matrix: 391 values and rows of 23, a multiple of no vector width. */
    private static final int ROWS = 17;
    private static final int COLS = 23;
    /** Rows of the transposed right operand of the matrix product; small enough for the dot-product path. */
    private static final int PRODUCT_COLS = 5;

    private TierProbe() {
    }

    public static void main(String[] args) {
        int iterations = Integer.parseInt(args[0]);
        Map<String, SequencedSet<String>> hashes = new LinkedHashMap<>();
        try (VectorBackend b = new VectorBackend(new BackendConfig(1))) {
            Operations ops = new Operations(b);
            for (int i = 0; i < iterations; i++) {
                ops.run((name, values) -> hashes.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(hash(values)));
            }
        }
        hashes.forEach((name, distinct) -> System.out.println(name + " " + String.join(" ", distinct)));
    }

    /** A hash of the values' bits, with every NaN counted alike (a NaN's payload is not a result). */
    private static String hash(float[] values) {
        long h = values.length;
        for (float v : values) {
            h = h * 0x9e37_79b9_7f4a_7c15L + Float.floatToIntBits(v);
        }
        return Long.toHexString(h);
    }

    /** Receives each operation's result. */
    private interface Results {
        void accept(String name, float[] values);
    }

    /** The inputs, uploaded once, and the operations over them. */
    private static final class Operations {
        private final VectorBackend b;
        private final int n = ROWS * COLS;
        private final Storage x;
        private final Storage y;
        private final Storage targets;
        private final Storage columnTargets;
        private final Storage out;
        private final Storage loss;

        Operations(VectorBackend b) {
            this.b = b;
            SplittableRandom random = new SplittableRandom(7);
            x = Pair.put(b, inputs(random, n));
            y = Pair.put(b, Pair.random(random, n));
            float[] t = new float[ROWS];
            for (int i = 0; i < ROWS; i++) {
                t[i] = random.nextInt(COLS);
            }
            targets = Pair.put(b, t);
            float[] ct = new float[COLS];
            for (int i = 0; i < COLS; i++) {
                ct[i] = random.nextInt(ROWS);
            }
            columnTargets = Pair.put(b, ct);
            out = b.allocate(n);
            loss = b.allocate(COLS);
        }

        /**
         * Mostly values in [-2, 2), a quarter of them spread over the whole exponent range of exp's finite
         * results and beyond, and the special values, so every branch of every function is taken.
         */
        private static float[] inputs(SplittableRandom random, int n) {
            float[] x = Pair.withSpecials(random, n);
            for (int i = 0; i < n; i += 4) {
                if (!Float.isNaN(x[i]) && !Float.isInfinite(x[i])) {
                    x[i] = (float) (Math.signum(random.nextDouble() - 0.5) * Math.exp(random.nextDouble(-110, 110)));
                }
            }
            return x;
        }

        void run(Results results) {
            for (UnaryOp op : new UnaryOp[] {UnaryOp.EXP, UnaryOp.LOG, UnaryOp.TANH, UnaryOp.SIGMOID}) {
                b.unary(op, x, out, n);
                results.accept(op.name(), Pair.get(b, out));
            }
            b.binaryScalar(BinaryOp.POW, x, 1.7f, out, n);
            results.accept("POW", Pair.get(b, out));
            Storage rowSums = b.allocate(ROWS);
            b.reduce(ReduceOp.SUM, y, ROWS, COLS, 1, rowSums);
            results.accept("SUM", Pair.get(b, rowSums));
            Storage product = b.allocate(ROWS * PRODUCT_COLS);
            b.matmul(y, false, y, true, product, ROWS, COLS, PRODUCT_COLS);
            results.accept("MATMUL", Pair.get(b, product));
            Storage rowLoss = b.allocate(ROWS);
            b.softmaxCrossEntropy(y, ROWS, COLS, 1, targets, rowLoss, out);
            results.accept("SOFTMAX_ROWS", concat(Pair.get(b, rowLoss), Pair.get(b, out)));
            b.softmaxCrossEntropy(y, 1, ROWS, COLS, columnTargets, loss, out);
            results.accept("SOFTMAX_COLUMNS", concat(Pair.get(b, loss), Pair.get(b, out)));
            b.release(rowSums);
            b.release(product);
            b.release(rowLoss);
        }

        private static float[] concat(float[] a, float[] c) {
            float[] all = new float[a.length + c.length];
            System.arraycopy(a, 0, all, 0, a.length);
            System.arraycopy(c, 0, all, a.length, c.length);
            return all;
        }
    }
}
