package org.dab4j.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX format of MNIST and its relatives: a big-endian magic number (two zero bytes, a type code,
 * the number of dimensions), one big-endian int per dimension, then the data. Image files (magic 2051:
 * unsigned bytes, 3 dimensions) and label files (magic 2049: unsigned bytes, 1 dimension) are supported,
 * plain or gzip-compressed (recognised by the gzip signature, not the file name). A file that is
 * truncated, has bytes after its data, or does not carry the expected magic number is an
 * {@link IdxFormatException} naming the file and the problem.
 */
public final class Idx {
    /** Unsigned bytes, 3 dimensions: count, rows, columns. */
    public static final int IMAGES_MAGIC = 0x0803;
    /** Unsigned bytes, 1 dimension: count. */
    public static final int LABELS_MAGIC = 0x0801;

    private static final int GZIP_FIRST = 0x1f;
    private static final int GZIP_SECOND = 0x8b;
    /** The largest array a JVM reliably allocates. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private Idx() {
    }

    /** The images of an IDX image file (magic number 2051). */
    public static IdxImages readImages(Path file) throws IOException {
        int[] dims = new int[3];
        byte[] pixels = read(file, IMAGES_MAGIC, "image", dims);
        return new IdxImages(dims[0], dims[1], dims[2], pixels);
    }

    /** The labels of an IDX label file (magic number 2049), each 0 to 255 as an unsigned byte. */
    public static byte[] readLabels(Path file) throws IOException {
        return read(file, LABELS_MAGIC, "label", new int[1]);
    }

    /** Reads the header into {@code dims} (whose length is the expected rank) and returns the data. */
    private static byte[] read(Path file, int magic, String kind, int[] dims) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             DataInputStream in = new DataInputStream(decompressedIfGzip(raw))) {
            int found = readHeaderInt(in, file, "magic number");
            if (found != magic) {
                throw new IdxFormatException(file, "not an IDX " + kind + " file: magic number " + found
                        + " (0x" + Integer.toHexString(found) + "), expected " + magic + " (0x"
                        + Integer.toHexString(magic) + ")" + describeMagic(found));
            }
            long size = 1;
            for (int i = 0; i < dims.length; i++) {
                dims[i] = readHeaderInt(in, file, "dimension " + (i + 1) + " of " + dims.length);
                if (dims[i] < 0 || (dims[i] == 0 && i > 0)) {
                    throw new IdxFormatException(file, "corrupt header: dimension " + (i + 1) + " is " + dims[i]);
                }
                size *= dims[i];
                if (size > MAX_ARRAY) {
                    throw new IdxFormatException(file, "dimensions " + dimsText(dims, i + 1)
                            + " describe more than " + MAX_ARRAY + " bytes");
                }
            }
            byte[] data = new byte[(int) size];
            int got = in.readNBytes(data, 0, data.length);
            if (got < data.length) {
                throw new IdxFormatException(file, "truncated: the header " + dimsText(dims, dims.length)
                        + " promises " + data.length + " data bytes, the file holds " + got);
            }
            long extra = countRemaining(in);
            if (extra > 0) {
                throw new IdxFormatException(file, "corrupt: " + extra + " byte(s) after the " + data.length
                        + " data bytes that the header " + dimsText(dims, dims.length) + " promises");
            }
            return data;
        } catch (ZipException | EOFException e) {
            throw new IdxFormatException(file, "corrupt or truncated gzip stream: " + e.getMessage(), e);
        }
    }

    private static InputStream decompressedIfGzip(InputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == GZIP_FIRST && second == GZIP_SECOND ? new GZIPInputStream(in) : in;
    }

    private static long countRemaining(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        long count = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            count += n;
        }
        return count;
    }

    private static int readHeaderInt(DataInputStream in, Path file, String what) throws IOException {
        byte[] bytes = new byte[4];
        int got = in.readNBytes(bytes, 0, 4);
        if (got < 4) {
            throw new IdxFormatException(file, "truncated header: the file ends inside the " + what);
        }
        return (bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | (bytes[3] & 0xff);
    }

    /** Why a magic number is wrong, when it says anything about the file. */
    private static String describeMagic(int found) {
        if (found == IMAGES_MAGIC) {
            return " (this is an image file)";
        }
        if (found == LABELS_MAGIC) {
            return " (this is a label file)";
        }
        if ((found >>> 16) != 0) {
            return " (an IDX file starts with two zero bytes)";
        }
        return "";
    }

    private static String dimsText(int[] dims, int count) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            text.append(i > 0 ? " x " : "").append(dims[i]);
        }
        return text.append(']').toString();
    }
}
