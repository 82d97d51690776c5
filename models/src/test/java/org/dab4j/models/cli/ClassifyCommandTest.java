package org.dab4j.models.cli;

import org.dab4j.models.data.TinyIdx;
import org.dab4j.models.report.FlatJsonReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The classify command on tiny IDX folders, with the real backends. */
class ClassifyCommandTest {
    private static final List<String> TINY = List.of("--dataset", "tiny", "--steps", "6", "--batch", "16",
            "--approximator-hidden", "16", "--eval-every", "3");

    @TempDir
    Path dir;

    private CliRun classify(String... args) {
        return CliRun.command("classify", args);
    }

    private CliRun tiny(Path data, Path out, String... more) {
        return CliRun.tiny("classify", TINY, data, out, more);
    }

    @Test
    void aCnnRunWithDabWritesResultMetricsAndPlot() throws IOException {
        Path data = TinyIdx.write(dir.resolve("data"), 64, 30, 3, true);
        Path out = dir.resolve("run");
        CliRun run = tiny(data, out);
        assertEquals(0, run.exitCode(), run.err());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of("metrics.csv", "result.json", "training.png"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        Map<String, Object> result = FlatJsonReader.read(Files.readString(out.resolve("result.json")));
        assertEquals("classify", result.get("experiment"));
        assertEquals("tiny", result.get("dataset"));
        assertEquals("cnn", result.get("model"));
        assertEquals("sort", result.get("activation"));
        assertEquals("dab", result.get("estimator"));
        assertEquals(16L, result.get("approximator_hidden"));
        assertEquals(6L, result.get("steps"));
        assertEquals(1.5, (Double) result.get("epochs"), 1e-9, "6 steps of 16 over 64 images");
        for (String metric : List.of("test_accuracy", "test_loss", "train_loss", "train_task_loss", "train_dab_loss",
                "train_accuracy", "train_samples_per_second", "wall_seconds")) {
            assertTrue(result.get(metric) instanceof Double, metric + " in " + result);
        }
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertTrue(csv.getFirst().startsWith("step,elapsed_seconds,train_loss,train_task_loss,train_dab_loss,"
                + "train_accuracy,test_accuracy,test_loss"), csv.getFirst());
        assertEquals(7, csv.size());
        assertTrue(run.out().contains("classify done: test_accuracy "), run.out());
    }

    @Test
    void aDifferentiableReferenceHasNoEstimator() throws IOException {
        Path data = TinyIdx.write(dir.resolve("data"), 64, 30, 3, false);
        Path out = dir.resolve("relu");
        CliRun run = tiny(data, out, "--model", "mlp", "--activation", "relu", "--estimator", "ste");
        assertEquals(0, run.exitCode(), run.err());
        Map<String, Object> result = FlatJsonReader.read(Files.readString(out.resolve("result.json")));
        assertEquals("none", result.get("estimator"));
        assertEquals("mlp", result.get("model"));
        assertFalse(result.containsKey("gamma"));
        assertFalse(result.containsKey("train_dab_loss"));
    }

    @Test
    void aWrongDataFolderIsInvalidInput() {
        Path missing = dir.resolve("nowhere");
        CliRun run = tiny(missing, dir.resolve("run"));
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("dab4j: error: Invalid value for option '--data': " + missing), run.err());
        assertFalse(Files.exists(dir.resolve("run")), "nothing is written before the data is read");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--model|resnet|'--model': 'resnet' (must be one of mlp, cnn)",
            "--activation|gelu|'--activation': 'gelu' (must be one of sort, signum, topk, round, tanh, relu)",
            "--estimator|gumbel|'--estimator': 'gumbel' (must be one of dab, ste)",
            "--batch|0|'--batch': 0 (must be positive)",
            "--lr|0|'--lr': 0.0 (must be positive and finite)",
            "--gamma|-1|'--gamma': -1.0 (must be non-negative and finite)",
            "--epochs|0|'--epochs': 0 (must be positive)"})
    void badOptionsExitWithTwoNamingTheOption(String option, String value, String message) {
        CliRun run = classify(option, value);
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("dab4j: error: Invalid value for option " + message + "\n"), run.err());
    }
}
