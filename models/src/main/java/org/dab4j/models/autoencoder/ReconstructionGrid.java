package org.dab4j.models.autoencoder;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A PNG of test images and their reconstructions: rows of originals, each followed by the row of their
 * reconstructions, every image scaled up and drawn dark on light as a grey level.
 */
public final class ReconstructionGrid {
    public static final int SCALE = 3;
    private static final int GAP = 2;
    private static final int PAIR_GAP = 8;
    private static final Color BACKGROUND = new Color(0xb0b0b0);

    private ReconstructionGrid() {
    }

    /**
     * The grid of {@code count} images of {@code rows x cols} values in [0, 1] and their reconstructions,
     * {@code perRow} to a row.
     */
    public static byte[] png(float[] originals, float[] reconstructions, int count, int rows, int cols, int perRow) {
        int pixels = rows * cols;
        if (count < 1 || perRow < 1 || originals.length != count * pixels || reconstructions.length != count * pixels) {
            throw new IllegalArgumentException("reconstruction grid: " + originals.length + " and "
                    + reconstructions.length + " values are not " + count + " images of " + rows + " x " + cols);
        }
        int columns = Math.min(perRow, count);
        int pairs = (count + columns - 1) / columns;
        int cell = cols * SCALE + GAP;
        int cellHeight = rows * SCALE + GAP;
        int width = columns * cell + GAP;
        int height = pairs * (2 * cellHeight + PAIR_GAP) + GAP;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, width, height);
        } finally {
            g.dispose();
        }
        for (int i = 0; i < count; i++) {
            int x = GAP + (i % columns) * cell;
            int y = GAP + (i / columns) * (2 * cellHeight + PAIR_GAP);
            draw(image, originals, i * pixels, rows, cols, x, y);
            draw(image, reconstructions, i * pixels, rows, cols, x, y + cellHeight);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("no PNG writer is installed in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("encoding the reconstruction grid as PNG failed", e);
        }
        return bytes.toByteArray();
    }

    private static void draw(BufferedImage image, float[] values, int offset, int rows, int cols, int left, int top) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float v = Math.clamp(values[offset + r * cols + c], 0f, 1f);
                // Ink is dark on a light ground, as garments are usually shown.
                int grey = Math.round(255 * (1 - v));
                int rgb = grey << 16 | grey << 8 | grey;
                for (int dy = 0; dy < SCALE; dy++) {
                    for (int dx = 0; dx < SCALE; dx++) {
                        image.setRGB(left + c * SCALE + dx, top + r * SCALE + dy, rgb);
                    }
                }
            }
        }
    }
}
