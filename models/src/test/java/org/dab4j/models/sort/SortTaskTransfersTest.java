package org.dab4j.models.sort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;

import org.dab4j.models.train.TrainingTask;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.BackendConfig;
import org.dab4j.tensor.Backends;
import org.dab4j.tensor.Transfers;
import org.junit.jupiter.api.Test;

/**
 * A training step of the sort model on the OpenCL engine keeps its work on the device: only the input batch
 * and the labels go up, and only the metrics the step reports come down (the total, task and DAB losses,
 * and the argmax for the training accuracy). Skipped without OpenCL, unless {@value #REQUIRE_VARIABLE}=1.
 */
class SortTaskTransfersTest {
    private static final String REQUIRE_VARIABLE = "DAB4J_REQUIRE_OPENCL";
    private static final int LENGTH = 5;
    private static final int BATCH = 32;

    @Test
    void aTrainingStepMovesOnlyTheBatchUpAndTheMetricsDown() {
        Backends.Probe opencl = Backends.discover().stream().filter(p -> p.name().equals("opencl")).findFirst()
                .orElseThrow(() -> new AssertionError("the opencl provider is not on the class path"));
        if (!opencl.availability().available()) {
            String reason = "OpenCL is unavailable: " + opencl.availability().detail();
            if ("1".equals(System.getenv(REQUIRE_VARIABLE))) {
                throw new AssertionError(reason + " (" + REQUIRE_VARIABLE + "=1 requires it)");
            }
            assumeTrue(false, reason);
        }
        SortConfig config = new SortConfig(LENGTH, "dab", 3, BATCH, 1e-3, 10, 1, 64);
        try (Backend backend = opencl.provider().create(BackendConfig.defaults());
             TrainingTask task = SortTask.create(backend, config)) {
            assertEquals(Transfers.NONE, backend.transfers().orElseThrow(),
                    "building the model and optimiser moves nothing between host and device");
            for (int step = 1; step <= 3; step++) {
                Transfers before = backend.transfers().orElseThrow();
                Map<String, Double> metrics = task.step(step);
                Transfers moved = backend.transfers().orElseThrow().since(before);
                assertEquals(4, metrics.size(), "metrics of step " + step + ": " + metrics);
                assertTrue(metrics.values().stream().allMatch(Double::isFinite), "metrics of step " + step + ": " + metrics);
                int batchFloats = BATCH * LENGTH;
                assertEquals(new Transfers(2, 2L * batchFloats, 4, 3 + batchFloats), moved,
                        "step " + step + " should upload the inputs and the labels (" + batchFloats + " floats each) "
                                + "and download the loss, task loss, DAB loss and the argmax of the logits ("
                                + batchFloats + " floats) for the training accuracy");
            }
        }
    }
}
