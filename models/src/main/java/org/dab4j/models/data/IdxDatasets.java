package org.dab4j.models.data;

import org.dab4j.io.Idx;
import org.dab4j.io.IdxImages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads MNIST-format folders: {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each plain or with {@code .gz}.
 * Fashion-MNIST has a default location, where Debian's {@code dataset-fashion-mnist} package installs it.
 */
public final class IdxDatasets {
    public static final String FASHION_MNIST = "fashion-mnist";
    public static final Path FASHION_MNIST_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    private static final String EXPECTED = "an IDX folder holds " + TRAIN_IMAGES + ", " + TRAIN_LABELS + ", "
            + TEST_IMAGES + " and " + TEST_LABELS + ", each plain or gzipped (.gz)";

    private IdxDatasets() {
    }

    /** Where data set {@code name} is installed by default, or null when it has no default location. */
    public static Path defaultLocation(String name) {
        return FASHION_MNIST.equals(name) ? FASHION_MNIST_DIR : null;
    }

    /** How to get data set {@code name} when it is missing. */
    static String howToGet(String name) {
        return FASHION_MNIST.equals(name)
                ? "install Debian's dataset-fashion-mnist package (apt-get install dataset-fashion-mnist), or "
                + "pass --data DIR with a folder of Fashion-MNIST's four IDX files"
                : "pass --data DIR with a folder of its four IDX files";
    }

    /**
     * Reads data set {@code name} from {@code dir}.
     *
     * @throws DatasetNotFoundException when the folder or one of its files is missing, saying how to get it
     * @throws org.dab4j.io.IdxFormatException when a file is truncated, corrupt or of the wrong kind
     */
    public static ImageDataset load(String name, Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new DatasetNotFoundException(name + " not found: " + dir
                    + (Files.exists(dir) ? " is not a directory" : " does not exist") + "; " + howToGet(name));
        }
        LabelledImages train = split(name, dir, TRAIN_IMAGES, TRAIN_LABELS);
        LabelledImages test = split(name, dir, TEST_IMAGES, TEST_LABELS);
        return new ImageDataset(name, dir, train, test);
    }

    private static LabelledImages split(String name, Path dir, String imagesName, String labelsName) throws IOException {
        Path imagesFile = find(name, dir, imagesName);
        Path labelsFile = find(name, dir, labelsName);
        IdxImages images = Idx.readImages(imagesFile);
        byte[] labels = Idx.readLabels(labelsFile);
        if (images.count() != labels.length) {
            throw new IOException(imagesFile + " holds " + images.count() + " images but " + labelsFile + " holds "
                    + labels.length + " labels");
        }
        if (images.count() == 0) {
            throw new IOException(imagesFile + " holds no images");
        }
        return new LabelledImages(images, labels);
    }

    private static Path find(String name, Path dir, String file) throws DatasetNotFoundException {
        Path plain = dir.resolve(file);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gzipped = dir.resolve(file + ".gz");
        if (Files.isRegularFile(gzipped)) {
            return gzipped;
        }
        throw new DatasetNotFoundException(name + " not found: " + dir + " has no " + file + " or " + file
                + ".gz (" + EXPECTED + "); " + howToGet(name));
    }
}
