package org.dab4j.models.report;

import org.dab4j.models.train.MetricsRow;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedSet;

/**
 * {@code metrics.csv}: a header, then one line per logged row. Columns are {@code step},
 * {@code elapsed_seconds}, the training metrics and then the evaluation metrics, each in first-seen order; a
 * metric absent from a row (an evaluation metric between evaluations) is an empty cell.
 */
public final class MetricsCsv {
    private MetricsCsv() {
    }

    /**
     * The CSV text, lines ending in {@code \n}.
     *
     * @throws IllegalArgumentException when a training and an evaluation metric share a name
     */
    public static String write(List<MetricsRow> rows) {
        SequencedSet<String> training = new LinkedHashSet<>();
        SequencedSet<String> evaluation = new LinkedHashSet<>();
        for (MetricsRow row : rows) {
            training.addAll(row.training().keySet());
            evaluation.addAll(row.evaluation().keySet());
        }
        for (String name : evaluation) {
            if (training.contains(name)) {
                throw new IllegalArgumentException("metric '" + name
                        + "' is both a training and an evaluation metric; give them distinct names");
            }
        }
        List<String> header = new ArrayList<>(List.of("step", "elapsed_seconds"));
        header.addAll(training);
        header.addAll(evaluation);
        StringBuilder csv = new StringBuilder();
        appendLine(csv, header);
        for (MetricsRow row : rows) {
            List<String> cells = new ArrayList<>(header.size());
            cells.add(Integer.toString(row.step()));
            cells.add(String.format(Locale.ROOT, "%.3f", row.elapsedSeconds()));
            training.forEach(name -> cells.add(cell(row.training(), name)));
            evaluation.forEach(name -> cells.add(cell(row.evaluation(), name)));
            appendLine(csv, cells);
        }
        return csv.toString();
    }

    private static String cell(Map<String, Double> values, String name) {
        Double v = values.get(name);
        return v == null ? "" : v.toString();
    }

    private static void appendLine(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(quoteIfNeeded(cells.get(i)));
        }
        csv.append('\n');
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
    static String quoteIfNeeded(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
