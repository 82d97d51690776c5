package org.dab4j.models.cli;

import org.dab4j.inject.Dab4jModule;
import org.dab4j.models.report.FlatJson;
import org.dab4j.models.sort.SortTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportCommandTest {
    @TempDir
    Path dir;

    private CliRun report(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "report";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.of(new CliEnvironment(Dab4jModule::new, SortTask::create, false, Clock.systemUTC()), all);
    }

    private void run(String name, String estimator, long seed, double accuracy, double loss) throws IOException {
        Path out = Files.createDirectories(dir.resolve("runs").resolve(name));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("experiment", "autoencoder");
        result.put("code", "onehot");
        result.put("estimator", estimator);
        result.put("lr", 0.001);
        result.put("seed", seed);
        result.put("backend_device", "CPU " + seed);
        result.put("test_recon_loss", loss);
        result.put("test_probe_accuracy", accuracy);
        result.put("train_loss", loss + 1);
        result.put("wall_seconds", 100.0);
        Files.writeString(out.resolve("result.json"), FlatJson.write(result));
        Files.writeString(out.resolve("metrics.csv"), "step,elapsed_seconds,train_loss,test_recon_loss\n"
                + "5,1.0," + (loss + 10) + ",\n10,2.0," + (loss + 1) + "," + loss + "\n");
    }

    @Test
    void groupsRunsBySettingsAndAveragesOverSeeds() throws IOException {
        run("dab-1", "dab", 1, 0.80, 250);
        run("dab-2", "dab", 2, 0.70, 260);
        run("gumbel-1", "gumbel", 1, 0.75, 255);
        Path plot = dir.resolve("cmp.png");
        CliRun run = report(dir.resolve("runs").toString(), "--plot", plot.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Common settings: experiment=autoencoder, code=onehot, lr=0.001\n\n"), run.out());
        assertTrue(run.out().contains("| estimator | runs | test_recon_loss | test_probe_accuracy | wall_seconds |\n"
                + "| --- | --- | --- | --- | --- |\n"
                + "| dab | 2 | 255.0 ± 7.071 | 0.750 ± 0.071 | 100.0 ± 0.000 |\n"
                + "| gumbel | 1 | 255.0 | 0.750 | 100.0 |\n"), run.out());
        assertTrue(run.out().contains("plot: " + plot), run.out());
        assertNotNull(ImageIO.read(plot.toFile()));
    }

    @Test
    void missingOrEmptyDirectoriesAreNamed() throws IOException {
        CliRun missing = report(dir.resolve("absent").toString());
        assertEquals(1, missing.exitCode());
        assertEquals("dab4j: error: " + dir.resolve("absent") + ": no such file or directory\n", missing.err());
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun none = report(empty.toString());
        assertTrue(none.err().contains("holds no result.json"), none.err());
        Path bad = Files.writeString(dir.resolve("result.json"), "{\"a\": }");
        CliRun broken = report(bad.toString());
        assertTrue(broken.err().contains("is not a result file: expected a value"), broken.err());
    }

    @Test
    void runsWithoutCurvesStillGiveATable() throws IOException {
        run("only", "dab", 1, 0.8, 250);
        Files.delete(dir.resolve("runs/only/metrics.csv"));
        Path plot = dir.resolve("none.png");
        CliRun run = report(dir.resolve("runs/only").toString(), "--plot", plot.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("| runs | test_recon_loss |"), run.out());
        assertTrue(run.out().contains("no plot: none of the runs has test metrics in its metrics.csv"), run.out());
        assertFalse(Files.exists(plot));
    }
}
