package org.dab4j.models.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes small MNIST-format folders for tests: image i has class {@code i mod classes} and shows a bright
 * horizontal bar in the row of its class over a faint, deterministic texture, so classes are separable.
 */
public final class TinyIdx {
    public static final int SIDE = 6;

    private TinyIdx() {
    }

    public static Path write(Path dir, int train, int test, int classes, boolean gzip) throws IOException {
        Files.createDirectories(dir);
        writeSplit(dir, "train", train, classes, gzip, 0);
        writeSplit(dir, "t10k", test, classes, gzip, train);
        return dir;
    }

    private static void writeSplit(Path dir, String prefix, int count, int classes, boolean gzip, int offset)
            throws IOException {
        byte[] pixels = new byte[count * SIDE * SIDE];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            int label = i % classes;
            labels[i] = (byte) label;
            for (int p = 0; p < SIDE * SIDE; p++) {
                int texture = ((i + offset) * 31 + p * 17) % 40;
                int bar = p / SIDE == label % SIDE ? 200 : 0;
                pixels[i * SIDE * SIDE + p] = (byte) Math.min(255, texture + bar);
            }
        }
        String suffix = gzip ? ".gz" : "";
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte" + suffix), encode(idx(2051, new int[]{count, SIDE, SIDE}, pixels), gzip));
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte" + suffix), encode(idx(2049, new int[]{count}, labels), gzip));
    }

    public static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(data).array();
    }

    private static byte[] encode(byte[] bytes, boolean gzip) throws IOException {
        if (!gzip) {
            return bytes;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
