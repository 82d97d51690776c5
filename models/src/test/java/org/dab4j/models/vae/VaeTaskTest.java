package org.dab4j.models.vae;

import org.dab4j.models.data.TinyImageBench;
import org.dab4j.models.train.TrainingDivergedException;
import org.dab4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tiny VAEs on 6 x 6 images, a few steps each: both models with every estimator. */
class VaeTaskTest {
    @RegisterExtension
    static final TinyImageBench BENCH = new TinyImageBench(96);

    private static VaeConfig config(VaeArchitecture architecture, VaeEstimator estimator, int steps, double lr) {
        return new VaeConfig(architecture, estimator, 8, 16, 8, steps, 16, lr, 10, 1, 0.5, 0.9, 2, 20, 0, 5);
    }

    @ParameterizedTest
    @CsvSource({"LINEAR,DAB", "LINEAR,GUMBEL", "LINEAR,GUMBEL_ST", "LINEAR,STE", "LINEAR,REINFORCE",
            "NONLINEAR,DAB", "NONLINEAR,GUMBEL", "NONLINEAR,GUMBEL_ST", "NONLINEAR,STE", "NONLINEAR,REINFORCE"})
    void trainsAndEvaluates(VaeArchitecture architecture, VaeEstimator estimator) {
        try (VaeTask task = VaeTask.create(BENCH.backend(), BENCH.data(), config(architecture, estimator, 3, 3e-3))) {
            Map<String, Double> metrics = Map.of();
            for (int step = 1; step <= 3; step++) {
                metrics = task.step(step);
            }
            assertEquals(-(metrics.get("train_reconstruction") + metrics.get("train_kl")), metrics.get("train_elbo"), 1e-3);
            assertTrue(metrics.get("train_kl") >= 0, metrics.toString());
            assertEquals(estimator == VaeEstimator.DAB, metrics.containsKey("train_dab_loss"), metrics.toString());
            assertEquals(estimator == VaeEstimator.REINFORCE, metrics.containsKey("train_baseline"), metrics.toString());
            assertEquals(estimator.isConcrete(), metrics.containsKey("temperature"), metrics.toString());
            Map<String, Double> evaluation = task.evaluate();
            double elbo = evaluation.get("test_elbo");
            assertTrue(elbo < 0 && Double.isFinite(elbo), evaluation.toString());
            assertEquals(-(evaluation.get("test_reconstruction") + evaluation.get("test_kl")), elbo, 1e-6);
            double logLikelihood = task.importanceWeighted(40);
            assertTrue(logLikelihood > elbo && logLikelihood < 0, "log p(x) estimate " + logLikelihood + ", ELBO " + elbo);
        }
    }

    @Test
    void dabAndReinforceLearnToBeatThePixelMarginal() {
        for (VaeEstimator estimator : new VaeEstimator[]{VaeEstimator.DAB, VaeEstimator.REINFORCE}) {
            try (VaeTask task = VaeTask.create(BENCH.backend(), BENCH.data(),
                    config(VaeArchitecture.LINEAR, estimator, 150, 1e-2))) {
                double before = task.evaluate().get("test_elbo");
                for (int step = 1; step <= 150; step++) {
                    task.step(step);
                }
                double after = task.evaluate().get("test_elbo");
                assertTrue(after > before + 1, estimator + ": test ELBO " + before + " -> " + after);
                assertTrue(after > task.pixelMarginalLogLikelihood(), estimator + ": test ELBO " + after
                        + " vs pixel marginal " + task.pixelMarginalLogLikelihood());
            }
        }
    }

    /**
     * The gradient-variance diagnostic: finite and positive for every estimator, the same for the same seed,
     * touching neither the weights nor REINFORCE's baseline; and the score-function estimator is by far the
     * noisiest, as it should be.
     */
    @Test
    void encoderGradientStatisticsMeasureWithoutChangingTheModel() {
        Map<VaeEstimator, Double> variances = new java.util.EnumMap<>(VaeEstimator.class);
        for (VaeEstimator estimator : VaeEstimator.values()) {
            double[] first = null;
            for (int run = 0; run < 2; run++) {
                try (VaeTask task = VaeTask.create(BENCH.backend(), BENCH.data(),
                        config(VaeArchitecture.LINEAR, estimator, 20, 3e-3))) {
                    for (int step = 1; step <= 20; step++) {
                        task.step(step);
                    }
                    float[] weightsBefore = task.model().encoderParameters().get(0).toArray();
                    double baselineBefore = task.model().bridge() instanceof org.dab4j.bridge.ReinforceBridge r
                            ? r.baseline() : 0;
                    Map<String, Double> stats = task.encoderGradientStatistics(30);
                    double variance = stats.get("test_encoder_grad_variance");
                    double meanNorm2 = stats.get("test_encoder_grad_mean_norm2");
                    assertTrue(variance > 0 && Double.isFinite(variance), estimator + " " + stats);
                    assertTrue(meanNorm2 > 0 && Double.isFinite(meanNorm2), estimator + " " + stats);
                    assertEquals(meanNorm2 / variance, stats.get("test_encoder_grad_snr"), 1e-9 * meanNorm2 / variance);
                    org.junit.jupiter.api.Assertions.assertArrayEquals(weightsBefore,
                            task.model().encoderParameters().get(0).toArray(), estimator + " moved the weights");
                    if (task.model().bridge() instanceof org.dab4j.bridge.ReinforceBridge r) {
                        assertEquals(baselineBefore, r.baseline(), "the diagnostic moved the baseline");
                    }
                    double[] now = {variance, meanNorm2};
                    if (first == null) {
                        first = now;
                    } else {
                        org.junit.jupiter.api.Assertions.assertArrayEquals(first, now, estimator + ": same seed");
                    }
                    variances.put(estimator, variance);
                }
            }
        }
        for (VaeEstimator estimator : VaeEstimator.values()) {
            if (estimator != VaeEstimator.REINFORCE) {
                assertTrue(variances.get(VaeEstimator.REINFORCE) > 3 * variances.get(estimator),
                        "REINFORCE should be the noisiest: " + variances);
            }
        }
    }

    @Test
    void sameSeedSameRunAndEvaluation() {
        double[][] results = new double[2][];
        for (int run = 0; run < 2; run++) {
            try (VaeTask task = VaeTask.create(BENCH.backend(), BENCH.data(),
                    config(VaeArchitecture.NONLINEAR, VaeEstimator.DAB, 5, 3e-3))) {
                double loss = 0;
                for (int step = 1; step <= 5; step++) {
                    loss = task.step(step).get("train_elbo");
                }
                results[run] = new double[]{loss, task.evaluate().get("test_elbo"), task.importanceWeighted(10)};
            }
        }
        assertEquals(results[0][0], results[1][0]);
        assertEquals(results[0][1], results[1][1]);
        assertEquals(results[0][2], results[1][2]);
    }

    @Test
    void aNonFiniteLossStopsTheStepNamingStepAndTerm() {
        try (VaeTask task = VaeTask.create(BENCH.backend(), BENCH.data(),
                config(VaeArchitecture.LINEAR, VaeEstimator.STE, 5, 3e38))) {
            task.step(1);
            float[] before = task.model().parameters().getFirst().toArray();
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> task.step(2));
            assertEquals(2, e.step());
            assertTrue(e.getMessage().startsWith("training diverged at step 2: the reconstruction term of the training loss is"),
                    e.getMessage());
            assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(task.model().parameters().getFirst().toArray()),
                    "the optimizer did not take the diverged step");
        }
    }

    @Test
    void gridsArePngs() {
        try (VaeTask task = VaeTask.create(BENCH.backend(), BENCH.data(),
                config(VaeArchitecture.LINEAR, VaeEstimator.DAB, 1, 1e-3))) {
            for (byte[] png : new byte[][]{task.reconstructionGrid(10, 4), task.priorSamplesGrid(6, 3)}) {
                assertEquals((byte) 0x89, png[0]);
                assertEquals('P', png[1]);
            }
        }
    }

    @Test
    void invalidSettingsAreNamed() {
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class, () -> VaeTask.create(BENCH.backend(), BENCH.data(),
                new VaeConfig(VaeArchitecture.LINEAR, VaeEstimator.DAB, 8, 16, 8, 1, 500, 1e-3, 10, 1, 0.5, 0.9, 1, 1, 0, 1)));
        assertTrue(batch.getMessage().contains("batch of 500 images is larger than the 96 training images"), batch.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new VaeConfig(VaeArchitecture.LINEAR,
                VaeEstimator.REINFORCE, 8, 16, 8, 1, 5, 1e-3, 10, 1, 0.5, 1.0, 1, 1, 0, 1)).getMessage().contains("baselineDecay"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VaeEstimator.parse("relax")).getMessage()
                .contains("dab, gumbel, gumbel-st, ste, reinforce"));
        assertFalse(VaeArchitecture.NAMES.isEmpty());
        assertThrows(IllegalArgumentException.class, () -> VaeArchitecture.parse("deep"));
        try (VaeTask task = VaeTask.create(BENCH.backend(), BENCH.data(),
                config(VaeArchitecture.LINEAR, VaeEstimator.DAB, 1, 1e-3))) {
            assertThrows(IllegalArgumentException.class, () -> task.importanceWeighted(0));
            assertTrue(task.model().parameters().stream().allMatch(Tensor::requiresGrad));
        }
    }
}
