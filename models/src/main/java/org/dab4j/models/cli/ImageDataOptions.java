package org.dab4j.models.cli;

import org.dab4j.models.data.DatasetNotFoundException;
import org.dab4j.models.data.IdxDatasets;
import org.dab4j.models.data.ImageDataset;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** {@code --data}, shared by the experiments on image data sets, and the reading of the data set it names. */
final class ImageDataOptions {
    @Option(names = "--data", paramLabel = "DIR",
            description = "A folder of MNIST-format IDX files (train-images-idx3-ubyte, ..., plain or .gz). "
                    + "Default for fashion-mnist: /usr/share/datasets/fashion-mnist.")
    Path data;

    /**
     * Reads an image data set: a missing folder or file named by {@code --data} is invalid input; a missing default
     * data set, or a corrupt file, is an error that says what is wrong and how to get the data.
     */
    ImageDataset load(ExperimentOptions experiment, String dataset) {
        Path dir = data != null ? data : IdxDatasets.defaultLocation(dataset);
        if (dir == null) {
            throw experiment.invalid("--dataset", "'" + dataset + "'",
                    "has no default location; pass --data DIR with its IDX files");
        }
        try {
            return IdxDatasets.load(dataset, dir);
        } catch (DatasetNotFoundException e) {
            if (data != null) {
                throw experiment.invalid("--data", data, e.getMessage());
            }
            throw new IllegalStateException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + dataset + " failed: " + ExperimentOptions.describe(e), e);
        }
    }
}
