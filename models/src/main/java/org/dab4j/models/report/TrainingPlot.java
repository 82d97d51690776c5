package org.dab4j.models.report;

import org.dab4j.models.train.MetricsRow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedSet;
import java.util.function.Function;

/**
 * The training curves of a run as one PNG: a panel for the losses (log scale while they stay positive), one
 * for the accuracies (0 to 1) and one for any other metric, each only when it has a series. Training metrics
 * are lines over every logged row; evaluation metrics are lines with a dot at each evaluation.
 */
public final class TrainingPlot {
    public static final int WIDTH = 1100;
    public static final int HEIGHT = 800;

    private TrainingPlot() {
    }

    public static void write(Path file, String title, List<MetricsRow> rows) throws IOException {
        AtomicFiles.writeBytes(file, LineChart.png(title, "step", panels(rows), WIDTH, HEIGHT));
    }

    static List<LineChart.Panel> panels(List<MetricsRow> rows) {
        List<LineChart.Series> losses = new ArrayList<>();
        List<LineChart.Series> accuracies = new ArrayList<>();
        List<LineChart.Series> others = new ArrayList<>();
        addSeries(rows, MetricsRow::training, false, losses, accuracies, others);
        addSeries(rows, MetricsRow::evaluation, true, losses, accuracies, others);
        List<LineChart.Panel> panels = new ArrayList<>();
        if (!losses.isEmpty()) {
            boolean positive = losses.stream().allMatch(s -> allPositive(s.y()));
            panels.add(LineChart.Panel.fitted(positive ? "loss (log scale)" : "loss", losses,
                    positive ? LineChart.Scale.LOGARITHMIC : LineChart.Scale.LINEAR));
        }
        if (!accuracies.isEmpty()) {
            panels.add(new LineChart.Panel("accuracy", accuracies, LineChart.Scale.LINEAR, 0, 1));
        }
        if (!others.isEmpty()) {
            panels.add(LineChart.Panel.fitted("other metrics", others, LineChart.Scale.LINEAR));
        }
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("there are no metrics to plot");
        }
        return panels;
    }

    private static void addSeries(List<MetricsRow> rows, Function<MetricsRow, Map<String, Double>> metrics,
                                  boolean evaluation, List<LineChart.Series> losses,
                                  List<LineChart.Series> accuracies, List<LineChart.Series> others) {
        SequencedSet<String> names = new LinkedHashSet<>();
        rows.forEach(r -> names.addAll(metrics.apply(r).keySet()));
        for (String name : names) {
            List<MetricsRow> having = rows.stream().filter(r -> metrics.apply(r).containsKey(name)).toList();
            double[] x = having.stream().mapToDouble(MetricsRow::step).toArray();
            double[] y = having.stream().mapToDouble(r -> metrics.apply(r).get(name)).toArray();
            LineChart.Series series = new LineChart.Series(name, x, y, evaluation);
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.contains("accuracy")) {
                accuracies.add(series);
            } else if (lower.contains("loss")) {
                losses.add(series);
            } else {
                others.add(series);
            }
        }
    }

    private static boolean allPositive(double[] values) {
        for (double v : values) {
            if (!(v > 0)) {
                return false;
            }
        }
        return true;
    }
}
