package org.dab4j.models.data;

import org.dab4j.io.IdxFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxDatasetsTest {
    @TempDir
    Path dir;

    @Test
    void loadsPlainAndGzippedFolders() throws IOException {
        for (boolean gzip : new boolean[]{false, true}) {
            Path folder = TinyIdx.write(dir.resolve("gz-" + gzip), 20, 7, 3, gzip);
            ImageDataset data = IdxDatasets.load("tiny", folder);
            assertEquals("tiny", data.name());
            assertEquals(20, data.train().count());
            assertEquals(7, data.test().count());
            assertEquals(36, data.pixelsPerImage());
            assertEquals(3, data.classes());
            assertEquals(2, data.test().label(5));
            float[] first = data.train().pixels(new int[]{4});
            assertEquals(36, first.length);
            assertEquals(((4 * 31 + 7 * 17) % 40 + 200) / 255f, first[7], 1e-6f, "row 1 carries class 1's bar");
            assertArrayEquals(new float[]{1, 0}, data.train().labels(new int[]{4, 9}));
        }
    }

    @Test
    void aMissingFolderSaysHowToGetTheData() {
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class,
                () -> IdxDatasets.load(IdxDatasets.FASHION_MNIST, dir.resolve("absent")));
        assertTrue(e.getMessage().contains("absent does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("dataset-fashion-mnist"), e.getMessage());
        assertTrue(e.getMessage().contains("--data DIR"), e.getMessage());
    }

    @Test
    void aFolderWithoutTheFilesNamesTheMissingOne() throws IOException {
        Path folder = TinyIdx.write(dir.resolve("partial"), 10, 5, 2, false);
        Files.delete(folder.resolve("t10k-labels-idx1-ubyte"));
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class, () -> IdxDatasets.load("mnist", folder));
        assertTrue(e.getMessage().contains("has no t10k-labels-idx1-ubyte or t10k-labels-idx1-ubyte.gz"), e.getMessage());
        assertTrue(e.getMessage().contains("pass --data DIR"), e.getMessage());
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertTrue(assertThrows(DatasetNotFoundException.class, () -> IdxDatasets.load("x", file))
                .getMessage().contains("is not a directory"));
    }

    @Test
    void mismatchedCountsAndCorruptFilesAreNamed() throws IOException {
        Path folder = TinyIdx.write(dir.resolve("mismatch"), 10, 5, 2, false);
        Files.write(folder.resolve("train-labels-idx1-ubyte"), TinyIdx.idx(2049, new int[]{9}, new byte[9]));
        IOException e = assertThrows(IOException.class, () -> IdxDatasets.load("x", folder));
        assertTrue(e.getMessage().contains("holds 10 images but") && e.getMessage().contains("holds 9 labels"), e.getMessage());

        Path corrupt = TinyIdx.write(dir.resolve("corrupt"), 10, 5, 2, false);
        byte[] images = Files.readAllBytes(corrupt.resolve("t10k-images-idx3-ubyte"));
        Files.write(corrupt.resolve("t10k-images-idx3-ubyte"), Arrays.copyOf(images, images.length - 3));
        IdxFormatException f = assertThrows(IdxFormatException.class, () -> IdxDatasets.load("x", corrupt));
        assertTrue(f.getMessage().contains("t10k-images-idx3-ubyte: truncated"), f.getMessage());
    }

    @Test
    void fashionMnistHasADefaultLocation() {
        assertEquals(Path.of("/usr/share/datasets/fashion-mnist"), IdxDatasets.defaultLocation("fashion-mnist"));
        assertEquals(null, IdxDatasets.defaultLocation("mnist"));
    }
}
