package org.dab4j.bench;

import java.util.concurrent.TimeUnit;

import org.dab4j.tensor.Backend;
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
 * One fused Adam update of a parameter vector in place: 32,768 floats is the size of the 10-sort model's
 * largest layer (128 × 256), 1,048,576 a large one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.VECTOR_MODULE, JvmFlags.NATIVE_ACCESS, JvmFlags.UNSAFE_ACCESS})
public class AdamBenchmark {
    @Param({})
    public String backend;

    @Param({"32768", "1048576"})
    public int length;

    private Backend engine;
    private Storage param;
    private Storage grad;
    private Storage firstMoment;
    private Storage secondMoment;
    private int step;

    @Setup(Level.Trial)
    public void setUp() {
        engine = BenchBackends.open(backend);
        param = engine.allocate(length);
        grad = engine.allocate(length);
        firstMoment = engine.allocate(length);
        secondMoment = engine.allocate(length);
        engine.randomNormal(param, length, 1, 0);
        engine.randomNormal(grad, length, 2, 0);
    }

    @Benchmark
    public Storage adamStep() {
        engine.adamStep(param, grad, firstMoment, secondMoment, length, 1e-3f, 0.9f, 0.999f, 1e-8f, 0f, ++step);
        return param;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }
}
