package org.dab4j.tensor;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackendsTest {

    /** A provider that never creates anything: selection only looks at name, priority and availability. */
    record FakeProvider(String name, int priority, Availability availability) implements BackendProvider {
        @Override
        public Backend create(BackendConfig config) {
            throw new UnsupportedOperationException("selection tests never create a backend");
        }
    }

    private static final Map<String, String> NONE = Map.of();

    private static Backends.Probe choose(List<Backends.Probe> probes, String requested, Map<String, String> props,
                                         Map<String, String> env) {
        return Backends.choose(probes, requested, props::get, env::get);
    }

    private final List<Backends.Probe> probes = Backends.probe(List.of(
            new FakeProvider("slow", 10, Availability.available("cpu")),
            new FakeProvider("gpu", 200, Availability.unavailable("no OpenCL platform")),
            new FakeProvider("fast-b", 100, Availability.available("cpu")),
            new FakeProvider("fast-a", 100, Availability.available("cpu"))));

    @Test
    void probesAreOrderedByPriorityThenName() {
        assertEquals(List.of("gpu", "fast-a", "fast-b", "slow"), probes.stream().map(Backends.Probe::name).toList());
    }

    @Test
    void automaticSelectionTakesHighestPriorityAvailableWithTiesByName() {
        assertEquals("fast-a", choose(probes, null, NONE, NONE).name());
    }

    @Test
    void explicitNameBeatsPropertyWhichBeatsEnvironment() {
        Map<String, String> prop = Map.of(Backends.PROPERTY, "fast-b");
        Map<String, String> env = Map.of(Backends.ENVIRONMENT, "slow");
        assertEquals("slow", choose(probes, null, NONE, env).name());
        assertEquals("fast-b", choose(probes, null, prop, env).name());
        assertEquals("fast-a", choose(probes, "fast-a", prop, env).name());
    }

    @Test
    void unknownBackendNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> choose(probes, "cuda", NONE, NONE));
        assertEquals("unknown backend 'cuda'; known backends: gpu, fast-a, fast-b, slow", e.getMessage());
    }

    @Test
    void unavailableExplicitBackendIsAnErrorWithItsReason() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> choose(probes, "gpu", NONE, NONE));
        assertEquals("backend 'gpu' is not available: no OpenCL platform", e.getMessage());
    }

    @Test
    void noAvailableBackendIsAnError() {
        List<Backends.Probe> none = Backends.probe(List.of(new FakeProvider("gpu", 1, Availability.unavailable("no device"))));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> choose(none, null, NONE, NONE));
        assertTrue(e.getMessage().contains("gpu (no device)"), e.getMessage());
    }

    @Test
    void aThrowingAvailabilityCheckIsReportedNotThrown() {
        BackendProvider broken = new BackendProvider() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public int priority() {
                return 1;
            }

            @Override
            public Availability availability() {
                throw new UnsatisfiedLinkError("no libOpenCL in java.library.path");
            }

            @Override
            public Backend create(BackendConfig config) {
                throw new UnsupportedOperationException("never created");
            }
        };
        Backends.Probe probe = Backends.probe(List.of(broken)).getFirst();
        assertFalse(probe.availability().available());
        assertTrue(probe.availability().detail().contains("no libOpenCL"), probe.availability().detail());
    }
}
