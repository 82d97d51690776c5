package org.dab4j.bench;

import java.util.concurrent.TimeUnit;

import org.dab4j.tensor.Backend;
import org.dab4j.tensor.ReduceOp;
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
 * Reductions of a {@code [1024, 1024]} tensor: along rows (contiguous, as a loss sums per sample), down
 * columns (strided, as a bias gradient sums over the batch), the row maximum and the row argmax.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.VECTOR_MODULE, JvmFlags.NATIVE_ACCESS, JvmFlags.UNSAFE_ACCESS})
public class ReductionBenchmark {
    private static final int ROWS = 1024;
    private static final int COLS = 1024;

    @Param({})
    public String backend;

    private Backend engine;
    private Storage x;
    private Storage perRow;
    private Storage perColumn;

    @Setup(Level.Trial)
    public void setUp() {
        engine = BenchBackends.open(backend);
        x = engine.allocate(ROWS * COLS);
        perRow = engine.allocate(ROWS);
        perColumn = engine.allocate(COLS);
        engine.randomNormal(x, ROWS * COLS, 1, 0);
    }

    @Benchmark
    public Storage sumRows() {
        engine.reduce(ReduceOp.SUM, x, ROWS, COLS, 1, perRow);
        return perRow;
    }

    @Benchmark
    public Storage sumColumns() {
        engine.reduce(ReduceOp.SUM, x, 1, ROWS, COLS, perColumn);
        return perColumn;
    }

    @Benchmark
    public Storage maxRows() {
        engine.reduce(ReduceOp.MAX, x, ROWS, COLS, 1, perRow);
        return perRow;
    }

    @Benchmark
    public Storage argmaxRows() {
        engine.argmax(x, ROWS, COLS, 1, perRow);
        return perRow;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }
}
