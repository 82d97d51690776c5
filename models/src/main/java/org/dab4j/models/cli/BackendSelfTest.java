package org.dab4j.models.cli;

import org.dab4j.tensor.Backend;
import org.dab4j.tensor.BackendConfig;
import org.dab4j.tensor.BackendProvider;
import org.dab4j.tensor.BinaryOp;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Storage;

import java.util.Arrays;

/**
 * Proves a provider can do real work here: creates its backend, uploads two small vectors, adds them with
 * {@link Backend#binary} and checks the downloaded sum. The values are exact in float, so any difference
 * is a fault.
 */
final class BackendSelfTest {
    private static final float[] A = {1.5f, -2f, 3f, 0.25f, 7f};
    private static final float[] B = {0.25f, 2f, 1_000_000f, -0.5f, 11f};
    private static final float[] SUM = {1.75f, 0f, 1_000_003f, -0.25f, 18f};

    private BackendSelfTest() {
    }

    /**
     * @param passed whether the sum came back right
     * @param detail the backend's description when it passed, else what went wrong
     */
    record Outcome(boolean passed, String detail) {
    }

    static Outcome run(BackendProvider provider) {
        try (Backend backend = provider.create(BackendConfig.defaults())) {
            float[] sum = add(backend);
            return Arrays.equals(sum, SUM)
                    ? new Outcome(true, backend.description())
                    : new Outcome(false, "ADD of " + Arrays.toString(A) + " and " + Arrays.toString(B)
                    + " gave " + Arrays.toString(sum) + ", expected " + Arrays.toString(SUM));
        } catch (RuntimeException | LinkageError e) {
            return new Outcome(false, e.toString());
        }
    }

    private static float[] add(Backend backend) {
        int n = A.length;
        Storage a = backend.allocate(n);
        Storage b = backend.allocate(n);
        Storage out = backend.allocate(n);
        try {
            backend.upload(A, 0, a, 0, n);
            backend.upload(B, 0, b, 0, n);
            backend.binary(BinaryOp.ADD, a, Shape.of(n), b, Shape.of(n), out);
            float[] result = new float[n];
            backend.download(out, 0, result, 0, n);
            return result;
        } finally {
            backend.release(a);
            backend.release(b);
            backend.release(out);
        }
    }
}
