package org.dab4j.bench;

import java.util.concurrent.TimeUnit;

import org.dab4j.tensor.Backend;
import org.dab4j.tensor.BinaryOp;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Storage;
import org.dab4j.tensor.UnaryOp;
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
 * Elementwise kernels on a {@code [1024, 1024]} tensor of standard normal values: the transcendentals of
 * the activations and the softmax, and a row-broadcast add (a bias).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.VECTOR_MODULE, JvmFlags.NATIVE_ACCESS, JvmFlags.UNSAFE_ACCESS})
public class ElementwiseBenchmark {
    private static final int ROWS = 1024;
    private static final int COLS = 1024;
    private static final Shape MATRIX = Shape.of(ROWS, COLS);
    private static final Shape ROW = Shape.of(COLS);

    @Param({})
    public String backend;

    private Backend engine;
    private Storage x;
    private Storage bias;
    private Storage out;

    @Setup(Level.Trial)
    public void setUp() {
        engine = BenchBackends.open(backend);
        x = engine.allocate(MATRIX.size());
        bias = engine.allocate(COLS);
        out = engine.allocate(MATRIX.size());
        engine.randomNormal(x, MATRIX.size(), 1, 0);
        engine.randomNormal(bias, COLS, 2, 0);
    }

    @Benchmark
    public Storage tanh() {
        engine.unary(UnaryOp.TANH, x, out, MATRIX.size());
        return out;
    }

    @Benchmark
    public Storage exp() {
        engine.unary(UnaryOp.EXP, x, out, MATRIX.size());
        return out;
    }

    @Benchmark
    public Storage sigmoid() {
        engine.unary(UnaryOp.SIGMOID, x, out, MATRIX.size());
        return out;
    }

    @Benchmark
    public Storage broadcastAdd() {
        engine.binary(BinaryOp.ADD, x, MATRIX, bias, ROW, out);
        return out;
    }

    /** The fused dense-layer epilogue {@code tanh(x + bias)}. */
    @Benchmark
    public Storage biasTanh() {
        engine.biasActivation(x, bias, out, ROWS, COLS, UnaryOp.TANH);
        return out;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }
}
