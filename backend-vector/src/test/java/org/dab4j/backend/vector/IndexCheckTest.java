package org.dab4j.backend.vector;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Storage;
import org.junit.jupiter.api.Test;

/** Every index is checked before anything is written; a bad one is named in the exception. */
class IndexCheckTest {

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
                e = assertThrows(IndexOutOfBoundsException.class, () -> b.scatterAdd(out, index, 2, 3, 1, x));
                assertTrue(e.getMessage().contains("index " + bad), e.getMessage());
            }
            Pair.assertSame(new float[] {7, 7}, Pair.get(b, out), "gather output");
            Pair.assertSame(new float[] {1, 2, 3, 4, 5, 6}, Pair.get(b, x), "scatterAdd output");
        }
    }
}
