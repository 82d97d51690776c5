package org.dab4j.bench;

import java.util.concurrent.TimeUnit;

import org.dab4j.tensor.Backend;
import org.dab4j.tensor.CounterRandom;
import org.dab4j.tensor.Storage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fused softmax cross-entropy over rows of logits, written {@code ROWSxCLASSES}: {@code 10240x10} is the
 * 10-sort model's batch of 1024 (ten positions of ten classes each), {@code 1024x1000} a wide classifier.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.VECTOR_MODULE, JvmFlags.NATIVE_ACCESS, JvmFlags.UNSAFE_ACCESS})
public class SoftmaxCrossEntropyBenchmark {
    @Param({})
    public String backend;

    @Param({"10240x10", "1024x1000"})
    public String shape;

    private Backend engine;
    private int rows;
    private int classes;
    private Storage logits;
    private Storage targets;
    private Storage loss;
    private Storage probs;

    @Setup(Level.Trial)
    public void setUp() {
        String[] dims = shape.split("x");
        if (dims.length != 2) {
            throw new IllegalArgumentException("softmax shape '" + shape + "' does not read ROWSxCLASSES");
        }
        rows = Integer.parseInt(dims[0]);
        classes = Integer.parseInt(dims[1]);
        engine = BenchBackends.open(backend);
        logits = engine.allocate(rows * classes);
        probs = engine.allocate(rows * classes);
        loss = engine.allocate(rows);
        targets = engine.allocate(rows);
        engine.randomNormal(logits, rows * classes, 1, 0);
        float[] classIndices = new float[rows];
        for (int r = 0; r < rows; r++) {
            classIndices[r] = (int) (CounterRandom.uniform(2, r) * classes);
        }
        engine.upload(classIndices, 0, targets, 0, rows);
    }

    @Benchmark
    public Storage softmaxCrossEntropy() {
        engine.softmaxCrossEntropy(logits, rows, classes, 1, targets, loss, probs);
        return loss;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }
}
