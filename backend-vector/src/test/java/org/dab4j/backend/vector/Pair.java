package org.dab4j.backend.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;

import org.dab4j.reference.ReferenceBackend;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.BackendConfig;
import org.dab4j.tensor.Storage;

/** A vector backend and the scalar reference side by side, with helpers to feed both the same data. */
final class Pair implements AutoCloseable {
    final VectorBackend vector;
    final ReferenceBackend reference = new ReferenceBackend();

    Pair(int threads) {
        vector = new VectorBackend(new BackendConfig(threads));
    }

    static Storage put(Backend backend, float[] values) {
        Storage s = backend.allocate(values.length);
        backend.upload(values, 0, s, 0, values.length);
        return s;
    }

    static float[] get(Backend backend, Storage s) {
        float[] values = new float[s.length()];
        backend.download(s, 0, values, 0, values.length);
        return values;
    }

    /** Uniform values in [-2, 2). */
    static float[] random(SplittableRandom random, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (random.nextDouble() * 4 - 2);
        }
        return x;
    }

    /** Random values with the special ones (NaN, infinities, signed zeros, ties) sprinkled in. */
    static float[] withSpecials(SplittableRandom random, int n) {
        float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 1f, -1f, 0.5f,
            -2.5f, 1e-40f, 3e38f};
        float[] x = random(random, n);
        for (int i = 0; i < n; i++) {
            if (random.nextInt(4) == 0) {
                x[i] = specials[random.nextInt(specials.length)];
            }
        }
        return x;
    }

    /** Bit-for-bit equality, except that any NaN equals any NaN. */
    static void assertSame(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (Float.compare(expected[i], actual[i]) != 0) {
                fail(what + ": element " + i + " expected " + expected[i] + " but was " + actual[i]);
            }
        }
    }

    /** Equal within {@code rel} relative to max(1, |expected|); infinities and NaN must match exactly. */
    static void assertClose(float[] expected, float[] actual, double rel, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[i];
            boolean ok = Float.isNaN(e) || Float.isInfinite(e) ? Float.compare(e, a) == 0
                    || (Float.isNaN(e) && Float.isNaN(a))
                    : Math.abs(e - a) <= rel * Math.max(1, Math.abs(e));
            if (!ok) {
                fail(what + ": element " + i + " expected " + e + " but was " + a);
            }
        }
    }

    @Override
    public void close() {
        vector.close();
        reference.close();
    }
}
