package org.dab4j.backend.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dab4j.tensor.BackendConfig;
import org.dab4j.tensor.BinaryOp;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Storage;
import org.dab4j.tensor.UnaryOp;
import org.junit.jupiter.api.Test;

/** Storage ownership and lifetime: misuse fails with a message that says what went wrong. */
class StorageTest {

    @Test
    void allocatesZeroedStorageOfTheRequestedLength() {
        try (VectorBackend b = new VectorBackend(new BackendConfig(1))) {
            Storage s = b.allocate(5);
            assertEquals(5, s.length());
            assertFalse(s.isReleased());
            Pair.assertSame(new float[5], Pair.get(b, s), "fresh storage");
        }
    }

    @Test
    void releasedStorageIsRejectedAndReleaseIsIdempotent() {
        try (VectorBackend b = new VectorBackend(new BackendConfig(1))) {
            Storage s = b.allocate(4);
            b.release(s);
            b.release(s);
            assertTrue(s.isReleased());
            assertEquals(4, s.length());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.unary(UnaryOp.NEG, s, s, 4));
            assertTrue(e.getMessage().contains("released"), e.getMessage());
        }
    }

    @Test
    void storageOfAnotherBackendIsRejected() {
        try (VectorBackend one = new VectorBackend(new BackendConfig(1));
             VectorBackend other = new VectorBackend(new BackendConfig(1))) {
            Storage foreign = other.allocate(3);
            Storage own = one.allocate(3);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> one.binary(BinaryOp.ADD, own, Shape.of(3), foreign, Shape.of(3), own));
            assertTrue(e.getMessage().contains("not allocated by this vector backend"), e.getMessage());
        }
    }

    @Test
    void closingReleasesEverythingAndStopsNewWork() {
        VectorBackend b = new VectorBackend(new BackendConfig(2));
        Storage s = b.allocate(3);
        b.close();
        b.close();
        assertTrue(s.isReleased());
        b.release(s);
        assertThrows(IllegalStateException.class, () -> b.allocate(1));
        assertThrows(IllegalStateException.class, () -> b.fill(s, 3, 1f));
    }

    @Test
    void shortStorageIsNamedWithWhatTheShapeNeeds() {
        try (VectorBackend b = new VectorBackend(new BackendConfig(1))) {
            Storage a = b.allocate(5);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> b.binary(BinaryOp.ADD, a, Shape.of(2, 3), a, Shape.of(3), b.allocate(6)));
            assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("6"), e.getMessage());
        }
    }
}
