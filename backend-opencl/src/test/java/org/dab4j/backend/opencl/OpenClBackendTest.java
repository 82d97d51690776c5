package org.dab4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.aparapi.device.OpenCLDevice;
import org.dab4j.tensor.BinaryOp;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Storage;
import org.dab4j.tensor.Transfers;
import org.dab4j.tensor.UnaryOp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The engine's own promises beyond the conformance suite: memory, transfers, deferred index errors. */
@RequiresOpenCl
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenClBackendTest {
    private OpenClBackend backend;

    @BeforeAll
    void open() {
        backend = OpenClCondition.backend();
    }

    @AfterAll
    void close() {
        backend.close();
    }

    private Storage put(float[] values) {
        Storage s = backend.allocate(values.length);
        backend.upload(values, 0, s, 0, values.length);
        return s;
    }

    private float[] get(Storage s) {
        float[] host = new float[s.length()];
        backend.download(s, 0, host, 0, host.length);
        return host;
    }

    @Test
    void describesTheDeviceAndTheArena() {
        assertTrue(backend.description().startsWith("OpenCL "), backend.description());
        assertTrue(backend.description().contains("compute units"), backend.description());
        assertTrue(backend.description().contains(", arena 64 MiB"), backend.description());
    }

    @Test
    void onlyUploadsAndDownloadsCountAsTransfers() {
        Transfers before = backend.transfers().orElseThrow();
        Storage a = put(new float[] {1f, 2f, 3f});
        Storage b = backend.allocate(3);
        backend.binary(BinaryOp.MUL, a, Shape.of(3), a, Shape.of(3), b);
        backend.unary(UnaryOp.NEG, b, b, 3);
        backend.fill(a, 3, 0f);
        backend.copy(b, 0, a, 0, 3);
        assertArrayEquals(new float[] {-1f, -4f, -9f}, get(a));
        assertEquals(new Transfers(1, 3, 1, 3), backend.transfers().orElseThrow().since(before));
        backend.release(a);
        backend.release(b);
    }

    @Test
    void aTransferLargerThanTheStagingGoesInPiecesAndCountsOnce() {
        int n = 2 * OpenClBackend.LARGE_STAGING + 3;
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = i * 0.5f - 7f;
        }
        Transfers before = backend.transfers().orElseThrow();
        Storage s = put(values);
        assertArrayEquals(values, get(s));
        assertEquals(new Transfers(1, n, 1, n), backend.transfers().orElseThrow().since(before));
        backend.release(s);
    }

    @Test
    void anInvalidIndexIsReportedByTheNextDownloadAndTheBackendRecovers() {
        Storage x = put(new float[] {1f, 2f, 3f, 4f, 5f, 6f});
        Storage index = put(new float[] {0f, 7f});
        Storage out = backend.allocate(2);
        backend.gather(x, 2, 3, 1, index, out);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> get(out));
        assertTrue(e.getMessage().startsWith("an earlier gather on OpenCL device"), e.getMessage());
        assertTrue(e.getMessage().contains("met index 7.0, which is not an integer in [0, 3)"), e.getMessage());
        assertArrayEquals(new float[] {0f, 7f}, get(index), "the error is reported once");
        backend.upload(new float[] {2.5f}, 0, index, 1, 1);
        backend.scatterAdd(x, index, 2, 1, 1, out);
        IndexOutOfBoundsException scatter = assertThrows(IndexOutOfBoundsException.class, () -> get(out));
        assertTrue(scatter.getMessage().contains("scatterAdd") && scatter.getMessage().contains("index 2.5"),
                scatter.getMessage());
        for (Storage s : List.of(x, index, out)) {
            backend.release(s);
        }
    }

    @Test
    void releasedBlocksAreReused() {
        long before = backend.arenaUsed();
        for (int round = 0; round < 50; round++) {
            List<Storage> step = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                step.add(backend.allocate(i * 37));
            }
            step.forEach(backend::release);
        }
        assertEquals(before, backend.arenaUsed());
    }

    /** Many small tensors, a collection between steps: the device keeps every value. */
    @Test
    void collectionsBetweenStepsLoseNoDeviceData() {
        int tensors = 400;
        List<Storage> live = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        for (int t = 0; t < tensors; t++) {
            float[] values = new float[1 + t % 23];
            for (int i = 0; i < values.length; i++) {
                values[i] = t + i / 64f;
            }
            live.add(put(values));
            expected.add(values);
        }
        for (int step = 1; step <= 5; step++) {
            System.gc();
            for (int t = 0; t < tensors; t++) {
                Storage s = live.get(t);
                backend.binaryScalar(BinaryOp.ADD, s, 1f, s, s.length());
                float[] values = expected.get(t);
                for (int i = 0; i < values.length; i++) {
                    values[i] += 1f;
                }
                // Garbage for the collector to move and free.
                backend.allocate(1 + t % 5);
            }
        }
        System.gc();
        for (int t = 0; t < tensors; t++) {
            assertArrayEquals(expected.get(t), get(live.get(t)), "tensor " + t + " after 5 steps with collections");
        }
        live.forEach(backend::release);
    }

    @Test
    void storagesNobodyReferencesAreFreedWhenTheArenaRunsFull() {
        try (OpenClBackend small = new OpenClBackend(device(), OpenClBackend.MIN_ARENA_FLOATS)) {
            for (int i = 0; i < 20; i++) {
                small.allocate(OpenClBackend.MIN_ARENA_FLOATS / 4);
            }
            assertTrue(small.arenaUsed() <= OpenClBackend.MIN_ARENA_FLOATS);
        }
    }

    @Test
    void aFullArenaNamesTheSizeAskedForAndLeft() {
        try (OpenClBackend small = new OpenClBackend(device(), OpenClBackend.MIN_ARENA_FLOATS)) {
            Storage kept = small.allocate(3_000_000);
            OpenClException e = assertThrows(OpenClException.class, () -> small.allocate(2_000_000));
            String left = String.valueOf(OpenClBackend.MIN_ARENA_FLOATS - ArenaKernel.RESERVED - 3_000_000);
            assertTrue(e.getMessage().contains("is full: asked for 2000000 floats (7 MiB), " + left + " floats left"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("-Ddab4j.opencl.arenaMiB"), e.getMessage());
            assertEquals(3_000_000, kept.length());
        }
    }

    @Test
    void closingReleasesEveryStorage() {
        OpenClBackend other = new OpenClBackend(device(), OpenClBackend.MIN_ARENA_FLOATS);
        Storage s = other.allocate(10);
        other.close();
        assertTrue(s.isReleased());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> other.allocate(1));
        assertTrue(e.getMessage().endsWith("is closed"), e.getMessage());
        other.release(s);
        other.close();
    }

    private static OpenCLDevice device() {
        return OpenClDevices.get().chosen();
    }
}
