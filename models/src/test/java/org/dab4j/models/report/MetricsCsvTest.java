package org.dab4j.models.report;

import org.dab4j.models.train.MetricsRow;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsCsvTest {

    private static Map<String, Double> ordered(Object... nameValue) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put((String) nameValue[i], (Double) nameValue[i + 1]);
        }
        return m;
    }

    @Test
    void headerThenOneLinePerRowWithEmptyCellsBetweenEvaluations() {
        List<MetricsRow> rows = List.of(
                new MetricsRow(10, 0.5, ordered("loss", 2.0, "train_accuracy", 0.25), Map.of()),
                new MetricsRow(20, 1.25, ordered("loss", 1.5, "train_accuracy", 0.5),
                        ordered("test_accuracy", 0.625)));
        assertEquals("""
                step,elapsed_seconds,loss,train_accuracy,test_accuracy
                10,0.500,2.0,0.25,
                20,1.250,1.5,0.5,0.625
                """, MetricsCsv.write(rows));
    }

    @Test
    void columnsFollowFirstAppearance() {
        List<MetricsRow> rows = List.of(
                new MetricsRow(1, 0, ordered("loss", 1.0), Map.of()),
                new MetricsRow(2, 0, ordered("loss", 1.0, "late", 3.0), Map.of()));
        String csv = MetricsCsv.write(rows);
        assertTrue(csv.startsWith("step,elapsed_seconds,loss,late\n1,0.000,1.0,\n"), csv);
    }

    @Test
    void quotesFieldsWithCommasOrQuotes() {
        assertEquals("plain", MetricsCsv.quoteIfNeeded("plain"));
        assertEquals("\"a,b\"", MetricsCsv.quoteIfNeeded("a,b"));
        assertEquals("\"say \"\"x\"\"\"", MetricsCsv.quoteIfNeeded("say \"x\""));
    }

    @Test
    void aNameUsedForTrainingAndEvaluationIsRejected() {
        List<MetricsRow> rows = List.of(new MetricsRow(1, 0, ordered("loss", 1.0), ordered("loss", 2.0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetricsCsv.write(rows));
        assertTrue(e.getMessage().contains("'loss'"), e.getMessage());
    }
}
