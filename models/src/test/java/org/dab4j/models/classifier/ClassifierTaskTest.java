package org.dab4j.models.classifier;

import org.dab4j.bridge.Bridges;
import org.dab4j.bridge.DabBridge;
import org.dab4j.bridge.StraightThroughBridge;
import org.dab4j.models.data.TinyImageBench;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tiny classifiers on 6 x 6 images: every architecture with every activation and estimator, and short training runs. */
class ClassifierTaskTest {
    @RegisterExtension
    static final TinyImageBench BENCH = new TinyImageBench(120);

    static ClassifierConfig config(Architecture architecture, Activation activation, Estimator estimator, int steps,
                                   double lr) {
        return new ClassifierConfig(architecture, activation, estimator, 16, steps, 20, lr, 10, 3);
    }

    @ParameterizedTest
    @CsvSource({"MLP,SORT,DAB", "MLP,SORT,STE", "MLP,SIGNUM,DAB", "MLP,SIGNUM,STE", "MLP,TOPK,DAB", "MLP,TOPK,STE",
            "MLP,ROUND,DAB", "MLP,ROUND,STE", "MLP,TANH,DAB", "MLP,RELU,STE",
            "CNN,SORT,DAB", "CNN,SORT,STE", "CNN,SIGNUM,DAB", "CNN,SIGNUM,STE", "CNN,TOPK,DAB", "CNN,TOPK,STE",
            "CNN,ROUND,DAB", "CNN,ROUND,STE", "CNN,TANH,STE", "CNN,RELU,DAB"})
    void trainsAndEvaluates(Architecture architecture, Activation activation, Estimator estimator) {
        ClassifierConfig config = config(architecture, activation, estimator, 3, 1e-3);
        try (ClassifierTask task = ClassifierTask.create(BENCH.backend(), BENCH.data(), config)) {
            Map<String, Double> metrics = Map.of();
            for (int step = 1; step <= 3; step++) {
                metrics = task.step(step);
            }
            boolean dab = activation.isHard() && estimator == Estimator.DAB;
            assertEquals(dab, metrics.containsKey("train_dab_loss"), metrics.toString());
            assertTrue(metrics.get("train_task_loss") > 0 && Double.isFinite(metrics.get("train_loss")), metrics.toString());
            Map<String, Double> evaluation = task.evaluate();
            assertTrue(evaluation.get("test_accuracy") >= 0 && evaluation.get("test_accuracy") <= 1, evaluation.toString());
            assertTrue(evaluation.get("test_loss") > 0 && Double.isFinite(evaluation.get("test_loss")), evaluation.toString());
        }
    }

    /** The MLP has one bridge per hidden layer; the CNN one after each convolution and one after its dense layer. */
    @Test
    void everyHiddenActivationIsABridgeOfTheChosenEstimator() {
        for (Architecture architecture : Architecture.values()) {
            for (Estimator estimator : Estimator.values()) {
                ClassifierModel model = new ClassifierModel(BENCH.backend(), 8, 8, 3,
                        config(architecture, Activation.SORT, estimator, 1, 1e-3));
                var bridges = Bridges.of(model);
                assertEquals(architecture == Architecture.MLP ? 2 : 3, bridges.size(), architecture + " " + estimator);
                Class<?> kind = estimator == Estimator.DAB ? DabBridge.class : StraightThroughBridge.class;
                assertTrue(bridges.stream().allMatch(kind::isInstance), bridges.toString());
                model.release();
            }
            ClassifierModel reference = new ClassifierModel(BENCH.backend(), 8, 8, 3,
                    config(architecture, Activation.RELU, Estimator.DAB, 1, 1e-3));
            assertEquals(0, Bridges.of(reference).size(), "a differentiable reference has no bridge");
            reference.release();
        }
    }

    /**
     * Separable bars: a few dozen steps must beat chance (0.25) by far, through hard layers with either
     * estimator; sort keeps only each layer's sorted values, so it learns slowest and gets twice the steps.
     */
    @ParameterizedTest
    @CsvSource({"MLP,RELU,DAB,60,0.75", "MLP,SIGNUM,DAB,60,0.75", "MLP,SORT,STE,120,0.5", "CNN,RELU,DAB,60,0.75",
            "CNN,SIGNUM,DAB,60,0.75", "CNN,SORT,STE,120,0.5", "CNN,TOPK,DAB,60,0.75"})
    void learnsTheTinyClasses(Architecture architecture, Activation activation, Estimator estimator, int steps,
                              double minimum) {
        try (ClassifierTask task = ClassifierTask.create(BENCH.backend(), BENCH.data(),
                config(architecture, activation, estimator, steps,
                3e-3))) {
            for (int step = 1; step <= steps; step++) {
                task.step(step);
            }
            double accuracy = task.evaluate().get("test_accuracy");
            assertTrue(accuracy >= minimum, architecture + " " + activation + " " + estimator + ": test accuracy "
                    + accuracy + " below " + minimum);
        }
    }

    @Test
    void sameSeedSameNumbers() {
        ClassifierConfig config = config(Architecture.CNN, Activation.SORT, Estimator.DAB, 4, 1e-3);
        double[] losses = new double[2];
        for (int run = 0; run < 2; run++) {
            try (ClassifierTask task = ClassifierTask.create(BENCH.backend(), BENCH.data(), config)) {
                for (int step = 1; step <= 4; step++) {
                    losses[run] = task.step(step).get("train_loss");
                }
            }
        }
        assertEquals(losses[0], losses[1], "the loss of step 4 in two runs with seed 3");
    }

    @Test
    void aBatchLargerThanTheTrainingSplitIsRejected() {
        ClassifierConfig config = new ClassifierConfig(Architecture.MLP, Activation.RELU, Estimator.DAB, 16, 1, 500,
                1e-3, 10, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassifierTask.create(BENCH.backend(), BENCH.data(), config));
        assertEquals("the batch of 500 images is larger than the 120 training images", e.getMessage());
    }
}
