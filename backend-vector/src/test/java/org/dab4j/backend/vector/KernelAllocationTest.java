package org.dab4j.backend.vector;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SplittableRandom;

import org.dab4j.tensor.BackendConfig;
import org.dab4j.tensor.Storage;
import org.junit.jupiter.api.Test;

/**
 * Once C2 has compiled it, a kernel allocates nothing per row: a vector that crosses a call C2 did not inline
 * is boxed, which is how a kernel grown past C2's inlining budget shows (the long-row softmax once allocated
 * 42 KB per row of 1000 that way, and ran four times slower). Measured in a child JVM with {@code -Xbatch}, so
 * that compilation has finished when the counting starts, by the thread's allocated-bytes counter.
 */
class KernelAllocationTest {
    private static final int ROWS = 64;
    private static final int CLASSES = 1000;
    /** Calls before counting: enough for C2 to compile every kernel of the softmax under -Xbatch. */
    private static final int WARM_UP = 3000;
    private static final int COUNTED = 200;
    /**
     * Bytes allowed per call: the pool's piece (a lambda) and the kernel's scratch row; boxing one vector per
     * row would be 64 × 64 B at least.
     */
    private static final long ALLOWED_PER_CALL = 512;

    @Test
    void longRowSoftmaxCrossEntropyAllocatesNothingPerRow() throws IOException, InterruptedException {
        List<String> output = ChildJvm.run(Probe.class, List.of("-Xbatch"));
        long perCall = Long.parseLong(output.getLast().trim());
        assertTrue(perCall <= ALLOWED_PER_CALL, "the compiled long-row softmax cross-entropy allocated " + perCall
                + " bytes per call of " + ROWS + " rows of " + CLASSES + " (at most " + ALLOWED_PER_CALL
                + " expected); output:\n" + String.join("\n", output));
    }

    /** The child: prints the bytes one call allocates, on average, after the warm-up. */
    static final class Probe {
        private Probe() {
        }

        public static void main(String[] args) {
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            SplittableRandom random = new SplittableRandom(3);
            float[] x = new float[ROWS * CLASSES];
            float[] t = new float[ROWS];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextGaussian();
            }
            for (int r = 0; r < ROWS; r++) {
                t[r] = random.nextInt(CLASSES);
            }
            try (VectorBackend b = new VectorBackend(new BackendConfig(1))) {
                Storage logits = Pair.put(b, x);
                Storage targets = Pair.put(b, t);
                Storage loss = b.allocate(ROWS);
                Storage probs = b.allocate(ROWS * CLASSES);
                for (int i = 0; i < WARM_UP; i++) {
                    b.softmaxCrossEntropy(logits, ROWS, CLASSES, 1, targets, loss, probs);
                }
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < COUNTED; i++) {
                    b.softmaxCrossEntropy(logits, ROWS, CLASSES, 1, targets, loss, probs);
                }
                System.out.println((threads.getCurrentThreadAllocatedBytes() - before) / COUNTED);
            }
        }
    }
}
