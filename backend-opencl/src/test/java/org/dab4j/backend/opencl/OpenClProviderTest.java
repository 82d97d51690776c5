package org.dab4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.device.Device;
import org.dab4j.tensor.Availability;
import org.junit.jupiter.api.Test;

/** What the provider reports; runs with or without OpenCL. */
class OpenClProviderTest {
    private static final int VECTOR_PRIORITY = 100;

    @Test
    void aGpuOrAcceleratorOutranksTheVectorEngineAndACpuDoesNot() {
        assertTrue(OpenClBackendProvider.priorityFor(Device.TYPE.GPU) > VECTOR_PRIORITY);
        assertTrue(OpenClBackendProvider.priorityFor(Device.TYPE.ACC) > VECTOR_PRIORITY);
        assertTrue(OpenClBackendProvider.priorityFor(Device.TYPE.CPU) < VECTOR_PRIORITY);
    }

    @Test
    void availabilityIsReportedNeverThrown() {
        OpenClBackendProvider provider = new OpenClBackendProvider();
        Availability availability = provider.availability();
        assertFalse(availability.detail().isBlank(), "an availability always says why or what");
        if (availability.available()) {
            assertTrue(availability.detail().contains("OpenCL device"), availability.detail());
            assertTrue(availability.detail().contains("(used)"), availability.detail());
        } else {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> provider.create(null));
            assertTrue(e.getMessage().contains(availability.detail()), e.getMessage());
        }
        assertEquals("opencl", provider.name());
    }

    @Test
    void theArenaSizeComesInMebibytes() {
        assertEquals(64 << 18, OpenClBackendProvider.arenaFloats(null));
        assertEquals(16 << 18, OpenClBackendProvider.arenaFloats(" 16 "));
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> OpenClBackendProvider.arenaFloats("8"));
        assertEquals("-Ddab4j.opencl.arenaMiB must be between 16 and 8191 MiB, got 8", small.getMessage());
        IllegalArgumentException word = assertThrows(IllegalArgumentException.class,
                () -> OpenClBackendProvider.arenaFloats("lots"));
        assertEquals("-Ddab4j.opencl.arenaMiB must be a whole number of MiB, got 'lots'", word.getMessage());
    }
}
