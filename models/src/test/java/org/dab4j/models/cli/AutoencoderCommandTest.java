package org.dab4j.models.cli;

import org.dab4j.models.data.TinyIdx;
import org.dab4j.models.report.FlatJsonReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The autoencoder command on tiny IDX folders, with the real backends. */
class AutoencoderCommandTest {
    private static final List<String> TINY = List.of("--dataset", "tiny", "--groups", "3", "--categories", "4",
            "--hidden", "16", "--approximator-hidden", "16", "--steps", "6", "--batch", "16", "--probe-epochs", "1");

    @TempDir
    Path dir;

    private CliRun autoencoder(String... args) {
        return CliRun.command("autoencoder", args);
    }

    private CliRun tiny(Path data, Path out, String... more) {
        return CliRun.tiny("autoencoder", TINY, data, out, more);
    }

    @Test
    void aRunWritesResultMetricsPlotsAndTheReconstructionGrid() throws IOException {
        Path data = TinyIdx.write(dir.resolve("data"), 64, 30, 3, true);
        Path out = dir.resolve("run");
        CliRun run = tiny(data, out, "--eval-every", "3");
        assertEquals(0, run.exitCode(), run.err());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of("metrics.csv", "reconstructions.png", "result.json", "training.png"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        Map<String, Object> result = FlatJsonReader.read(Files.readString(out.resolve("result.json")));
        assertEquals("autoencoder", result.get("experiment"));
        assertEquals("tiny", result.get("dataset"));
        assertEquals("onehot", result.get("code"));
        assertEquals("dab", result.get("estimator"));
        assertEquals("grouped", result.get("approximator"));
        assertEquals(6L, result.get("steps"));
        assertEquals(3 * Math.log(4) / Math.log(2), (Double) result.get("code_bits"), 1e-9);
        for (String metric : List.of("test_recon_loss", "test_code_usage", "test_collapsed_groups", "test_unique_codes",
                "test_probe_accuracy", "train_dab_loss", "train_code_usage", "wall_seconds")) {
            assertTrue(result.get(metric) instanceof Double, metric + " in " + result);
        }
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertTrue(csv.getFirst().startsWith("step,elapsed_seconds,train_loss,train_recon_loss,train_dab_loss,train_code_usage,"
                + "test_recon_loss,test_code_usage"), csv.getFirst());
        assertEquals(7, csv.size());
        BufferedImage grid = ImageIO.read(out.resolve("reconstructions.png").toFile());
        assertNotNull(grid);
        assertTrue(grid.getWidth() > 12 * TinyIdx.SIDE * 3, "12 images a row, scaled by 3: " + grid.getWidth());
        assertTrue(run.out().contains("fitting the linear probe on the frozen codes of 64 training images (1 epochs) ..."),
                run.out());
        assertTrue(run.out().contains("autoencoder done: test_recon_loss "), run.out());
        assertTrue(run.out().contains("test_probe_accuracy "), run.out());
    }

    @Test
    void gumbelRunsRecordTheirTemperatures() throws IOException {
        Path data = TinyIdx.write(dir.resolve("data"), 64, 30, 3, false);
        Path out = dir.resolve("gumbel");
        CliRun run = tiny(data, out, "--estimator", "gumbel-st", "--tau-start", "2", "--tau-min", "0.5");
        assertEquals(0, run.exitCode(), run.err());
        Map<String, Object> result = FlatJsonReader.read(Files.readString(out.resolve("result.json")));
        assertEquals(2.0, result.get("tau_start"));
        assertEquals(0.5, (Double) result.get("temperature"), 1e-9, "annealed to the minimum at the last step");
        assertFalse(result.containsKey("gamma"));
    }

    @Test
    void aWrongDataFolderIsInvalidInput() throws IOException {
        Path missing = dir.resolve("nowhere");
        CliRun run = tiny(missing, dir.resolve("run"));
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("dab4j: error: Invalid value for option '--data': " + missing), run.err());
        assertTrue(run.err().contains("does not exist"), run.err());

        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun none = tiny(empty, dir.resolve("run"));
        assertEquals(2, none.exitCode(), none.err());
        assertTrue(none.err().contains("has no train-images-idx3-ubyte or train-images-idx3-ubyte.gz"), none.err());
        assertFalse(Files.exists(dir.resolve("run")), "nothing is written before the data is read");
    }

    @Test
    void aCorruptFileIsAnErrorNamingIt() throws IOException {
        Path data = TinyIdx.write(dir.resolve("data"), 64, 30, 3, false);
        Path labels = data.resolve("train-labels-idx1-ubyte");
        byte[] bytes = Files.readAllBytes(labels);
        Files.write(labels, Arrays.copyOf(bytes, bytes.length - 4));
        CliRun run = tiny(data, dir.resolve("run"));
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("dab4j: error: reading tiny failed: " + labels
                + ": truncated: the header [64] promises 64 data bytes, the file holds 60"), run.err());
    }

    @Test
    void aBatchLargerThanTheTrainingSplitIsInvalid() throws IOException {
        Path data = TinyIdx.write(dir.resolve("data"), 20, 10, 2, false);
        CliRun run = autoencoder("--dataset", "tiny", "--data", data.toString(), "--batch", "64");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("'--batch': 64 (exceeds the 20 training images)"), run.err());
    }

    @Test
    void aDataSetWithoutDefaultLocationNeedsData() {
        CliRun run = autoencoder("--dataset", "mnist");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("'--dataset': 'mnist' (has no default location; pass --data DIR"), run.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--code|sparse|'--code': 'sparse' (must be one of onehot, binary, ternary, topk, kmeans)",
            "--estimator|reinforce|'--estimator': 'reinforce' (must be one of dab, ste, gumbel, gumbel-st)",
            "--categories|1|'--categories': 1 (must be at least 2)",
            "--activation|elu|'--activation': 'elu' (must be relu or tanh)",
            "--tau-min|0|'--tau-min': 0.0 (must be positive and finite)",
            "--lr|0|'--lr': 0.0 (must be positive and finite)",
            "--epochs|0|'--epochs': 0 (must be positive)"})
    void badOptionsExitWithTwoNamingTheOption(String option, String value, String message) {
        CliRun run = autoencoder(option, value);
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("dab4j: error: Invalid value for option " + message + "\n"), run.err());
    }

    @Test
    void gumbelNeedsCategoricalCodes() {
        CliRun run = autoencoder("--code", "binary", "--estimator", "gumbel");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("'--estimator': gumbel (samples categories, so it needs --code onehot)"), run.err());
        CliRun grouped = autoencoder("--code", "binary", "--approximator", "grouped");
        assertTrue(grouped.err().contains("'--approximator': grouped (needs a grouped code: onehot or kmeans)"), grouped.err());
        CliRun topk = autoencoder("--code", "topk", "--units", "10", "--k", "10");
        assertTrue(topk.err().contains("'--k': 10 (must lie in [1, units) = [1, 10))"), topk.err());
    }
}
