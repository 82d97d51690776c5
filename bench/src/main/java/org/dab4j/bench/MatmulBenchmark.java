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
 * {@code C = op(A) op(B)} at the square sizes and at the shapes a training step of dense layers runs: the
 * forward product, the weight gradient {@code AᵀB} and the input gradient {@code ABᵀ}. A shape reads
 * {@code FLAGS:MxKxN}, where FLAGS says whether A and B are used as stored (N) or transposed (T).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.VECTOR_MODULE, JvmFlags.NATIVE_ACCESS, JvmFlags.UNSAFE_ACCESS})
public class MatmulBenchmark {
    @Param({})
    public String backend;

    @Param({"NN:256x256x256", "NN:512x512x512", "NN:1024x1024x1024", "NN:2048x2048x2048",
            "NN:1024x256x128", "TN:256x1024x128", "NT:1024x128x256",
            "NN:1024x784x512", "TN:784x1024x512", "NT:1024x512x784"})
    public String shape;

    private Backend engine;
    private MatmulShape product;
    private Storage a;
    private Storage b;
    private Storage c;

    @Setup(Level.Trial)
    public void setUp() {
        engine = BenchBackends.open(backend);
        product = MatmulShape.parse(shape);
        a = engine.allocate(product.m() * product.k());
        b = engine.allocate(product.k() * product.n());
        c = engine.allocate(product.m() * product.n());
        engine.randomNormal(a, product.m() * product.k(), 1, 0);
        engine.randomNormal(b, product.k() * product.n(), 2, 0);
    }

    @Benchmark
    public Storage matmul() {
        engine.matmul(a, product.transA(), b, product.transB(), c, product.m(), product.k(), product.n());
        return c;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }
}
