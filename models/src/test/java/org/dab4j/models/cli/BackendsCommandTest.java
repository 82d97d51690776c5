package org.dab4j.models.cli;

import org.dab4j.models.train.FakeTask;
import org.dab4j.tensor.Availability;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.BackendConfig;
import org.dab4j.tensor.BackendProvider;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackendsCommandTest {

    private static CliRun backends(BackendProvider... providers) {
        CliEnvironment environment = new CliEnvironment(FakeBackends.module(providers),
                (backend, config) -> new FakeTask(config.batch()), false, Clock.systemUTC());
        return CliRun.of(environment, "backends");
    }

    @Test
    void listsEveryProviderAndSelfTestsTheAvailableOnes() {
        CliRun run = backends(FakeBackends.Provider.working("host", 10),
                new FakeBackends.Provider("gpu", 200, Availability.unavailable("no OpenCL platform"), 0));
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals("backend  priority  status       detail", lines[0]);
        assertEquals("gpu           200  unavailable  no OpenCL platform", lines[1]);
        assertEquals("host           10  ok           fake host on host arrays (self-test passed)", lines[2]);
        assertEquals("automatic selection: host", lines[3]);
    }

    @Test
    void aWrongSumFailsTheSelfTestAndTheCommand() {
        CliRun run = backends(new FakeBackends.Provider("sloppy", 1, Availability.available("cpu"), 0.5f));
        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("sloppy          1  FAILED       self-test: ADD of"), run.out());
        assertTrue(run.out().contains("expected [1.75, 0.0, 1000003.0, -0.25, 18.0]"), run.out());
    }

    @Test
    void aProviderThatThrowsIsReportedNotFatal() {
        CliRun run = backends(new BackendProvider() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public int priority() {
                return 5;
            }

            @Override
            public Availability availability() {
                return Availability.available("cpu");
            }

            @Override
            public Backend create(BackendConfig config) {
                throw new UnsatisfiedLinkError("libfake.so not found");
            }
        }, FakeBackends.Provider.working("host", 1));
        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("broken          5  FAILED       self-test: java.lang.UnsatisfiedLinkError: "
                + "libfake.so not found"), run.out());
        assertTrue(run.out().contains("host            1  ok"), run.out());
    }

    @Test
    void noAvailableBackendExitsWithOne() {
        CliRun run = backends(new FakeBackends.Provider("gpu", 1, Availability.unavailable("no device"), 0));
        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("automatic selection: none (no dab4j backend is available: gpu (no device))"),
                run.out());
    }

    @Test
    void noProviderAtAllIsAnError() {
        CliRun run = backends();
        assertEquals(1, run.exitCode());
        assertEquals("dab4j: error: no backend provider is on the class path (add dab4j-backend-vector)\n", run.err());
    }
}
