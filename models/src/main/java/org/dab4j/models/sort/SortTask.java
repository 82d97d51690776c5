package org.dab4j.models.sort;

import org.dab4j.autograd.Autograd;
import org.dab4j.models.metrics.SequenceAccuracy;
import org.dab4j.models.train.TrainingTask;
import org.dab4j.optim.Adam;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Tensor;
import org.dab4j.tensor.TensorScope;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sorting experiment as a {@link TrainingTask}: a fresh seeded batch every step, Adam on the total
 * loss (per-position cross-entropy summed over positions + gamma × DAB loss, batch mean), and
 * evaluation on a fixed held-out set with hard codes (no grad, so no approximator).
 */
public final class SortTask implements TrainingTask {
    /** Test sequences per forward pass during evaluation. */
    private static final int EVAL_CHUNK = 2048;

    private final Backend backend;
    private final SortConfig config;
    private final SortData data;
    private final SortModel model;
    private final Adam optimizer;
    private final SortData.Batch testSet;

    private SortTask(Backend backend, SortConfig config) {
        this.backend = backend;
        this.config = config;
        this.data = new SortData(config.length(), config.seed());
        this.model = new SortModel(backend, config.length(), SortModel.Estimator.parse(config.estimator()), config.seed());
        this.optimizer = new Adam(model.parameters(), (float) config.lr());
        this.testSet = data.testSet(config.testSize());
    }

    /** Builds the model, data and optimiser for {@code config} on {@code backend}. */
    public static TrainingTask create(Backend backend, SortConfig config) {
        return new SortTask(backend, config);
    }

    @Override
    public Map<String, Double> step(int step) {
        SortData.Batch batch = data.trainingBatch(step, config.batch());
        int length = config.length();
        try (var _ = TensorScope.open()) {
            Tensor inputs = Tensor.of(backend, batch.inputs(), batch.size(), length);
            Tensor targets = Tensor.of(backend, batch.targets(), batch.size(), length);
            Tensor logits = model.forward(inputs);
            SortModel.Loss loss = model.loss(logits, targets, (float) config.gamma());
            optimizer.zeroGrad();
            loss.total().backward();
            optimizer.step();

            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("loss", (double) loss.total().item());
            metrics.put("task_loss", (double) loss.task().item());
            if (loss.dab() != null) {
                metrics.put("dab_loss", (double) loss.dab().item());
            }
            metrics.put("train_all_or_none_accuracy", SequenceAccuracy.of(logits.argmax(2).toArray(), batch.targets(), length).allOrNone());
            return metrics;
        }
    }

    @Override
    public Map<String, Double> evaluate() {
        int length = config.length();
        SequenceAccuracy accuracy = new SequenceAccuracy(length);
        double taskLoss = 0;
        try (var _ = Autograd.noGrad()) {
            for (int start = 0; start < testSet.size(); start += EVAL_CHUNK) {
                int rows = Math.min(EVAL_CHUNK, testSet.size() - start);
                float[] in = slice(testSet.inputs(), start, rows);
                float[] target = slice(testSet.targets(), start, rows);
                try (var _ = TensorScope.open()) {
                    Tensor logits = model.forward(Tensor.of(backend, in, rows, length));
                    Tensor targets = Tensor.of(backend, target, rows, length);
                    taskLoss += model.loss(logits, targets, 0f).task().item() * rows;
                    accuracy.add(logits.argmax(2).toArray(), target);
                }
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("test_all_or_none_accuracy", accuracy.allOrNone());
        metrics.put("test_position_accuracy", accuracy.perPosition());
        metrics.put("test_task_loss", taskLoss / testSet.size());
        return metrics;
    }

    private float[] slice(float[] values, int startRow, int rows) {
        int length = config.length();
        float[] out = new float[rows * length];
        System.arraycopy(values, startRow * length, out, 0, out.length);
        return out;
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
