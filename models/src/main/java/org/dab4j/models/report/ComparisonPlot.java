package org.dab4j.models.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The evaluation curves of grouped runs: one panel per {@code test_} metric found in their
 * {@code metrics.csv}, one line per group, the mean over the group's runs at each evaluated step.
 */
public final class ComparisonPlot {
    /** Height per panel (plot and gap) and for title and axis label, so that many metrics stay legible. */
    private static final int PANEL_ROOM = 190;
    private static final int FRAME_ROOM = 110;

    private ComparisonPlot() {
    }

    /** Writes the plot; false (and no file) when no run has test metrics in its metrics.csv. */
    public static boolean write(Path file, String title, RunComparison comparison) throws IOException {
        List<LineChart.Panel> panels = panels(comparison);
        if (panels.isEmpty()) {
            return false;
        }
        int height = Math.max(TrainingPlot.HEIGHT, PANEL_ROOM * panels.size() + FRAME_ROOM);
        AtomicFiles.writeBytes(file, LineChart.png(title, "step", panels, TrainingPlot.WIDTH, height));
        return true;
    }

    static List<LineChart.Panel> panels(RunComparison comparison) throws IOException {
        List<String> metricNames = new ArrayList<>();
        List<List<Map<String, double[]>>> curvesByGroup = new ArrayList<>();
        for (RunComparison.Group group : comparison.groups()) {
            List<Map<String, double[]>> runs = new ArrayList<>();
            for (RunComparison.Run run : group.runs()) {
                Path csv = run.dir().resolve(RunOutputs.METRICS);
                if (Files.isRegularFile(csv)) {
                    Map<String, double[]> columns = readTestColumns(Files.readAllLines(csv), csv);
                    columns.keySet().stream().filter(k -> !k.equals("step") && !metricNames.contains(k))
                            .forEach(metricNames::add);
                    runs.add(columns);
                }
            }
            curvesByGroup.add(runs);
        }
        List<String> labelKeys = comparison.distinguishing();
        List<LineChart.Panel> panels = new ArrayList<>();
        for (String metric : metricNames) {
            List<LineChart.Series> series = new ArrayList<>();
            for (int g = 0; g < comparison.groups().size(); g++) {
                TreeMap<Double, double[]> sums = new TreeMap<>();
                for (Map<String, double[]> run : curvesByGroup.get(g)) {
                    double[] steps = run.get("step");
                    double[] values = run.get(metric);
                    if (values == null) {
                        continue;
                    }
                    for (int i = 0; i < steps.length; i++) {
                        if (!Double.isNaN(values[i])) {
                            double[] acc = sums.computeIfAbsent(steps[i], s -> new double[2]);
                            acc[0] += values[i];
                            acc[1]++;
                        }
                    }
                }
                if (!sums.isEmpty()) {
                    double[] x = sums.keySet().stream().mapToDouble(Double::doubleValue).toArray();
                    double[] y = sums.values().stream().mapToDouble(a -> a[0] / a[1]).toArray();
                    series.add(new LineChart.Series(comparison.groups().get(g).label(labelKeys), x, y, true));
                }
            }
            panels.add(LineChart.Panel.fitted(metric, series, LineChart.Scale.LINEAR));
        }
        return panels;
    }

    /** The {@code step} column and every {@code test_} column of a metrics.csv (empty cells as NaN). */
    static Map<String, double[]> readTestColumns(List<String> lines, Path file) throws IOException {
        if (lines.isEmpty()) {
            throw new IOException(file + " is empty");
        }
        String[] header = lines.getFirst().split(",", -1);
        Map<String, double[]> columns = new TreeMap<>();
        int rows = lines.size() - 1;
        for (int c = 0; c < header.length; c++) {
            if (header[c].equals("step") || header[c].startsWith("test_")) {
                columns.put(header[c], new double[rows]);
            }
        }
        if (!columns.containsKey("step")) {
            throw new IOException(file + " has no step column");
        }
        for (int r = 0; r < rows; r++) {
            String[] cells = lines.get(r + 1).split(",", -1);
            if (cells.length != header.length) {
                throw new IOException(file + " line " + (r + 2) + " has " + cells.length + " cells, the header "
                        + header.length);
            }
            for (int c = 0; c < header.length; c++) {
                double[] column = columns.get(header[c]);
                if (column != null) {
                    try {
                        column[r] = cells[c].isEmpty() ? Double.NaN : Double.parseDouble(cells[c]);
                    } catch (NumberFormatException e) {
                        throw new IOException(file + " line " + (r + 2) + ": '" + cells[c] + "' in column "
                                + header[c] + " is not a number", e);
                    }
                }
            }
        }
        return columns;
    }
}
