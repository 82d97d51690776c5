package org.dab4j.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dab4j.tensor.Backend;
import org.dab4j.tensor.BackendConfig;
import org.dab4j.tensor.Backends;
import org.dab4j.tensor.BinaryOp;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Storage;
import org.dab4j.tensor.UnaryOp;
import org.junit.jupiter.api.Test;

/** The reference's own argument checks, which the conformance suite does not demand of other backends. */
class ReferenceBackendTest {
    private final ReferenceBackend backend = new ReferenceBackend();

    private Storage put(float... data) {
        Storage s = backend.allocate(data.length);
        backend.upload(data, 0, s, 0, data.length);
        return s;
    }

    private static void assertMessageContains(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' should contain '" + part + "'");
        }
    }

    @Test
    void usingAReleasedStorageFails() {
        Storage s = backend.allocate(3);
        backend.release(s);
        backend.release(s);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> backend.fill(s, 3, 1f));
        assertMessageContains(e, "dst", "released");
    }

    @Test
    void closingReleasesEverything() {
        ReferenceBackend closing = new ReferenceBackend();
        Storage s = closing.allocate(3);
        closing.close();
        assertTrue(s.isReleased());
        closing.release(s);
        assertThrows(IllegalStateException.class, () -> closing.allocate(1));
    }

    @Test
    void foreignStorageIsRejected() {
        try (ReferenceBackend other = new ReferenceBackend()) {
            Storage foreign = other.allocate(3);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> backend.unary(UnaryOp.NEG, foreign, backend.allocate(3), 3));
            assertMessageContains(e, "x", "not allocated by this reference backend");
        }
    }

    @Test
    void shortStorageIsRejectedNamingTheShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> backend.binary(BinaryOp.ADD, put(1f, 2f), Shape.of(3), put(1f), Shape.of(1), backend.allocate(3)));
        assertMessageContains(e, "a of shape [3]", "needs 3", "holds 2");
    }

    @Test
    void shapesThatDoNotBroadcastAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> backend.binary(BinaryOp.ADD,
                backend.allocate(6), Shape.of(2, 3), backend.allocate(2), Shape.of(2), backend.allocate(6)));
        assertMessageContains(e, "[2, 3]", "[2]");
    }

    @Test
    void outputAliasingABroadcastInputIsRejected() {
        Storage b = backend.allocate(6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> backend.binary(BinaryOp.ADD, backend.allocate(2), Shape.of(2, 1), b, Shape.of(3), b));
        assertMessageContains(e, "out aliases b", "[3]", "[2, 3]");
    }

    @Test
    void matmulOutputAliasingAnInputIsRejected() {
        Storage a = backend.allocate(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> backend.matmul(a, false, backend.allocate(4), false, a, 2, 2, 2));
        assertMessageContains(e, "aliases a");
    }

    @Test
    void overlappingCopyIsRejected() {
        Storage s = backend.allocate(10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> backend.copy(s, 0, s, 3, 5));
        assertMessageContains(e, "overlap");
    }

    @Test
    void rangesOutsideTheStorageAreRejected() {
        Storage s = backend.allocate(4);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> backend.upload(new float[3], 0, s, 2, 3));
        assertMessageContains(e, "[2, 5)", "dst of length 4");
        assertThrows(IndexOutOfBoundsException.class, () -> backend.download(s, 0, new float[2], 0, 3));
        assertThrows(IllegalArgumentException.class, () -> backend.fill(s, -1, 0f));
    }

    @Test
    void badIndicesNameThePosition() {
        Storage x = put(1f, 2f, 3f, 4f, 5f, 6f);
        IndexOutOfBoundsException gather = assertThrows(IndexOutOfBoundsException.class,
                () -> backend.gather(x, 2, 3, 1, put(0f, 3f), backend.allocate(2)));
        assertMessageContains(gather, "index 3.0", "outer 1", "[0, 3)");
        IndexOutOfBoundsException scatter = assertThrows(IndexOutOfBoundsException.class,
                () -> backend.scatterAdd(put(1f, 1f), put(-1f, 0f), 2, 3, 1, x));
        assertMessageContains(scatter, "index -1.0", "outer 0");
        assertThrows(IndexOutOfBoundsException.class,
                () -> backend.gather(x, 2, 3, 1, put(0.5f, 1f), backend.allocate(2)));
        float[] unchanged = new float[6];
        backend.download(x, 0, unchanged, 0, 6);
        assertArrayEquals(new float[] {1f, 2f, 3f, 4f, 5f, 6f}, unchanged, "a rejected scatterAdd changes nothing");
    }

    @Test
    void argmaxOfAnEmptyAxisIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> backend.argmax(backend.allocate(0), 2, 0, 1, backend.allocate(2)));
    }

    @Test
    void providerIsFoundOnlyWhenPassedExplicitly() {
        List<Backends.Probe> probes = Backends.probe(List.of(new ReferenceBackendProvider()));
        Backends.Probe probe = Backends.choose(probes, "reference", name -> null, name -> null);
        assertEquals(-100, probe.provider().priority());
        try (Backend created = probe.provider().create(BackendConfig.defaults())) {
            assertEquals("reference", created.name());
        }
        assertTrue(Backends.discover().stream().noneMatch(p -> p.name().equals("reference")),
                "the reference must not be registered with ServiceLoader");
    }
}
