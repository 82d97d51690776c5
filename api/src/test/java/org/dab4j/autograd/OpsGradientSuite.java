package org.dab4j.autograd;

import static org.dab4j.autograd.GradientCheck.awayFromZero;
import static org.dab4j.autograd.GradientCheck.check;
import static org.dab4j.autograd.GradientCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.stream.Stream;

import org.dab4j.nn.Init;
import org.dab4j.nn.Linear;
import org.dab4j.nn.Losses;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Tensor;
import org.dab4j.tensor.UnaryOp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Finite-difference checks of every differentiable operation and loss, on the backend a subclass creates;
 * {@link OpsGradientTest} runs them on the reference backend, and each backend module on its own engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OpsGradientSuite {
    private Backend b;

    /** A fresh backend under test; the suite closes it after its last test. */
    protected abstract Backend createBackend();

    @BeforeAll
    public void openBackend() {
        b = createBackend();
    }

    @AfterAll
    public void closeBackend() {
        b.close();
    }

    /** Pairs of shapes covering every broadcasting case: equal, trailing, leading, both sides, scalar. */
    public static Stream<Arguments> broadcastShapes() {
        return Stream.of(
                Arguments.of(new int[] {2, 3}, new int[] {2, 3}),
                Arguments.of(new int[] {2, 3}, new int[] {3}),
                Arguments.of(new int[] {3}, new int[] {2, 3}),
                Arguments.of(new int[] {2, 3}, new int[] {2, 1}),
                Arguments.of(new int[] {2, 1}, new int[] {1, 3}),
                Arguments.of(new int[] {2, 3, 4}, new int[] {3, 1}),
                Arguments.of(new int[] {1, 3, 1}, new int[] {2, 1, 4}),
                Arguments.of(new int[] {2, 3}, new int[] {}),
                Arguments.of(new int[] {}, new int[] {4}));
    }

    @ParameterizedTest
    @MethodSource("broadcastShapes")
    public void addBroadcasts(int[] aShape, int[] bShape) {
        check(b, "add", in -> in[0].add(in[1]), uniform(b, 1, -1, 1, aShape), uniform(b, 2, -1, 1, bShape));
    }

    @ParameterizedTest
    @MethodSource("broadcastShapes")
    public void subBroadcasts(int[] aShape, int[] bShape) {
        check(b, "sub", in -> in[0].sub(in[1]), uniform(b, 3, -1, 1, aShape), uniform(b, 4, -1, 1, bShape));
    }

    @ParameterizedTest
    @MethodSource("broadcastShapes")
    public void mulBroadcasts(int[] aShape, int[] bShape) {
        check(b, "mul", in -> in[0].mul(in[1]), uniform(b, 5, -1, 1, aShape), uniform(b, 6, -1, 1, bShape));
    }

    @ParameterizedTest
    @MethodSource("broadcastShapes")
    public void divBroadcasts(int[] aShape, int[] bShape) {
        check(b, "div", in -> in[0].div(in[1]), uniform(b, 7, -1, 1, aShape), awayFromZero(b, 8, 0.7f, 1.5f, bShape));
    }

    @Test
    public void sameTensorOnBothSides() {
        check(b, "x * x + x", in -> in[0].mul(in[0]).add(in[0]), uniform(b, 9, -1, 1, 3, 2));
    }

    @Test
    public void arithmeticWithConstants() {
        check(b, "add const", in -> in[0].add(2.5f), uniform(b, 10, -1, 1, 2, 3));
        check(b, "sub const", in -> in[0].sub(0.5f), uniform(b, 11, -1, 1, 2, 3));
        check(b, "mul const", in -> in[0].mul(-1.5f), uniform(b, 12, -1, 1, 2, 3));
        check(b, "div const", in -> in[0].div(4f), uniform(b, 13, -1, 1, 2, 3));
    }

    @Test
    public void pow() {
        check(b, "pow 2.5", in -> in[0].pow(2.5f), uniform(b, 14, 0.5f, 1.5f, 2, 3));
        check(b, "pow -1.5", in -> in[0].pow(-1.5f), uniform(b, 15, 0.5f, 1.5f, 2, 3));
        check(b, "pow 3", in -> in[0].pow(3f), uniform(b, 16, -1, 1, 2, 3));
        check(b, "pow 0", in -> in[0].pow(0f).add(in[0]), uniform(b, 17, -1, 1, 2, 3));
    }

    @Test
    public void elementwiseFunctions() {
        check(b, "neg", in -> in[0].neg(), uniform(b, 20, -1, 1, 2, 3));
        check(b, "exp", in -> in[0].exp(), uniform(b, 21, -1, 1, 2, 3));
        check(b, "log", in -> in[0].log(), uniform(b, 22, 0.5f, 2f, 2, 3));
        check(b, "tanh", in -> in[0].tanh(), uniform(b, 23, -2, 2, 2, 3));
        check(b, "sigmoid", in -> in[0].sigmoid(), uniform(b, 24, -3, 3, 2, 3));
        check(b, "relu", in -> in[0].relu(), awayFromZero(b, 25, 0.1f, 1f, 2, 3));
        check(b, "square", in -> in[0].square(), uniform(b, 26, -1, 1, 2, 3));
        check(b, "sqrt", in -> in[0].sqrt(), uniform(b, 27, 0.5f, 2f, 2, 3));
        check(b, "abs", in -> in[0].abs(), awayFromZero(b, 28, 0.1f, 1f, 2, 3));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    public void matmulInEveryTransposeCombination(int flags) {
        boolean transA = (flags & 1) != 0;
        boolean transB = (flags & 2) != 0;
        Tensor a = transA ? uniform(b, 30, -1, 1, 4, 3) : uniform(b, 30, -1, 1, 3, 4);
        Tensor c = transB ? uniform(b, 31, -1, 1, 5, 4) : uniform(b, 31, -1, 1, 4, 5);
        check(b, "matmul transA=" + transA + " transB=" + transB, in -> Tensor.matmul(in[0], transA, in[1], transB), a, c);
    }

    @Test
    public void fluentMatmul() {
        check(b, "matmul", in -> in[0].matmul(in[1]), uniform(b, 32, -1, 1, 1, 3), uniform(b, 33, -1, 1, 3, 2));
    }

    @Test
    public void sumAndMeanOfAll() {
        check(b, "sum", in -> in[0].sum(), uniform(b, 40, -1, 1, 2, 3, 4));
        check(b, "mean", in -> in[0].mean(), uniform(b, 41, -1, 1, 2, 3, 4));
        check(b, "sum of scalar", in -> in[0].sum(), uniform(b, 42, -1, 1));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, -1})
    public void sumMeanMaxAlongAxis(int axis) {
        check(b, "sum axis " + axis, in -> in[0].sum(axis), uniform(b, 43, -1, 1, 2, 3, 4));
        check(b, "mean axis " + axis, in -> in[0].mean(axis), uniform(b, 44, -1, 1, 2, 3, 4));
        check(b, "max axis " + axis, in -> in[0].max(axis), spread(45, 2, 3, 4));
    }

    @Test
    public void maxSendsTheGradientToTheFirstMaximumOnly() {
        Tensor x = Tensor.of(b, new float[] {1, 3, 3, 2}, 4).requiresGrad(true);
        x.max(0).backward();
        assertArrayEquals(new float[] {0, 1, 0, 0}, x.grad().toArray());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    public void softmaxAndLogSoftmax(int axis) {
        check(b, "softmax axis " + axis, in -> in[0].softmax(axis), uniform(b, 46, -2, 2, 2, 3, 4));
        check(b, "logSoftmax axis " + axis, in -> in[0].logSoftmax(axis), uniform(b, 47, -2, 2, 2, 3, 4));
    }

    @Test
    public void reshape() {
        check(b, "reshape", in -> in[0].reshape(3, -1).mul(in[1]), uniform(b, 50, -1, 1, 2, 3, 2),
                uniform(b, 51, -1, 1, 4));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    public void gatherWithRepeatedIndices(int axis) {
        int[] dims = {3, 4, 2};
        int[] indexDims = new int[2];
        for (int d = 0, j = 0; d < 3; d++) {
            if (d != axis) {
                indexDims[j++] = dims[d];
            }
        }
        float[] idx = new float[indexDims[0] * indexDims[1]];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = (i * 7 / 3) % dims[axis];
        }
        Tensor index = Tensor.of(b, idx, indexDims);
        check(b, "gather axis " + axis, in -> in[0].gather(axis, index).square(), uniform(b, 52, -1, 1, dims));
    }

    @Test
    public void where() {
        Tensor cond = Tensor.of(b, new float[] {1, 0, 0, 1, 1, 0}, 2, 3);
        check(b, "where", in -> Tensor.where(cond, in[0], in[1]).mul(in[0]),
                uniform(b, 53, -1, 1, 2, 3), uniform(b, 54, -1, 1, 2, 3));
    }

    @Test
    public void crossEntropyAlongAxisOne() {
        Tensor targets = Tensor.of(b, new float[] {0, 4, 2, 2}, 4);
        check(b, "crossEntropy axis 1", in -> Losses.crossEntropy(in[0], targets, 1), uniform(b, 60, -2, 2, 4, 5));
    }

    @Test
    public void crossEntropyAlongAMiddleAxis() {
        Tensor targets = Tensor.of(b, new float[] {0, 3, 1, 2, 2, 0}, 2, 3);
        check(b, "crossEntropy middle axis", in -> Losses.crossEntropy(in[0], targets, 1),
                uniform(b, 61, -2, 2, 2, 4, 3));
        check(b, "crossEntropy last axis", in -> Losses.crossEntropy(in[0], targets, -1),
                uniform(b, 62, -2, 2, 2, 3, 4));
    }

    @Test
    public void mse() {
        check(b, "mse", in -> Losses.mse(in[0], in[1]), uniform(b, 63, -1, 1, 3, 2), uniform(b, 64, -1, 1, 3, 2));
    }

    @Test
    public void bceWithLogits() {
        check(b, "bceWithLogits", in -> Losses.bceWithLogits(in[0], in[1]), uniform(b, 65, -4, 4, 3, 4),
                uniform(b, 66, 0, 1, 3, 4));
    }

    @Test
    public void fusedLinearWithEveryActivation() {
        for (UnaryOp activation : new UnaryOp[] {null, UnaryOp.TANH, UnaryOp.SIGMOID, UnaryOp.RELU}) {
            check(b, "linear " + activation, in -> Ops.linear(in[0], in[1], in[2], activation),
                    uniform(b, 70, -1, 1, 2, 3, 4), awayFromZero(b, 71, 0.2f, 1f, 4, 5), uniform(b, 72, -0.1f, 0.1f, 5));
        }
        check(b, "linear without bias", in -> Ops.linear(in[0], in[1], null, UnaryOp.TANH),
                uniform(b, 73, -1, 1, 4), uniform(b, 74, -1, 1, 4, 2));
    }

    @Test
    public void linearModule() {
        Linear layer = new Linear(b, 3, 2, Init.XAVIER_UNIFORM, 7L, UnaryOp.TANH);
        check(b, "Linear module", in -> layer.forward(in[0]), uniform(b, 75, -1, 1, 4, 3), layer.weight(), layer.bias());
    }

    @Test
    public void customFunction() {
        check(b, "custom square", in -> CustomFunction.apply("square", in, x -> x[0].mul(x[0]),
                g -> new Tensor[] {g.mul(in[0]).mul(2f)}), uniform(b, 80, -1, 1, 3));
    }

    /** Values 0.1 apart in a scrambled order, so every maximum is unique and far from ties. */
    private Tensor spread(long seed, int... dims) {
        Tensor shuffled = uniform(b, seed, 0, 1, dims);
        float[] keys = shuffled.toArray();
        Integer[] order = new Integer[keys.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Float.compare(keys[p], keys[q]));
        float[] values = new float[keys.length];
        for (int rank = 0; rank < order.length; rank++) {
            values[order[rank]] = rank * 0.1f - 1f;
        }
        return Tensor.of(b, values, dims);
    }
}
