package org.dab4j.models.data;

import org.dab4j.tensor.Backend;
import org.dab4j.tensor.BackendConfig;
import org.dab4j.tensor.Backends;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The image tasks' test fixture: the default backend and a {@link TinyIdx} data set of 40 test images in 4 classes,
 * opened once per test class ({@code @RegisterExtension static final TinyImageBench BENCH = ...}).
 */
public final class TinyImageBench implements BeforeAllCallback, AfterAllCallback {
    private final int trainImages;
    private Backend backend;
    private ImageDataset data;

    public TinyImageBench(int trainImages) {
        this.trainImages = trainImages;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        backend = Backends.select(null, BackendConfig.defaults());
        Path dir = Files.createTempDirectory("dab4j-tiny-idx");
        data = IdxDatasets.load("tiny", TinyIdx.write(dir, trainImages, 40, 4, true));
        // The images are in memory now; the files are not needed again.
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        backend.close();
    }

    public Backend backend() {
        return backend;
    }

    public ImageDataset data() {
        return data;
    }
}
