package org.dab4j.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxTest {
    @TempDir
    Path dir;

    /** Three 2 x 3 images whose pixels count up from 250, wrapping past 255 to show bytes are unsigned. */
    private static final byte[] PIXELS = pixels();

    private static byte[] pixels() {
        byte[] p = new byte[18];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (250 + i);
        }
        return p;
    }

    static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(data).array();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private Path images() throws IOException {
        return write("images", idx(2051, new int[]{3, 2, 3}, PIXELS));
    }

    private void assertProblem(Path file, String expected) {
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> Idx.readImages(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(file, e.file());
    }

    @Test
    void readsPlainImages() throws IOException {
        IdxImages images = Idx.readImages(images());
        assertEquals(3, images.count());
        assertEquals(2, images.rows());
        assertEquals(3, images.cols());
        assertArrayEquals(PIXELS, images.pixels());
        assertEquals(250, images.pixel(0, 0));
        assertEquals(11, images.pixel(2, 5), "250 + 17 wraps to 11 as an unsigned byte");
        assertEquals(255, images.pixel(0, 5));
    }

    @Test
    void readsGzippedFilesWhateverTheirName() throws IOException {
        Path file = write("labels.idx", gzip(idx(2049, new int[]{4}, new byte[]{0, 9, 3, (byte) 200})));
        assertArrayEquals(new byte[]{0, 9, 3, (byte) 200}, Idx.readLabels(file));
        Path images = write("images.gz", gzip(idx(2051, new int[]{3, 2, 3}, PIXELS)));
        assertArrayEquals(PIXELS, Idx.readImages(images).pixels());
    }

    @Test
    void wrongMagicNumberSaysWhatTheFileIs() throws IOException {
        Path labels = write("labels", idx(2049, new int[]{2}, new byte[]{1, 2}));
        assertProblem(labels, "magic number 2049 (0x801), expected 2051 (0x803) (this is a label file)");
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readLabels(images()));
        assertTrue(e.getMessage().contains("not an IDX label file: magic number 2051"), e.getMessage());
        assertProblem(write("png", new byte[]{(byte) 0x89, 'P', 'N', 'G', 1, 2, 3, 4}),
                "an IDX file starts with two zero bytes");
    }

    @Test
    void truncatedHeaderIsNamed() throws IOException {
        assertProblem(write("empty", new byte[0]), "truncated header: the file ends inside the magic number");
        byte[] full = idx(2051, new int[]{3, 2, 3}, PIXELS);
        assertProblem(write("short", Arrays.copyOf(full, 10)), "truncated header: the file ends inside the dimension 2 of 3");
    }

    @Test
    void truncatedDataSaysHowMuchIsMissing() throws IOException {
        byte[] full = idx(2051, new int[]{3, 2, 3}, PIXELS);
        assertProblem(write("cut", Arrays.copyOf(full, full.length - 5)),
                "truncated: the header [3 x 2 x 3] promises 18 data bytes, the file holds 13");
    }

    @Test
    void bytesAfterTheDataAreCorruption() throws IOException {
        byte[] full = idx(2051, new int[]{3, 2, 3}, PIXELS);
        assertProblem(write("long", Arrays.copyOf(full, full.length + 7)),
                "corrupt: 7 byte(s) after the 18 data bytes that the header [3 x 2 x 3] promises");
    }

    @Test
    void impossibleDimensionsAreCorruption() throws IOException {
        assertProblem(write("negative", idx(2051, new int[]{-1, 2, 3}, new byte[0])),
                "corrupt header: dimension 1 is -1");
        assertProblem(write("zero", idx(2051, new int[]{1, 0, 3}, new byte[0])), "corrupt header: dimension 2 is 0");
        assertProblem(write("huge", idx(2051, new int[]{100_000, 28_000, 28}, new byte[0])),
                "dimensions [100000 x 28000] describe more than");
    }

    @Test
    void brokenGzipIsNamed() throws IOException {
        byte[] gz = gzip(idx(2051, new int[]{3, 2, 3}, PIXELS));
        assertProblem(write("cut.gz", Arrays.copyOf(gz, gz.length - 12)), "corrupt or truncated gzip stream");
        byte[] badChecksum = gz.clone();
        badChecksum[gz.length - 8] ^= 0x5a;
        assertProblem(write("checksum.gz", badChecksum), "corrupt or truncated gzip stream");
    }

    @Test
    void missingFileIsTheUsualException() {
        assertThrows(NoSuchFileException.class, () -> Idx.readImages(dir.resolve("absent")));
    }

    @Test
    void imagesCheckTheirSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new IdxImages(2, 2, 2, new byte[7]));
        assertTrue(e.getMessage().contains("7 pixels do not make 2 images of 2 x 2"), e.getMessage());
    }
}
