package org.dab4j.backend.vector;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.dab4j.tensor.Backend;
import org.dab4j.tensor.ReduceOp;
import org.dab4j.tensor.Storage;
import org.dab4j.tensor.UnaryOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The vector kernels against the scalar reference at lengths around the vector width (full vectors, masked
 * tails, nothing at all) and past the size where work is split over threads.
 */
class KernelsVsReferenceTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 16, 17, 100, 70_001})
    void unaryWhereAndScalarOps(int length) {
        SplittableRandom random = new SplittableRandom(length);
        float[] x = Pair.withSpecials(random, length);
        float[] y = Pair.withSpecials(random, length);
        float[] cond = Pair.withSpecials(random, length);
        try (Pair pair = new Pair(2)) {
            for (UnaryOp op : UnaryOp.values()) {
                Pair.assertClose(unary(pair.reference, op, x), unary(pair.vector, op, x), 3e-7, op.toString());
            }
            Pair.assertSame(where(pair.reference, cond, x, y), where(pair.vector, cond, x, y), "where");
        }
    }

    @ParameterizedTest(name = "[{0}, {1}, {2}]")
    @CsvSource({"1, 1, 1", "3, 17, 1", "2, 100, 1", "1, 70000, 1", "5, 3, 7", "2, 9, 33", "1, 40, 2000",
        "300, 250, 1", "4, 0, 3", "0, 5, 2"})
    void reductionsAndArgmax(int outer, int axis, int inner) {
        SplittableRandom random = new SplittableRandom(outer * 7919L + axis * 31L + inner);
        float[] plain = Pair.random(random, outer * axis * inner);
        float[] specials = Pair.withSpecials(random, outer * axis * inner);
        for (int i = 0; i < specials.length; i++) {
            // The reference sums in double, where 3e38 + 3e38 - inf is -inf; a float sum overflows to NaN first.
            if (Float.isFinite(specials[i]) && Math.abs(specials[i]) > 1e30f) {
                specials[i] = 1e30f;
            }
        }
        try (Pair pair = new Pair(2)) {
            for (float[] x : new float[][] {plain, specials}) {
                Pair.assertClose(reduce(pair.reference, ReduceOp.SUM, x, outer, axis, inner),
                        reduce(pair.vector, ReduceOp.SUM, x, outer, axis, inner), 1e-5, "sum");
                Pair.assertSame(reduce(pair.reference, ReduceOp.MAX, x, outer, axis, inner),
                        reduce(pair.vector, ReduceOp.MAX, x, outer, axis, inner), "max");
                if (axis > 0) {
                    Pair.assertSame(argmax(pair.reference, x, outer, axis, inner),
                            argmax(pair.vector, x, outer, axis, inner), "argmax");
                }
            }
        }
    }

    @Test
    void argmaxTakesTheFirstMaximumAndTheFirstNaN() {
        try (Pair pair = new Pair(1)) {
            float[] ties = {1, 3, -0f, 3, 0, 3};
            Pair.assertSame(new float[] {1}, argmax(pair.vector, ties, 1, 6, 1), "ties along the row");
            Pair.assertSame(new float[] {1, 0}, argmax(pair.vector, new float[] {1, 0, 3, 0, 3, 0}, 1, 3, 2),
                    "ties down the columns");
            float[] nan = {1, Float.NaN, 5, Float.NaN};
            Pair.assertSame(new float[] {1}, argmax(pair.vector, nan, 1, 4, 1), "NaN along the row");
            Pair.assertSame(new float[] {1, 2}, argmax(pair.vector, new float[] {1, 0, Float.NaN, 0, Float.NaN, 9},
                    1, 3, 2), "NaN down the columns");
        }
    }

    @ParameterizedTest(name = "[{0}, {1}, {2}]")
    @CsvSource({"1, 1, 1", "4, 10, 1", "3, 37, 1", "1, 7, 20", "3, 5, 40", "800, 100, 1"})
    void softmaxCrossEntropyMatchesTheComposition(int outer, int classes, int inner) {
        SplittableRandom random = new SplittableRandom(classes);
        float[] logits = Pair.random(random, outer * classes * inner);
        for (int i = 0; i < logits.length; i++) {
            logits[i] *= 10;
        }
        float[] targets = new float[outer * inner];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = random.nextInt(classes);
        }
        try (Pair pair = new Pair(2)) {
            float[][] expected = softmax(pair.reference, logits, outer, classes, inner, targets, false);
            float[][] actual = softmax(pair.vector, logits, outer, classes, inner, targets, false);
            float[][] inPlace = softmax(pair.vector, logits, outer, classes, inner, targets, true);
            for (float[][] result : new float[][][] {actual, inPlace}) {
                Pair.assertClose(expected[0], result[0], 2e-6, "loss");
                Pair.assertClose(expected[1], result[1], 2e-6, "probs");
            }
        }
    }

    @Test
    void softmaxCrossEntropyRejectsABadTargetBeforeWriting() {
        try (Pair pair = new Pair(1)) {
            Backend b = pair.vector;
            Storage loss = b.allocate(2);
            Storage probs = b.allocate(6);
            Storage targets = Pair.put(b, new float[] {0, 3});
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> b.softmaxCrossEntropy(
                    Pair.put(b, new float[6]), 2, 3, 1, targets, loss, probs));
            assertTrue(e.getMessage().contains("index 3.0"), e.getMessage());
            Pair.assertSame(new float[6], Pair.get(b, probs), "probs untouched");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 13, 70_000})
    void adamAndBiasActivationMatchTheComposition(int length) {
        SplittableRandom random = new SplittableRandom(length);
        float[] param = Pair.random(random, length);
        float[] grad = Pair.random(random, length);
        float[] m = Pair.random(random, length);
        float[] v = Pair.random(random, length);
        for (int i = 0; i < length; i++) {
            v[i] = Math.abs(v[i]);
        }
        try (Pair pair = new Pair(2)) {
            for (float decay : new float[] {0f, 0.01f}) {
                float[][] expected = adam(pair.reference, param, grad, m, v, decay);
                float[][] actual = adam(pair.vector, param, grad, m, v, decay);
                for (int i = 0; i < 3; i++) {
                    Pair.assertSame(expected[i], actual[i], "adam state " + i + ", decay " + decay);
                }
            }
            int cols = length == 1 ? 1 : 13;
            int rows = length / cols;
            float[] bias = Pair.random(random, cols);
            for (UnaryOp act : new UnaryOp[] {null, UnaryOp.RELU, UnaryOp.TANH}) {
                Pair.assertClose(biasActivation(pair.reference, param, bias, rows, cols, act),
                        biasActivation(pair.vector, param, bias, rows, cols, act), 3e-7, "bias + " + act);
            }
        }
    }

    private static float[] unary(Backend b, UnaryOp op, float[] x) {
        Storage out = b.allocate(x.length);
        b.unary(op, Pair.put(b, x), out, x.length);
        return Pair.get(b, out);
    }

    private static float[] where(Backend b, float[] cond, float[] x, float[] y) {
        Storage out = b.allocate(x.length);
        b.where(Pair.put(b, cond), Pair.put(b, x), Pair.put(b, y), out, x.length);
        return Pair.get(b, out);
    }

    private static float[] reduce(Backend b, ReduceOp op, float[] x, int outer, int axis, int inner) {
        Storage out = b.allocate(outer * inner);
        b.reduce(op, Pair.put(b, x), outer, axis, inner, out);
        return Pair.get(b, out);
    }

    private static float[] argmax(Backend b, float[] x, int outer, int axis, int inner) {
        Storage out = b.allocate(outer * inner);
        b.argmax(Pair.put(b, x), outer, axis, inner, out);
        return Pair.get(b, out);
    }

    private static float[][] softmax(Backend b, float[] logits, int outer, int classes, int inner, float[] targets,
                                     boolean inPlace) {
        Storage x = Pair.put(b, logits);
        Storage loss = b.allocate(outer * inner);
        Storage probs = inPlace ? x : b.allocate(logits.length);
        b.softmaxCrossEntropy(x, outer, classes, inner, Pair.put(b, targets), loss, probs);
        return new float[][] {Pair.get(b, loss), Pair.get(b, probs)};
    }

    private static float[][] adam(Backend b, float[] param, float[] grad, float[] m, float[] v, float decay) {
        Storage p = Pair.put(b, param);
        Storage sm = Pair.put(b, m);
        Storage sv = Pair.put(b, v);
        b.adamStep(p, Pair.put(b, grad), sm, sv, param.length, 1e-3f, 0.9f, 0.999f, 1e-8f, decay, 3);
        return new float[][] {Pair.get(b, p), Pair.get(b, sm), Pair.get(b, sv)};
    }

    private static float[] biasActivation(Backend b, float[] x, float[] bias, int rows, int cols, UnaryOp act) {
        Storage out = b.allocate(rows * cols);
        b.biasActivation(Pair.put(b, x), Pair.put(b, bias), out, rows, cols, act);
        return Pair.get(b, out);
    }
}
