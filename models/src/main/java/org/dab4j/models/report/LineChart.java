package org.dab4j.models.report;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Line charts drawn with Java2D (headless): panels stacked over one shared x axis that starts at 0, each
 * with its own y axis (linear or logarithmic), tick labels, grid and a legend to its right.
 */
public final class LineChart {
    private static final Color[] PALETTE = {
            new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
            new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf)};
    private static final Color GRID = new Color(0xe4e4e4);
    private static final Color FRAME = new Color(0x404040);
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 17);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final int TITLE_HEIGHT = 44;
    private static final int LEFT_MARGIN = 92;
    /** The least room right of the plots for the legend; more when a series name needs it. */
    private static final int LEGEND_WIDTH = 240;
    private static final int BOTTOM_MARGIN = 58;
    private static final int PANEL_GAP = 40;
    private static final int TARGET_TICKS = 6;
    private static final int MARKER_RADIUS = 4;

    private LineChart() {
    }

    /** One line; {@code markers} draws a dot at each point (for sparse series such as evaluations). */
    public record Series(String name, double[] x, double[] y, boolean markers) {
        public Series {
            Objects.requireNonNull(name, "name");
            if (x.length != y.length) {
                throw new IllegalArgumentException("series '" + name + "' has " + x.length + " x values but "
                        + y.length + " y values");
            }
        }
    }

    public enum Scale { LINEAR, LOGARITHMIC }

    /**
     * One panel. The y axis covers the data, or {@code [min, max]} when both are finite; a logarithmic
     * axis skips values that are not positive.
     */
    public record Panel(String label, List<Series> series, Scale scale, double min, double max) {
        public Panel {
            series = List.copyOf(series);
        }

        public static Panel fitted(String label, List<Series> series, Scale scale) {
            return new Panel(label, series, scale, Double.NaN, Double.NaN);
        }
    }

    /** Renders the chart as a PNG. */
    public static byte[] png(String title, String xLabel, List<Panel> panels, int width, int height) {
        BufferedImage image = render(title, xLabel, panels, width, height);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("no PNG writer is installed in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("encoding the chart as PNG failed", e);
        }
        return bytes.toByteArray();
    }

    public static BufferedImage render(String title, String xLabel, List<Panel> panels, int width, int height) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("a chart needs at least one panel");
        }
        int plotsHeight = height - TITLE_HEIGHT - BOTTOM_MARGIN - PANEL_GAP * (panels.size() - 1);
        int panelHeight = plotsHeight / panels.size();
        BufferedImage image = new BufferedImage(Math.max(1, width), Math.max(1, height), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            int plotWidth = width - LEFT_MARGIN - legendWidth(g.getFontMetrics(TICK_FONT), panels);
            if (plotWidth < 100 || panelHeight < 80) {
                throw new IllegalArgumentException("a " + width + "x" + height + " image is too small for "
                        + panels.size() + " panel(s)");
            }
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(TITLE_FONT);
            drawCentered(g, title, LEFT_MARGIN + plotWidth / 2, 28);
            LinearAxis xAxis = LinearAxis.covering(0, maxX(panels));
            int top = TITLE_HEIGHT;
            for (Panel panel : panels) {
                drawPanel(g, panel, xAxis, LEFT_MARGIN, top, plotWidth, panelHeight);
                top += panelHeight + PANEL_GAP;
            }
            g.setColor(Color.BLACK);
            g.setFont(LABEL_FONT);
            drawCentered(g, xLabel, LEFT_MARGIN + plotWidth / 2, height - 14);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void drawPanel(Graphics2D g, Panel panel, LinearAxis xAxis, int left, int top, int w, int h) {
        Axis yAxis = yAxis(panel);
        g.setStroke(new BasicStroke(1f));
        g.setFont(TICK_FONT);
        FontMetrics fm = g.getFontMetrics();
        for (double t : xAxis.ticks()) {
            double px = left + xAxis.fraction(t) * w;
            g.setColor(GRID);
            g.draw(new Line2D.Double(px, top, px, top + h));
            g.setColor(Color.BLACK);
            drawCentered(g, xAxis.label(t), (int) Math.round(px), top + h + fm.getAscent() + 6);
        }
        for (double t : yAxis.ticks()) {
            double py = top + h - yAxis.fraction(t) * h;
            g.setColor(GRID);
            g.draw(new Line2D.Double(left, py, left + w, py));
            g.setColor(Color.BLACK);
            String label = yAxis.label(t);
            g.drawString(label, left - 8 - fm.stringWidth(label), (int) Math.round(py + fm.getAscent() / 2.0 - 2));
        }
        g.setColor(FRAME);
        g.drawRect(left, top, w, h);

        g.setFont(LABEL_FONT);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.setColor(Color.BLACK);
        drawCentered(g, panel.label(), -(top + h / 2), 20);
        g.setTransform(saved);

        Shape clip = g.getClip();
        // Room for a marker's radius around the frame, so points on the edge (accuracy 1, the last step) stay whole.
        g.clipRect(left - MARKER_RADIUS - 1, top - MARKER_RADIUS - 1, w + 2 * MARKER_RADIUS + 3, h + 2 * MARKER_RADIUS + 3);
        List<Series> series = panel.series();
        for (int i = 0; i < series.size(); i++) {
            drawSeries(g, series.get(i), PALETTE[i % PALETTE.length], xAxis, yAxis, left, top, w, h);
        }
        g.setClip(clip);
        drawLegend(g, series, left + w + 16, top + 6);
    }

    private static void drawSeries(Graphics2D g, Series s, Color color, LinearAxis xAxis, Axis yAxis,
                                   int left, int top, int w, int h) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D.Double path = new Path2D.Double();
        boolean penDown = false;
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < s.x().length; i++) {
            if (!yAxis.canShow(s.y()[i]) || !Double.isFinite(s.x()[i])) {
                penDown = false;
                continue;
            }
            double px = left + xAxis.fraction(s.x()[i]) * w;
            double py = top + h - yAxis.fraction(s.y()[i]) * h;
            if (penDown) {
                path.lineTo(px, py);
            } else {
                path.moveTo(px, py);
                penDown = true;
            }
            points.add(new double[]{px, py});
        }
        g.draw(path);
        if (s.markers()) {
            for (double[] p : points) {
                g.fill(new Ellipse2D.Double(p[0] - MARKER_RADIUS, p[1] - MARKER_RADIUS, 2 * MARKER_RADIUS,
                        2 * MARKER_RADIUS));
            }
        }
    }

    /** Room for the widest legend entry: its line sample, the name, and a margin. */
    private static int legendWidth(FontMetrics fm, List<Panel> panels) {
        int widest = 0;
        for (Panel panel : panels) {
            for (Series series : panel.series()) {
                widest = Math.max(widest, fm.stringWidth(series.name()));
            }
        }
        return Math.max(LEGEND_WIDTH, widest + 56);
    }

    private static void drawLegend(Graphics2D g, List<Series> series, int left, int top) {
        g.setFont(TICK_FONT);
        FontMetrics fm = g.getFontMetrics();
        int rowHeight = fm.getHeight() + 6;
        for (int i = 0; i < series.size(); i++) {
            int y = top + i * rowHeight + rowHeight / 2;
            g.setColor(PALETTE[i % PALETTE.length]);
            g.setStroke(new BasicStroke(3f));
            g.draw(new Line2D.Double(left, y, left + 22, y));
            if (series.get(i).markers()) {
                g.fill(new Ellipse2D.Double(left + 11 - MARKER_RADIUS, y - MARKER_RADIUS, 2 * MARKER_RADIUS,
                        2 * MARKER_RADIUS));
            }
            g.setColor(Color.BLACK);
            g.drawString(series.get(i).name(), left + 30, y + fm.getAscent() / 2 - 1);
        }
    }

    private static void drawCentered(Graphics2D g, String text, int centerX, int baseline) {
        g.drawString(text, centerX - g.getFontMetrics().stringWidth(text) / 2, baseline);
    }

    private static double maxX(List<Panel> panels) {
        double max = Double.NEGATIVE_INFINITY;
        for (Panel p : panels) {
            for (Series s : p.series()) {
                for (double x : s.x()) {
                    if (Double.isFinite(x)) {
                        max = Math.max(max, x);
                    }
                }
            }
        }
        return max > 0 ? max : 1;
    }

    private static Axis yAxis(Panel panel) {
        boolean logarithmic = panel.scale() == Scale.LOGARITHMIC;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : panel.series()) {
            for (double y : s.y()) {
                if (Double.isFinite(y) && (!logarithmic || y > 0)) {
                    min = Math.min(min, y);
                    max = Math.max(max, y);
                }
            }
        }
        if (Double.isFinite(panel.min()) && Double.isFinite(panel.max())) {
            min = panel.min();
            max = panel.max();
        }
        if (min > max) {
            return logarithmic ? LogAxis.covering(0.1, 1) : LinearAxis.covering(0, 1);
        }
        return logarithmic ? LogAxis.covering(min, max) : LinearAxis.covering(min, max);
    }

    private interface Axis {
        /** Where {@code v} lies between the axis ends, 0 at the low end and 1 at the high end. */
        double fraction(double v);

        boolean canShow(double v);

        List<Double> ticks();

        String label(double v);
    }

    /** A linear axis whose ends are multiples of a 1, 2 or 5 times a power of ten tick step. */
    private record LinearAxis(double low, double high, double step) implements Axis {
        static LinearAxis covering(double min, double max) {
            if (max - min <= 0) {
                double pad = min == 0 ? 0.5 : Math.abs(min) * 0.1;
                min -= pad;
                max += pad;
            }
            double raw = (max - min) / TARGET_TICKS;
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double normalized = raw / magnitude;
            double step = (normalized < 1.5 ? 1 : normalized < 3 ? 2 : normalized < 7 ? 5 : 10) * magnitude;
            return new LinearAxis(Math.floor(min / step) * step, Math.ceil(max / step) * step, step);
        }

        @Override
        public double fraction(double v) {
            return (v - low) / (high - low);
        }

        @Override
        public boolean canShow(double v) {
            return Double.isFinite(v);
        }

        @Override
        public List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            long count = Math.round((high - low) / step);
            for (long i = 0; i <= count; i++) {
                ticks.add(low + i * step);
            }
            return ticks;
        }

        @Override
        public String label(double v) {
            int decimals = (int) Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
            return String.format(Locale.ROOT, "%." + decimals + "f", Math.abs(v) < step / 2 ? 0.0 : v);
        }
    }

    /** A base-10 logarithmic axis spanning whole decades, with 2 and 5 ticks when it spans few of them. */
    private record LogAxis(int lowExponent, int highExponent) implements Axis {
        static LogAxis covering(double min, double max) {
            int low = (int) Math.floor(Math.log10(min));
            int high = (int) Math.ceil(Math.log10(max));
            return new LogAxis(low, high > low ? high : low + 1);
        }

        @Override
        public double fraction(double v) {
            return (Math.log10(v) - lowExponent) / (highExponent - lowExponent);
        }

        @Override
        public boolean canShow(double v) {
            return Double.isFinite(v) && v > 0;
        }

        @Override
        public List<Double> ticks() {
            boolean fine = highExponent - lowExponent <= 2;
            List<Double> ticks = new ArrayList<>();
            for (int e = lowExponent; e <= highExponent; e++) {
                double decade = Math.pow(10, e);
                ticks.add(decade);
                if (fine && e < highExponent) {
                    ticks.add(2 * decade);
                    ticks.add(5 * decade);
                }
            }
            return ticks;
        }

        @Override
        public String label(double v) {
            int exponent = (int) Math.floor(Math.log10(v) + 1e-9);
            double mantissa = v / Math.pow(10, exponent);
            if (exponent >= -3 && exponent <= 4) {
                return String.format(Locale.ROOT, "%." + Math.max(0, -exponent) + "f", v);
            }
            return String.format(Locale.ROOT, "%.0fe%d", mantissa, exponent);
        }
    }
}
