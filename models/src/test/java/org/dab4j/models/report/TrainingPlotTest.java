package org.dab4j.models.report;

import org.dab4j.models.train.MetricsRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingPlotTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    static List<MetricsRow> sortLikeRun() {
        List<MetricsRow> rows = new ArrayList<>();
        for (int step = 15; step <= 3000; step += 15) {
            Map<String, Double> training = new LinkedHashMap<>();
            training.put("loss", 1.6 * Math.exp(-step / 700.0) + 0.05);
            training.put("dab_loss", 0.02 * Math.exp(-step / 400.0) + 1e-4);
            training.put("train_accuracy", 1 - 0.8 * Math.exp(-step / 600.0));
            Map<String, Double> evaluation = new LinkedHashMap<>();
            if (step % 600 == 0) {
                evaluation.put("test_all_or_none_accuracy", 1 - Math.exp(-step / 900.0));
                evaluation.put("test_position_accuracy", 1 - 0.7 * Math.exp(-step / 600.0));
            }
            rows.add(new MetricsRow(step, step / 100.0, training, evaluation));
        }
        return rows;
    }

    @Test
    void writesAValidPngOfTheChartSize() throws IOException {
        Path png = dir.resolve("training.png");
        TrainingPlot.write(png, "sort: length 5, estimator dab, backend test, seed 1", sortLikeRun());
        byte[] bytes = Files.readAllBytes(png);
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, PNG_SIGNATURE.length));
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "ImageIO could not decode the PNG");
        assertEquals(TrainingPlot.WIDTH, image.getWidth());
        assertEquals(TrainingPlot.HEIGHT, image.getHeight());
        assertTrue(hasColour(image), "the chart has coloured series");
    }

    private static boolean hasColour(BufferedImage image) {
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                int r = rgb >> 16 & 0xff;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 80) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void lossesGoToALogPanelAndAccuraciesToAUnitPanel() {
        List<LineChart.Panel> panels = TrainingPlot.panels(sortLikeRun());
        assertEquals(2, panels.size());
        LineChart.Panel loss = panels.get(0);
        assertEquals(LineChart.Scale.LOGARITHMIC, loss.scale());
        assertEquals(List.of("loss", "dab_loss"), loss.series().stream().map(LineChart.Series::name).toList());
        LineChart.Panel accuracy = panels.get(1);
        assertEquals(List.of("train_accuracy", "test_all_or_none_accuracy", "test_position_accuracy"),
                accuracy.series().stream().map(LineChart.Series::name).toList());
        assertEquals(0, accuracy.min());
        assertEquals(1, accuracy.max());
        LineChart.Series evaluated = accuracy.series().get(1);
        assertTrue(evaluated.markers());
        assertArrayEquals(new double[]{600, 1200, 1800, 2400, 3000}, evaluated.x());
    }

    @Test
    void aLossThatReachesZeroOrBelowIsPlottedLinearly() {
        List<MetricsRow> rows = List.of(
                new MetricsRow(1, 0, Map.of("loss", 0.5), Map.of()),
                new MetricsRow(2, 0, Map.of("loss", -0.25), Map.of("elbo", 3.0)));
        List<LineChart.Panel> panels = TrainingPlot.panels(rows);
        assertEquals(LineChart.Scale.LINEAR, panels.get(0).scale());
        assertEquals("other metrics", panels.get(1).label());
        assertTrue(LineChart.png("t", "step", panels, 600, 400).length > 0);
    }

    @Test
    void aTooSmallImageIsRejected() {
        List<LineChart.Panel> panels = TrainingPlot.panels(sortLikeRun());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LineChart.render("t", "step", panels, 200, 100));
        assertTrue(e.getMessage().contains("200x100"), e.getMessage());
    }
}
