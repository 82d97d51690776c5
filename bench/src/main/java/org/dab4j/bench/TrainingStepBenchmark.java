package org.dab4j.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.dab4j.models.sort.SortConfig;
import org.dab4j.models.sort.SortData;
import org.dab4j.models.sort.SortModel;
import org.dab4j.models.sort.SortTask;
import org.dab4j.models.train.TrainingTask;
import org.dab4j.optim.Adam;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Tensor;
import org.dab4j.tensor.TensorScope;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of the 10-sort DAB model (batch 1024, Adam, gamma 10), in samples per second.
 * {@link #trainStep} is the step proper on batches generated beforehand: upload, forward, task and DAB loss,
 * backward, Adam update and the loss read back; it is what the comparison with PyTorch times and what
 * {@code -prof gc} measures for allocation. {@link #sortTaskStep} is the CLI's step ({@link SortTask}),
 * which also draws its batch and computes the training metrics.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(TrainingStepBenchmark.BATCH)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.VECTOR_MODULE, JvmFlags.NATIVE_ACCESS, JvmFlags.UNSAFE_ACCESS})
public class TrainingStepBenchmark {
    static final int BATCH = 1024;
    private static final int LENGTH = 10;
    private static final float GAMMA = 10f;
    private static final float LEARNING_RATE = 1e-3f;
    private static final long SEED = 1;
    /** Distinct batches cycled through by {@link #trainStep}, so it never fits one batch over and over. */
    private static final int BATCHES = 16;

    @Param({})
    public String backend;

    private Backend engine;
    private SortModel model;
    private Adam optimizer;
    private SortData.Batch[] batches;
    private TrainingTask sortTask;
    private int step;

    @Setup(Level.Trial)
    public void setUp() {
        engine = BenchBackends.open(backend);
        model = new SortModel(engine, LENGTH, SortModel.Estimator.DAB, SEED);
        optimizer = new Adam(model.parameters(), LEARNING_RATE);
        SortData data = new SortData(LENGTH, SEED);
        batches = new SortData.Batch[BATCHES];
        for (int i = 0; i < BATCHES; i++) {
            batches[i] = data.trainingBatch(i + 1, BATCH);
        }
        sortTask = SortTask.create(engine, new SortConfig(LENGTH, "dab", Integer.MAX_VALUE, BATCH, LEARNING_RATE,
                GAMMA, SEED, 1));
    }

    @Benchmark
    public float trainStep() {
        SortData.Batch batch = batches[step++ % BATCHES];
        try (var _ = TensorScope.open()) {
            Tensor inputs = Tensor.of(engine, batch.inputs(), BATCH, LENGTH);
            Tensor targets = Tensor.of(engine, batch.targets(), BATCH, LENGTH);
            SortModel.Loss loss = model.loss(model.forward(inputs), targets, GAMMA);
            optimizer.zeroGrad();
            loss.total().backward();
            optimizer.step();
            return loss.total().item();
        }
    }

    @Benchmark
    public Map<String, Double> sortTaskStep() {
        return sortTask.step(++step);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        sortTask.close();
        model.parameters().forEach(Tensor::release);
        engine.close();
    }
}
