package org.dab4j.models.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.Test;

class LineChartTest {

    /** A legend of long names (a report's "code=onehot estimator=gumbel-st") ends inside the image. */
    @Test
    void longLegendNamesFitInTheImage() {
        String longName = "code=onehot estimator=gumbel-st approximator=grouped gamma=10";
        List<LineChart.Series> series = List.of(
                new LineChart.Series(longName, new double[] {0, 1, 2}, new double[] {3, 2, 1}, true),
                new LineChart.Series("short", new double[] {0, 1, 2}, new double[] {1, 2, 3}, false));
        BufferedImage image = LineChart.render("title", "step",
                List.of(new LineChart.Panel("loss", series, LineChart.Scale.LINEAR, Double.NaN, Double.NaN)),
                900, 400);
        int inked = 0;
        for (int x = image.getWidth() - 700; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                boolean white = (image.getRGB(x, y) & 0xffffff) == 0xffffff;
                if (!white && x >= image.getWidth() - 4) {
                    throw new AssertionError("ink at x = " + x + ": the legend runs off the image");
                }
                inked += white ? 0 : 1;
            }
        }
        assertTrue(inked > 0, "the chart drew nothing");
    }
}
