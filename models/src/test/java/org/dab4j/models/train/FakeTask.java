package org.dab4j.models.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training task without a model: its loss at step s is {@code 1/s} (or {@code poison} from step
 * {@code poisonAt} on), its training accuracy {@code 1 - 1/s}, and each evaluation reports how many
 * steps it has seen. It records what the trainer asked of it.
 */
public class FakeTask implements TrainingTask {
    private final int batchSize;
    private final int poisonAt;
    private final double poison;
    private final long evaluationMillis;
    final List<Integer> steps = new ArrayList<>();
    final List<Integer> evaluatedAfter = new ArrayList<>();
    private boolean closed;

    public FakeTask(int batchSize) {
        this(batchSize, Integer.MAX_VALUE, 0, 0);
    }

    public FakeTask(int batchSize, int poisonAt, double poison, long evaluationMillis) {
        this.batchSize = batchSize;
        this.poisonAt = poisonAt;
        this.poison = poison;
        this.evaluationMillis = evaluationMillis;
    }

    @Override
    public Map<String, Double> step(int step) {
        steps.add(step);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", step >= poisonAt ? poison : 1.0 / step);
        metrics.put("train_accuracy", 1 - 1.0 / step);
        return metrics;
    }

    @Override
    public Map<String, Double> evaluate() {
        evaluatedAfter.add(steps.size());
        if (evaluationMillis > 0) {
            try {
                Thread.sleep(evaluationMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while evaluating", e);
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("test_all_or_none_accuracy", steps.size() / 100.0);
        metrics.put("test_position_accuracy", Math.min(1, steps.size() / 50.0));
        return metrics;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public void close() {
        closed = true;
    }

    public boolean isClosed() {
        return closed;
    }
}
