package org.dab4j.backend.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;

import org.dab4j.tensor.Availability;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.BackendConfig;
import org.dab4j.tensor.BackendProvider;
import org.dab4j.tensor.Backends;
import org.junit.jupiter.api.Test;

class VectorBackendProviderTest {

    @Test
    void isFoundByServiceLoaderAndWinsTheAutomaticChoice() {
        List<Backends.Probe> probes = Backends.discover();
        Backends.Probe first = probes.getFirst();
        assertEquals("vector", first.name());
        assertEquals(100, first.provider().priority());
        assertTrue(ServiceLoader.load(BackendProvider.class).stream()
                .anyMatch(p -> p.type() == VectorBackendProvider.class));
    }

    @Test
    void availableWithTheDeviceWhenTheModuleIsLoaded() {
        Availability a = new VectorBackendProvider().availability();
        assertTrue(a.available(), a.detail());
        assertTrue(a.detail().matches("CPU, \\d+ cores?, \\d+-bit SIMD"), a.detail());
        try (Backend b = new VectorBackendProvider().create(new BackendConfig(3))) {
            assertEquals("vector", b.name());
            assertTrue(b.description().startsWith("CPU, 3 threads, "), b.description());
        }
    }

    /** Runs {@link ProviderProbe} in a JVM started without the incubator module. */
    @Test
    void unavailableWithTheFixWhenTheModuleIsMissing() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ProviderProbe.class.getName()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "probe JVM did not finish");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("available=false"), output);
        assertTrue(output.contains("start the JVM with --add-modules jdk.incubator.vector"), output);
    }
}
