package org.dab4j.models.classifier;

import java.util.LinkedHashMap;
import java.util.Map;

import org.dab4j.autograd.Autograd;
import org.dab4j.models.data.EpochBatches;
import org.dab4j.models.data.ImageDataset;
import org.dab4j.models.data.LabelledImages;
import org.dab4j.models.train.TrainingTask;
import org.dab4j.optim.Adam;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Tensor;
import org.dab4j.tensor.TensorScope;

/**
 * The classification experiment as a {@link TrainingTask}: shuffled mini-batches of training images (a new
 * permutation each epoch, the last incomplete batch dropped), Adam on cross-entropy + gamma × DAB loss, and
 * evaluation on the whole test split with the hard activations (no grad, so no approximator).
 */
public final class ClassifierTask implements TrainingTask {
    /** Test images per forward pass; small enough for the OpenCL engine's default arena at the MLP's sizes. */
    private static final int CHUNK = 250;
    /** Keeps the batch order's random stream apart from the weights'. */
    private static final long SHUFFLE_STREAM = 0x434c415353L;

    private final Backend backend;
    private final ImageDataset data;
    private final ClassifierConfig config;
    private final ClassifierModel model;
    private final Adam optimizer;
    private final EpochBatches batches;

    private ClassifierTask(Backend backend, ImageDataset data, ClassifierConfig config) {
        this.batches = new EpochBatches(data.train().count(), config.batch(), config.seed() ^ SHUFFLE_STREAM);
        this.backend = backend;
        this.data = data;
        this.config = config;
        this.model = new ClassifierModel(backend, data.rows(), data.cols(), data.classes(), config);
        this.optimizer = new Adam(model.parameters(), (float) config.lr());
    }

    public static ClassifierTask create(Backend backend, ImageDataset data, ClassifierConfig config) {
        return new ClassifierTask(backend, data, config);
    }

    /** Full batches per pass over the training split. */
    public static int stepsPerEpoch(ImageDataset data, int batch) {
        return EpochBatches.stepsPerEpoch(data.train().count(), batch);
    }

    @Override
    public Map<String, Double> step(int step) {
        int[] rows = batches.rows(step);
        Map<String, Double> metrics = new LinkedHashMap<>();
        try (var _ = TensorScope.open()) {
            Tensor images = Tensor.of(backend, data.train().pixels(rows), rows.length, data.pixelsPerImage());
            float[] labels = data.train().labels(rows);
            Tensor logits = model.forward(images);
            ClassifierModel.Loss loss = model.loss(logits, Tensor.of(backend, labels, rows.length), (float) config.gamma());
            optimizer.zeroGrad();
            loss.total().backward();
            optimizer.step();

            metrics.put("train_loss", (double) loss.total().item());
            metrics.put("train_task_loss", (double) loss.task().item());
            if (loss.dab() != null) {
                metrics.put("train_dab_loss", (double) loss.dab().item());
            }
            metrics.put("train_accuracy", (double) correct(logits.argmax(1).toArray(), labels) / rows.length);
        }
        return metrics;
    }

    /** Accuracy and mean cross-entropy on the whole test split. */
    @Override
    public Map<String, Double> evaluate() {
        LabelledImages test = data.test();
        int correct = 0;
        double loss = 0;
        try (var _ = Autograd.noGrad()) {
            for (int start = 0; start < test.count(); start += CHUNK) {
                int n = Math.min(CHUNK, test.count() - start);
                int[] rows = LabelledImages.range(start, n);
                float[] labels = test.labels(rows);
                try (var _ = TensorScope.open()) {
                    Tensor logits = model.forward(Tensor.of(backend, test.pixels(rows), n, data.pixelsPerImage()));
                    loss += model.loss(logits, Tensor.of(backend, labels, n), 0f).task().item() * n;
                    correct += correct(logits.argmax(1).toArray(), labels);
                }
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("test_accuracy", (double) correct / test.count());
        metrics.put("test_loss", loss / test.count());
        return metrics;
    }

    /** How many predicted classes equal the labels. */
    static int correct(float[] predicted, float[] labels) {
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) {
                correct++;
            }
        }
        return correct;
    }

    @Override
    public int batchSize() {
        return config.batch();
    }

    @Override
    public void close() {
        model.release();
    }
}
