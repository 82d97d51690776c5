package org.dab4j.models.report;

import org.dab4j.models.train.MetricsRow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The files a run leaves in its output directory, each written atomically: {@value #METRICS},
 * {@value #PLOT} and, last, {@value #RESULT}, so a present result means a complete run.
 */
public final class RunOutputs {
    public static final String RESULT = "result.json";
    public static final String METRICS = "metrics.csv";
    public static final String PLOT = "training.png";

    private RunOutputs() {
    }

    /**
     * Creates {@code dir} if needed and proves it writable by creating and deleting a probe file, so that a
     * bad output directory fails before any training.
     *
     * @throws IOException naming what could not be done
     */
    public static void prepare(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException(dir + " exists and is not a directory");
        }
        Files.createDirectories(dir);
        Path probe = dir.resolve(".dab4j-write-probe");
        Files.deleteIfExists(probe);
        Files.createFile(probe);
        Files.delete(probe);
    }

    public static void write(Path dir, Map<String, ?> result, List<MetricsRow> rows, String plotTitle)
            throws IOException {
        AtomicFiles.writeString(dir.resolve(METRICS), MetricsCsv.write(rows));
        TrainingPlot.write(dir.resolve(PLOT), plotTitle, rows);
        AtomicFiles.writeString(dir.resolve(RESULT), FlatJson.write(result));
    }
}
