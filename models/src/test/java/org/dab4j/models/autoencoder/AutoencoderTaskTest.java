package org.dab4j.models.autoencoder;

import org.dab4j.models.data.TinyImageBench;
import org.dab4j.tensor.UnaryOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tiny autoencoders on 6 x 6 images, a few steps each: every bottleneck with every estimator that fits it. */
class AutoencoderTaskTest {
    @RegisterExtension
    static final TinyImageBench BENCH = new TinyImageBench(96);

    static AutoencoderConfig config(CodeType type, Estimator estimator, int steps) {
        CodeLayout layout = switch (type) {
            case ONEHOT -> CodeLayout.of(type, 3, 4, 0, 0, 0);
            case KMEANS -> CodeLayout.of(type, 3, 4, 0, 0, 2);
            case BINARY, TERNARY -> CodeLayout.of(type, 0, 0, 6, 0, 0);
            case TOPK -> CodeLayout.of(type, 0, 0, 8, 3, 0);
        };
        return new AutoencoderConfig(layout, estimator, 16, UnaryOp.RELU, false, 16, steps, 16, 3e-3, 10, 1, 0.5, 2, 5);
    }

    @ParameterizedTest
    @CsvSource({"ONEHOT,DAB", "ONEHOT,STE", "ONEHOT,GUMBEL", "ONEHOT,GUMBEL_ST", "BINARY,DAB", "BINARY,STE",
            "TERNARY,DAB", "TOPK,DAB", "TOPK,STE", "KMEANS,DAB", "KMEANS,STE"})
    void trainsEvaluatesAndProbes(CodeType type, Estimator estimator) {
        try (AutoencoderTask task = AutoencoderTask.create(BENCH.backend(), BENCH.data(), config(type, estimator, 4))) {
            Map<String, Double> metrics = Map.of();
            for (int step = 1; step <= 4; step++) {
                metrics = task.step(step);
            }
            assertTrue(metrics.get("train_recon_loss") > 0, metrics.toString());
            assertEquals(estimator == Estimator.DAB, metrics.containsKey("train_dab_loss"), metrics.toString());
            assertEquals(type == CodeType.KMEANS, metrics.containsKey("train_codebook_loss"), metrics.toString());
            assertEquals(estimator.isGumbel(), metrics.containsKey("temperature"), metrics.toString());
            Map<String, Double> evaluation = task.evaluate();
            assertTrue(evaluation.get("test_recon_loss") > 0 && Double.isFinite(evaluation.get("test_recon_loss")));
            assertTrue(evaluation.get("test_code_usage") > 0 && evaluation.get("test_code_usage") <= 1);
            double accuracy = task.probe().get("test_probe_accuracy");
            assertTrue(accuracy >= 0 && accuracy <= 1);
        }
    }

    @Test
    void aGroupedApproximatorServesOneHotAndKMeansCodes() {
        for (CodeType type : new CodeType[]{CodeType.ONEHOT, CodeType.KMEANS}) {
            AutoencoderConfig dense = config(type, Estimator.DAB, 3);
            AutoencoderConfig grouped = new AutoencoderConfig(dense.layout(), Estimator.DAB, 16, UnaryOp.RELU, true, 8,
                    3, 16, 3e-3, 10, 1, 0.5, 1, 5);
            try (AutoencoderTask task = AutoencoderTask.create(BENCH.backend(), BENCH.data(), grouped)) {
                assertTrue(task.model().bridge().namedParameters().keySet().stream()
                        .anyMatch(name -> name.startsWith("approximator.net.")), type.name());
                for (int step = 1; step <= 3; step++) {
                    assertTrue(task.step(step).get("train_dab_loss") >= 0);
                }
            }
        }
    }

    @Test
    void testCodesAreHardOneHotsEvenForTheSoftGumbelEstimator() {
        try (AutoencoderTask task = AutoencoderTask.create(BENCH.backend(), BENCH.data(),
                config(CodeType.ONEHOT, Estimator.GUMBEL, 2))) {
            task.step(1);
            float[] codes = task.codes(BENCH.data().test());
            for (int group = 0; group < codes.length; group += 4) {
                float sum = 0;
                for (int c = 0; c < 4; c++) {
                    float v = codes[group + c];
                    assertTrue(v == 0 || v == 1, "code value " + v);
                    sum += v;
                }
                assertEquals(1, sum);
            }
        }
    }

    @Test
    void dabLearnsToReconstruct() {
        try (AutoencoderTask task = AutoencoderTask.create(BENCH.backend(), BENCH.data(),
                config(CodeType.ONEHOT, Estimator.DAB, 60))) {
            double before = task.evaluate().get("test_recon_loss");
            for (int step = 1; step <= 60; step++) {
                task.step(step);
            }
            double after = task.evaluate().get("test_recon_loss");
            assertTrue(after < before - 1, "test reconstruction loss " + before + " -> " + after);
        }
    }

    /** The approximator learns only from the DAB loss, and Adam is invariant to the scale of its gradients. */
    @Test
    void gammaDoesNotChangeTrainingUnderAdam() {
        float[][] weights = new float[2][];
        double[] gammas = {1, 10};
        for (int run = 0; run < 2; run++) {
            AutoencoderConfig base = config(CodeType.ONEHOT, Estimator.DAB, 5);
            AutoencoderConfig config = new AutoencoderConfig(base.layout(), Estimator.DAB, 16, UnaryOp.RELU, false, 16,
                    5, 16, 3e-3, gammas[run], 1, 0.5, 1, 5);
            try (AutoencoderTask task = AutoencoderTask.create(BENCH.backend(), BENCH.data(), config)) {
                for (int step = 1; step <= 5; step++) {
                    task.step(step);
                }
                weights[run] = task.model().namedParameters().get("bridge.approximator.0.weight").toArray();
            }
        }
        for (int i = 0; i < weights[0].length; i++) {
            assertEquals(weights[0][i], weights[1][i], 1e-5f, "approximator weight " + i);
        }
    }

    @Test
    void sameSeedSameRun() {
        double[] losses = new double[2];
        for (int run = 0; run < 2; run++) {
            try (AutoencoderTask task = AutoencoderTask.create(BENCH.backend(), BENCH.data(),
                    config(CodeType.ONEHOT, Estimator.GUMBEL_ST, 8))) {
                for (int step = 1; step <= 8; step++) {
                    losses[run] = task.step(step).get("train_loss");
                }
            }
        }
        assertEquals(losses[0], losses[1]);
    }

    @Test
    void reconstructionGridIsAPng() {
        try (AutoencoderTask task = AutoencoderTask.create(BENCH.backend(), BENCH.data(),
                config(CodeType.BINARY, Estimator.DAB, 1))) {
            byte[] png = task.reconstructionGrid(10, 4);
            assertEquals((byte) 0x89, png[0]);
            assertEquals('P', png[1]);
        }
    }

    @Test
    void invalidCombinationsAreNamed() {
        IllegalArgumentException gumbel = assertThrows(IllegalArgumentException.class,
                () -> config(CodeType.BINARY, Estimator.GUMBEL, 1));
        assertTrue(gumbel.getMessage().contains("needs the onehot code, not binary"), gumbel.getMessage());
        AutoencoderConfig big = new AutoencoderConfig(CodeLayout.of(CodeType.ONEHOT, 3, 4, 0, 0, 0), Estimator.DAB,
                16, UnaryOp.RELU, false, 16, 1, 500, 1e-3, 10, 1, 0.5, 1, 1);
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                () -> AutoencoderTask.create(BENCH.backend(), BENCH.data(), big));
        assertTrue(batch.getMessage().contains("batch of 500 images is larger than the 96 training images"), batch.getMessage());
    }
}
