package org.dab4j.models.cli;

import org.dab4j.models.data.TinyIdx;
import org.dab4j.models.report.FlatJsonReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The vae command on tiny IDX folders, with the real backends, and the report over its runs. */
class VaeCommandTest {
    private static final List<String> TINY = List.of("--dataset", "tiny", "--latents", "6", "--hidden", "8",
            "--approximator-hidden", "4", "--steps", "6", "--batch", "16", "--eval-samples", "2", "--iw-samples", "5");

    @TempDir
    Path dir;

    private CliRun cli(String... args) {
        return CliRun.real(args);
    }

    private CliRun tiny(Path data, Path out, String... more) {
        return CliRun.tiny("vae", TINY, data, out, more);
    }

    @Test
    void aRunWritesResultMetricsPlotsReconstructionsAndSamples() throws IOException {
        Path data = TinyIdx.write(dir.resolve("data"), 64, 30, 3, true);
        Path out = dir.resolve("run");
        CliRun run = tiny(data, out, "--eval-every", "3", "--iw-images", "12");
        assertEquals(0, run.exitCode(), run.err());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of("metrics.csv", "reconstructions.png", "result.json", "samples.png", "training.png"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        Map<String, Object> result = FlatJsonReader.read(Files.readString(out.resolve("result.json")));
        assertEquals("vae", result.get("experiment"));
        assertEquals("linear", result.get("model"));
        assertEquals("dab", result.get("estimator"));
        assertEquals(6L, result.get("steps"));
        assertEquals(12L, result.get("iw_images"));
        assertTrue(result.get("binarization").toString().contains("test set binarized once with seed 0"), result.toString());
        for (String metric : List.of("test_elbo", "test_reconstruction", "test_kl", "test_iw_log_likelihood",
                "test_pixel_marginal_log_likelihood", "train_dab_loss", "train_elbo", "wall_seconds")) {
            assertTrue(result.get(metric) instanceof Double, metric + " in " + result);
        }
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertTrue(csv.getFirst().startsWith("step,elapsed_seconds,train_dab_loss,train_elbo,train_reconstruction,train_kl,"
                + "test_elbo,test_reconstruction,test_kl"), csv.getFirst());
        for (String png : List.of("reconstructions.png", "samples.png")) {
            assertNotNull(ImageIO.read(out.resolve(png).toFile()), png);
        }
        assertTrue(run.out().startsWith("binarization: dynamic for training"), run.out());
        assertTrue(run.out().contains("importance-weighted log p(x) with k = 5 on 12 test images ..."), run.out());
        assertTrue(run.out().contains("vae done: test_elbo "), run.out());
    }

    @Test
    void theReportComparesVaeRunsByEstimator() throws IOException {
        Path data = TinyIdx.write(dir.resolve("data"), 64, 30, 3, false);
        for (String estimator : List.of("reinforce", "gumbel")) {
            for (String seed : List.of("1", "2")) {
                CliRun run = tiny(data, dir.resolve("runs").resolve(estimator + "-" + seed), "--model", "nonlinear",
                        "--estimator", estimator, "--seed", seed);
                assertEquals(0, run.exitCode(), run.err());
            }
        }
        Path plot = dir.resolve("cmp.png");
        CliRun report = cli("report", dir.resolve("runs").toString(), "--plot", plot.toString());
        assertEquals(0, report.exitCode(), report.err());
        String table = report.out();
        assertTrue(table.contains("| estimator | tau_start | tau_min | baseline_decay | runs | test_elbo |"), table);
        assertTrue(table.contains("test_iw_log_likelihood"), table);
        assertTrue(table.contains("test_encoder_grad_variance"), table);
        assertTrue(table.lines().filter(l -> l.startsWith("| reinforce") || l.startsWith("| gumbel"))
                .allMatch(l -> l.contains("| 2 |")), table);
        assertTrue(Files.exists(plot));
    }

    @Test
    void badOptionsAreNamed() throws IOException {
        Path data = TinyIdx.write(dir.resolve("data"), 20, 10, 2, false);
        CliRun model = tiny(data, dir.resolve("run"), "--model", "deep");
        assertEquals(2, model.exitCode(), model.err());
        assertTrue(model.err().contains("'--model': 'deep' (must be one of linear, nonlinear)"), model.err());
        CliRun estimator = tiny(data, dir.resolve("run"), "--estimator", "relax");
        assertTrue(estimator.err().contains("'--estimator': 'relax' (must be one of dab, gumbel, gumbel-st, ste, reinforce)"),
                estimator.err());
        CliRun repeats = tiny(data, dir.resolve("run"), "--grad-variance-repeats", "1");
        assertTrue(repeats.err().contains("'--grad-variance-repeats': 1 (must be 0 (skip) or at least 2)"),
                repeats.err());
        CliRun decay = tiny(data, dir.resolve("run"), "--baseline-decay", "1");
        assertTrue(decay.err().contains("'--baseline-decay': 1.0 (must be in [0, 1))"), decay.err());
        CliRun batch = cli("vae", "--dataset", "tiny", "--data", data.toString(), "--batch", "64", "--out",
                dir.resolve("run").toString());
        assertTrue(batch.err().contains("'--batch': 64 (exceeds the 20 training images)"), batch.err());
        assertFalse(Files.exists(dir.resolve("run")), "nothing is written for invalid options");
    }
}
