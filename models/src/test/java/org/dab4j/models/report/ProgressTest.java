package org.dab4j.models.report;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressTest {
    private static final Map<String, Double> RUNNING = new LinkedHashMap<>();

    static {
        RUNNING.put("loss", 0.5);
        RUNNING.put("train_accuracy", 0.75);
    }

    @Test
    void plainLogPrintsEveryTenthAndTheEnd() {
        StringWriter text = new StringWriter();
        PlainProgressLog log = new PlainProgressLog(new PrintWriter(text));
        for (int step = 1; step <= 95; step++) {
            log.stepped(step, 95, step * 0.1, RUNNING);
        }
        String[] lines = text.toString().split("\n");
        assertEquals(10, lines.length, text.toString());
        assertEquals("step 10/95 ( 10%)  loss 0.5000  train_accuracy 0.7500  elapsed 1s  ETA 9s", lines[0]);
        assertTrue(lines[9].startsWith("step 95/95 (100%)"), lines[9]);
        assertTrue(lines[9].endsWith("ETA 0s"), lines[9]);
    }

    @Test
    void plainLogShowsEveryStepOfAShortRunAndEvaluations() {
        StringWriter text = new StringWriter();
        PlainProgressLog log = new PlainProgressLog(new PrintWriter(text));
        for (int step = 1; step <= 3; step++) {
            log.stepped(step, 3, step, RUNNING);
        }
        log.evaluated(3, 3, Map.of("test_accuracy", 0.875));
        String[] lines = text.toString().split("\n");
        assertEquals(4, lines.length, text.toString());
        assertEquals("eval at step 3/3:  test_accuracy 0.8750", lines[3]);
    }

    @Test
    void terminalBarRedrawsOneLineInPlace() {
        StringWriter text = new StringWriter();
        TerminalProgressBar bar = new TerminalProgressBar(new PrintWriter(text));
        bar.stepped(1, 4, 1, RUNNING);
        bar.stepped(4, 4, 4, RUNNING);
        String out = text.toString();
        assertTrue(out.startsWith("\r[======>                 ]  25%  1/4  ETA 3s  loss 0.5000"), out);
        assertTrue(out.contains("\r[========================] 100%  4/4  ETA 0s"), out);
        assertTrue(!out.contains("\n"), "no newline until the run finishes");
    }

    @Test
    void terminalBarPrintsEvaluationsAboveAnUpToDateBar() {
        StringWriter text = new StringWriter();
        TerminalProgressBar bar = new TerminalProgressBar(new PrintWriter(text));
        bar.stepped(1, 4, 1, RUNNING);
        bar.stepped(2, 4, 2, RUNNING);
        bar.evaluated(2, 4, Map.of("test_accuracy", 0.5));
        String out = text.toString();
        assertTrue(out.contains("\r\u001b[Keval at step 2/4:  test_accuracy 0.5000\n[============>           ]  50%  2/4"),
                out);
    }

    @Test
    void terminalBarLineNeverWraps() {
        Map<String, Double> many = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            many.put("metric_with_a_long_name_" + i, 0.5);
        }
        assertTrue(TerminalProgressBar.render(1, 2, 1, many).length() < 120);
    }

    @Test
    void formatsValuesAndDurations() {
        assertEquals("0", MetricFormat.value(0));
        assertEquals("0.1235", MetricFormat.value(0.123456));
        assertEquals("1.235e-05", MetricFormat.value(1.23456e-5));
        assertEquals("NaN", MetricFormat.value(Double.NaN));
        assertEquals("42s", MetricFormat.duration(42.2));
        assertEquals("3m07s", MetricFormat.duration(187));
        assertEquals("2h05m", MetricFormat.duration(7500));
        assertEquals("?", MetricFormat.duration(Double.NaN));
        assertEquals("1.5s", MetricFormat.seconds(1.49));
    }
}
