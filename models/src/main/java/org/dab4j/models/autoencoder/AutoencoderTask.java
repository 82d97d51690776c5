package org.dab4j.models.autoencoder;

import org.dab4j.autograd.Autograd;
import org.dab4j.bridge.GumbelSoftmaxBridge;
import org.dab4j.models.data.EpochBatches;
import org.dab4j.models.data.ImageDataset;
import org.dab4j.models.data.LabelledImages;
import org.dab4j.models.train.TrainingTask;
import org.dab4j.nn.Losses;
import org.dab4j.optim.Adam;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Tensor;
import org.dab4j.tensor.TensorScope;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The autoencoder experiment as a {@link TrainingTask}: shuffled mini-batches of training images (a new
 * permutation each epoch, the last incomplete batch dropped), Adam on reconstruction + gamma × DAB loss
 * (+ the codebook loss of a k-means code), and evaluation on the whole test split with the hard codes.
 * After training, {@link #probe()} measures how linearly separable the frozen codes are.
 */
public final class AutoencoderTask implements TrainingTask {
    /** Images per forward pass outside training: small enough for a 64 MiB device arena with the model in it. */
    private static final int CHUNK = 250;
    /** Keeps the batch order's random stream apart from the weights' and the probe's. */
    private static final long SHUFFLE_STREAM = 0x5348554646L;
    private static final long PROBE_STREAM = 0x50524f4245L;

    private final Backend backend;
    private final ImageDataset data;
    private final AutoencoderConfig config;
    private final AutoencoderModel model;
    private final Adam optimizer;
    private final EpochBatches batches;

    private AutoencoderTask(Backend backend, ImageDataset data, AutoencoderConfig config) {
        this.batches = new EpochBatches(data.train().count(), config.batch(), config.seed() ^ SHUFFLE_STREAM);
        this.backend = backend;
        this.data = data;
        this.config = config;
        this.model = new AutoencoderModel(backend, data.pixelsPerImage(), config);
        this.optimizer = new Adam(model.parameters(), (float) config.lr());
    }

    public static AutoencoderTask create(Backend backend, ImageDataset data, AutoencoderConfig config) {
        return new AutoencoderTask(backend, data, config);
    }

    /** Full batches per pass over the training split. */
    public static int stepsPerEpoch(ImageDataset data, int batch) {
        return EpochBatches.stepsPerEpoch(data.train().count(), batch);
    }

    public AutoencoderModel model() {
        return model;
    }

    @Override
    public Map<String, Double> step(int step) {
        int[] rows = batches.rows(step);
        int pixels = data.pixelsPerImage();
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (model.bridge() instanceof GumbelSoftmaxBridge gumbel) {
            gumbel.anneal(step);
        }
        try (var _ = TensorScope.open()) {
            Tensor images = Tensor.of(backend, data.train().pixels(rows), rows.length, pixels);
            Tensor latent = model.encode(images);
            Tensor logits = model.decode(model.bridge().forward(latent));
            AutoencoderModel.Loss loss = model.loss(logits, images, (float) config.gamma());
            optimizer.zeroGrad();
            loss.total().backward();
            optimizer.step();

            metrics.put("train_loss", (double) loss.total().item());
            metrics.put("train_recon_loss", (double) loss.reconstruction().item());
            if (loss.dab() != null) {
                metrics.put("train_dab_loss", (double) loss.dab().item());
            }
            if (loss.codebook() != null) {
                metrics.put("train_codebook_loss", (double) loss.codebook().item());
            }
            float[] codes;
            try (var _ = Autograd.noGrad()) {
                codes = model.hardCode(latent).toArray();
            }
            metrics.put("train_code_usage", CodeUsage.of(codes, rows.length, model.layout()).usage());
        }
        if (model.bridge() instanceof GumbelSoftmaxBridge gumbel) {
            metrics.put("temperature", gumbel.temperature());
        }
        return metrics;
    }

    /** Reconstruction loss (nats per image) and code usage on the whole test split, with hard codes. */
    @Override
    public Map<String, Double> evaluate() {
        LabelledImages test = data.test();
        float[] codes = codes(test);
        double nats = 0;
        int width = model.layout().width();
        int pixels = data.pixelsPerImage();
        try (var _ = Autograd.noGrad()) {
            for (int start = 0; start < test.count(); start += CHUNK) {
                int n = Math.min(CHUNK, test.count() - start);
                try (var _ = TensorScope.open()) {
                    Tensor images = Tensor.of(backend, test.pixels(LabelledImages.range(start, n)), n, pixels);
                    Tensor chunk = Tensor.of(backend, LinearProbe.gatherRows(codes, width, LabelledImages.range(start, n)), n, width);
                    nats += Losses.bceWithLogits(model.decode(chunk), images).item() * pixels * n;
                }
            }
        }
        CodeUsage usage = CodeUsage.of(codes, test.count(), model.layout());
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("test_recon_loss", nats / test.count());
        metrics.put("test_code_usage", usage.usage());
        metrics.put("test_collapsed_groups", usage.collapsed());
        metrics.put("test_unique_codes", usage.unique());
        return metrics;
    }

    /** The hard codes of every image of {@code split}, row-major. */
    public float[] codes(LabelledImages split) {
        int width = model.layout().width();
        int pixels = data.pixelsPerImage();
        float[] codes = new float[split.count() * width];
        try (var _ = Autograd.noGrad()) {
            for (int start = 0; start < split.count(); start += CHUNK) {
                int n = Math.min(CHUNK, split.count() - start);
                try (var _ = TensorScope.open()) {
                    Tensor images = Tensor.of(backend, split.pixels(LabelledImages.range(start, n)), n, pixels);
                    float[] chunk = model.hardCode(model.encode(images)).toArray();
                    System.arraycopy(chunk, 0, codes, start * width, chunk.length);
                }
            }
        }
        return codes;
    }

    /**
     * The test accuracy of a logistic-regression probe trained on the frozen hard codes of the training split
     * for {@code probeEpochs} epochs.
     */
    public Map<String, Double> probe() {
        int width = model.layout().width();
        LinearProbe.Features train = new LinearProbe.Features(codes(data.train()),
                data.train().labels(LabelledImages.range(0, data.train().count())), data.train().count(), width);
        LinearProbe.Features test = new LinearProbe.Features(codes(data.test()),
                data.test().labels(LabelledImages.range(0, data.test().count())), data.test().count(), width);
        double accuracy = LinearProbe.accuracy(backend, train, test, data.classes(), config.probeEpochs(),
                config.seed() ^ PROBE_STREAM);
        return Map.of("test_probe_accuracy", accuracy);
    }

    /** A PNG of the first {@code count} test images over their reconstructions from hard codes. */
    public byte[] reconstructionGrid(int count, int perRow) {
        LabelledImages test = data.test();
        int n = Math.min(count, test.count());
        int pixels = data.pixelsPerImage();
        float[] originals = test.pixels(LabelledImages.range(0, n));
        float[] reconstructions;
        try (var _ = Autograd.noGrad(); var _ = TensorScope.open()) {
            Tensor images = Tensor.of(backend, originals, n, pixels);
            reconstructions = model.decode(model.hardCode(model.encode(images))).sigmoid().toArray();
        }
        return ReconstructionGrid.png(originals, reconstructions, n, data.rows(), data.cols(), perRow);
    }

    @Override
    public int batchSize() {
        return config.batch();
    }

    @Override
    public void close() {
        model.parameters().forEach(Tensor::release);
    }
}
