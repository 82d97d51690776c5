package org.dab4j.models.report;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunComparisonTest {
    private static RunComparison.Run run(String code, int width, String estimator, long seed, double loss) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("code", code);
        fields.put("code_width", (long) width);
        fields.put("estimator", estimator);
        fields.put("seed", seed);
        fields.put("test_recon_loss", loss);
        fields.put("train_loss", loss + 3);
        fields.put("dab_loss", 1.0);
        fields.put("temperature", 0.5);
        fields.put("probe_seconds", 2.0);
        return new RunComparison.Run(Path.of("runs", code + estimator + seed), fields);
    }

    @Test
    void groupsBySettingsAndLabelsWithTheSettingsThatTellGroupsApart() {
        RunComparison c = RunComparison.of(List.of(run("onehot", 300, "dab", 1, 220), run("onehot", 300, "dab", 2, 224),
                run("onehot", 300, "gumbel", 1, 225), run("binary", 100, "dab", 1, 223)));
        assertEquals(3, c.groups().size());
        assertEquals(List.of("code", "code_width", "estimator"), c.varying());
        assertEquals(List.of("code", "estimator"), c.distinguishing(), "the width follows from the code");
        assertEquals("code=onehot estimator=dab", c.groups().getFirst().label(c.distinguishing()));
        assertEquals(List.of("test_recon_loss"), c.metrics(), "measurements are not settings");
        double[] ms = RunComparison.meanAndStd(c.groups().getFirst(), "test_recon_loss");
        assertEquals(222, ms[0], 1e-12);
        assertEquals(Math.sqrt(8), ms[1], 1e-12);
        assertTrue(Double.isNaN(RunComparison.meanAndStd(c.groups().get(1), "test_recon_loss")[1]));
    }

    @Test
    void numbersKeepFourSignificantDigits() {
        assertEquals("226.9", RunComparison.number(226.91));
        assertEquals("0.813", RunComparison.number(0.81304));
        assertEquals("4680", RunComparison.number(4680.0));
        assertThrows(IllegalArgumentException.class, () -> RunComparison.of(List.of()));
    }
}
