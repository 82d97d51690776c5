package org.dab4j.backend.vector;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.dab4j.tensor.Backend;
import org.dab4j.tensor.BackendConfig;
import org.dab4j.tensor.Storage;
import org.dab4j.tensor.UnaryOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the fused kernels promise beyond the conformance suite: softmax writing its probabilities over its own
 * logits, rejecting a bad target before writing anything, and Adam and the activation gradients reproducing
 * the default composition bit for bit (they perform the same float operations in the same order).
 */
class FusedOpsTest {

    @ParameterizedTest(name = "[{0}, {1}, {2}]")
    @CsvSource({"4, 10, 1", "3, 37, 1", "1, 7, 20", "3, 5, 40"})
    void softmaxCrossEntropyInPlaceOverItsLogits(int outer, int classes, int inner) {
        SplittableRandom random = new SplittableRandom(classes);
        float[] logits = Pair.random(random, outer * classes * inner);
        float[] targets = new float[outer * inner];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = random.nextInt(classes);
        }
        try (Pair pair = new Pair(1)) {
            float[][] expected = softmax(pair.reference, logits, outer, classes, inner, targets, false);
            float[][] inPlace = softmax(pair.vector, logits, outer, classes, inner, targets, true);
            Pair.assertClose(expected[0], inPlace[0], 2e-6, "loss");
            Pair.assertClose(expected[1], inPlace[1], 2e-6, "probs");
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
            Pair.assertSame(new float[6], Pair.get(b, probs), "probs");
            Pair.assertSame(new float[2], Pair.get(b, loss), "loss");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 13, 70_000})
    void adamReproducesTheDefaultCompositionBitForBit(int length) {
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
                    Pair.assertSame(expected[i], actual[i], "adam state " + i + ", weight decay " + decay);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 15, 16, 37, 70_000})
    void activationGradientMatchesTheDefaultCompositionBitForBit(int length) {
        SplittableRandom random = new SplittableRandom(length);
        float[] y = Pair.withSpecials(random, length);
        float[] g = Pair.withSpecials(random, length);
        try (Pair pair = new Pair(2)) {
            for (UnaryOp activation : new UnaryOp[] {UnaryOp.TANH, UnaryOp.SIGMOID, UnaryOp.RELU}) {
                Storage expected = pair.reference.allocate(length);
                pair.reference.activationGradient(activation, Pair.put(pair.reference, y), Pair.put(pair.reference, g),
                        expected, length);
                Storage actual = pair.vector.allocate(length);
                pair.vector.activationGradient(activation, Pair.put(pair.vector, y), Pair.put(pair.vector, g), actual,
                        length);
                Pair.assertSame(Pair.get(pair.reference, expected), Pair.get(pair.vector, actual),
                        activation + " gradient of " + length);
            }
        }
    }

    @Test
    void activationGradientRejectsAnActivationItCannotDifferentiateFromItsOutput() {
        try (VectorBackend b = new VectorBackend(new BackendConfig(1))) {
            Storage s = b.allocate(3);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> b.activationGradient(UnaryOp.EXP, s, s, s, 3));
            assertTrue(e.getMessage().contains("EXP"), e.getMessage());
        }
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
}
