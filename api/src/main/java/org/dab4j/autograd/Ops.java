package org.dab4j.autograd;

import java.util.Arrays;
import java.util.Locale;

import org.dab4j.tensor.Backend;
import org.dab4j.tensor.BinaryOp;
import org.dab4j.tensor.ReduceOp;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Tensor;
import org.dab4j.tensor.UnaryOp;
import org.dab4j.tensor.Window2d;

/**
 * The built-in differentiable operations, each forward computation followed by its gradient rule (its
 * vector-Jacobian product). {@link Tensor}'s fluent methods delegate here.
 *
 * <p>Every operation writes a fresh output tensor (in the open {@link org.dab4j.tensor.TensorScope}) and
 * records a {@link Node} when grad mode is on and an input requires grad. A rule receives {@code g}, the
 * gradient of the loss with respect to the output, and returns one gradient per input, each of that
 * input's shape (broadcast inputs get {@code g} summed back over the broadcast axes), or null where the
 * input needs none. Rules run under no-grad, so the operations they use record nothing.
 */
public final class Ops {
    private Ops() {
    }

    /**
     * Records {@code backward} as the rule that produced {@code out} from {@code inputs}, if grad mode is on
     * and some input requires grad; answers {@code out}.
     */
    static Tensor record(String op, Tensor out, CustomFunction.Backward backward, Tensor... inputs) {
        if (!Autograd.isGradEnabled()) {
            return out;
        }
        Tensor[] needing = new Tensor[inputs.length];
        boolean any = false;
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].requiresGrad()) {
                needing[i] = inputs[i];
                any = true;
            }
        }
        if (any) {
            out.setGradFn(new Node(op, needing, backward));
        }
        return out;
    }

    // ================================================================ broadcasting arithmetic

    public static Tensor add(Tensor a, Tensor b) {
        Tensor out = binary("add", BinaryOp.ADD, a, b);
        return record("add", out, g -> new Tensor[] {sumTo(g, a.shape()), sumTo(g, b.shape())}, a, b);
    }

    public static Tensor sub(Tensor a, Tensor b) {
        Tensor out = binary("sub", BinaryOp.SUB, a, b);
        return record("sub", out, g -> new Tensor[] {
                sumTo(g, a.shape()),
                b.requiresGrad() ? sumTo(neg(g), b.shape()) : null}, a, b);
    }

    public static Tensor mul(Tensor a, Tensor b) {
        Tensor out = binary("mul", BinaryOp.MUL, a, b);
        return record("mul", out, g -> new Tensor[] {
                a.requiresGrad() ? sumTo(mul(g, b), a.shape()) : null,
                b.requiresGrad() ? sumTo(mul(g, a), b.shape()) : null}, a, b);
    }

    /** d(a/b)/da = 1/b, d(a/b)/db = -a/b^2 = -out/b. */
    public static Tensor div(Tensor a, Tensor b) {
        Tensor out = binary("div", BinaryOp.DIV, a, b);
        return record("div", out, g -> new Tensor[] {
                a.requiresGrad() ? sumTo(div(g, b), a.shape()) : null,
                b.requiresGrad() ? sumTo(neg(mul(g, div(out, b))), b.shape()) : null}, a, b);
    }

    // ================================================================ arithmetic with a constant

    public static Tensor add(Tensor x, float value) {
        Tensor out = scalar(BinaryOp.ADD, x, value);
        return record("add", out, g -> new Tensor[] {g}, x);
    }

    public static Tensor sub(Tensor x, float value) {
        Tensor out = scalar(BinaryOp.SUB, x, value);
        return record("sub", out, g -> new Tensor[] {g}, x);
    }

    public static Tensor mul(Tensor x, float value) {
        Tensor out = scalar(BinaryOp.MUL, x, value);
        return record("mul", out, g -> new Tensor[] {mul(g, value)}, x);
    }

    public static Tensor div(Tensor x, float value) {
        Tensor out = scalar(BinaryOp.DIV, x, value);
        return record("div", out, g -> new Tensor[] {div(g, value)}, x);
    }

    /** d(x^p)/dx = p x^(p-1), and exactly 0 for p = 0 (where x^-1 would turn 0 * inf into NaN at x = 0). */
    public static Tensor pow(Tensor x, float exponent) {
        Tensor out = scalar(BinaryOp.POW, x, exponent);
        return record("pow", out, g -> new Tensor[] {exponent == 0f
                ? Tensor.zeros(x.backend(), x.shape())
                : mul(g, mul(pow(x, exponent - 1f), exponent))}, x);
    }

    // ================================================================ elementwise functions

    public static Tensor neg(Tensor x) {
        Tensor out = unary(UnaryOp.NEG, x);
        return record("neg", out, g -> new Tensor[] {neg(g)}, x);
    }

    public static Tensor exp(Tensor x) {
        Tensor out = unary(UnaryOp.EXP, x);
        return record("exp", out, g -> new Tensor[] {mul(g, out)}, x);
    }

    public static Tensor log(Tensor x) {
        Tensor out = unary(UnaryOp.LOG, x);
        return record("log", out, g -> new Tensor[] {div(g, x)}, x);
    }

    /** d tanh = 1 - tanh^2, from the saved output. */
    public static Tensor tanh(Tensor x) {
        Tensor out = unary(UnaryOp.TANH, x);
        return record("tanh", out, g -> new Tensor[] {activationGrad(UnaryOp.TANH, g, out)}, x);
    }

    /** d sigmoid = s (1 - s), from the saved output. */
    public static Tensor sigmoid(Tensor x) {
        Tensor out = unary(UnaryOp.SIGMOID, x);
        return record("sigmoid", out, g -> new Tensor[] {activationGrad(UnaryOp.SIGMOID, g, out)}, x);
    }

    /** The gradient passes where the output is positive (0 at x = 0, as in PyTorch). */
    public static Tensor relu(Tensor x) {
        Tensor out = unary(UnaryOp.RELU, x);
        return record("relu", out, g -> new Tensor[] {activationGrad(UnaryOp.RELU, g, out)}, x);
    }

    public static Tensor square(Tensor x) {
        Tensor out = unary(UnaryOp.SQUARE, x);
        return record("square", out, g -> new Tensor[] {mul(g, mul(x, 2f))}, x);
    }

    /** d sqrt(x) = 1 / (2 sqrt(x)), from the saved output. */
    public static Tensor sqrt(Tensor x) {
        Tensor out = unary(UnaryOp.SQRT, x);
        return record("sqrt", out, g -> new Tensor[] {div(g, mul(out, 2f))}, x);
    }

    /** d|x| = sign(x), so 0 at x = 0. */
    public static Tensor abs(Tensor x) {
        Tensor out = unary(UnaryOp.ABS, x);
        return record("abs", out, g -> new Tensor[] {mul(g, sign(x))}, x);
    }

    // ================================================================ linear algebra

    /**
     * {@code op(a) x op(b)} for rank-2 tensors, where {@code op} transposes when its flag is set. With
     * {@code C = op(A) op(B)}: {@code d op(A) = dC op(B)^T} and {@code d op(B) = op(A)^T dC}; each is computed
     * straight into the stored layout of A and B with the backend's transpose flags.
     */
    public static Tensor matmul(Tensor a, boolean transA, Tensor b, boolean transB) {
        String shapes = "matmul: " + a.shape() + (transA ? "^T" : "") + " x " + b.shape() + (transB ? "^T" : "");
        if (a.shape().rank() != 2 || b.shape().rank() != 2) {
            throw new IllegalArgumentException(shapes + ": both operands must have rank 2");
        }
        Backend backend = sameBackend("matmul", a, b);
        int m = a.shape().dim(transA ? 1 : 0);
        int k = a.shape().dim(transA ? 0 : 1);
        int kb = b.shape().dim(transB ? 1 : 0);
        int n = b.shape().dim(transB ? 0 : 1);
        if (k != kb) {
            throw new IllegalArgumentException(shapes + ": inner dimensions " + k + " and " + kb + " differ");
        }
        Tensor out = output(backend, Shape.of(m, n));
        backend.matmul(a.storage(), transA, b.storage(), transB, out.storage(), m, k, n);
        return record("matmul", out, g -> new Tensor[] {
                Autograd.needsGradient(a) ? (transA ? matmul(b, transB, g, true) : matmul(g, false, b, !transB)) : null,
                Autograd.needsGradient(b) ? (transB ? matmul(g, true, a, transA) : matmul(a, !transA, g, false)) : null},
                a, b);
    }

    /**
     * The fused dense layer {@code activation(x W + bias)} through {@link Backend#biasActivation}: {@code x}
     * is {@code [..., in]}, {@code weight} {@code [in, out]}, {@code bias} {@code [out]} or null, and the
     * result {@code [..., out]}. The activation is null (identity), TANH, SIGMOID or RELU, whose derivatives
     * follow from the saved output.
     */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias, UnaryOp activation) {
        requireFusableActivation("linear", activation);
        Backend backend = sameBackend("linear", x, weight);
        if (weight.shape().rank() != 2 || x.shape().rank() < 1) {
            throw new IllegalArgumentException("linear: input " + x.shape() + " x weight " + weight.shape()
                    + ": the weight must have rank 2 and the input rank 1 or more");
        }
        int in = weight.shape().dim(0);
        int outDim = weight.shape().dim(1);
        if (x.shape().dim(-1) != in) {
            throw new IllegalArgumentException("linear: input " + x.shape() + " x weight " + weight.shape()
                    + ": the input's last dimension " + x.shape().dim(-1) + " differs from " + in);
        }
        if (bias != null && !bias.shape().equals(Shape.of(outDim))) {
            throw new IllegalArgumentException("linear: bias " + bias.shape() + " does not fit weight "
                    + weight.shape() + " (expected [" + outDim + "])");
        }
        int rows = x.shape().outer(-1);
        Tensor out = output(backend, x.shape().withDim(-1, outDim));
        backend.matmul(x.storage(), false, weight.storage(), false, out.storage(), rows, in, outDim);
        if (bias != null) {
            sameBackend("linear", x, bias);
            backend.biasActivation(out.storage(), bias.storage(), out.storage(), rows, outDim, activation);
        } else if (activation != null) {
            backend.unary(activation, out.storage(), out.storage(), out.size());
        }
        Tensor[] inputs = bias != null ? new Tensor[] {x, weight, bias} : new Tensor[] {x, weight};
        return record("linear", out, g -> {
            Tensor dz = activationGrad(activation, g, out).reshapeView(Shape.of(rows, outDim));
            Tensor[] grads = new Tensor[inputs.length];
            if (Autograd.needsGradient(x)) {
                grads[0] = matmul(dz, false, weight, true).reshapeView(x.shape());
            }
            if (Autograd.needsGradient(weight)) {
                grads[1] = matmul(x.reshapeView(Shape.of(rows, in)), true, dz, false);
            }
            if (bias != null && Autograd.needsGradient(bias)) {
                grads[2] = sum(dz, 0);
            }
            return grads;
        }, inputs);
    }

    // ================================================================ convolution and pooling

    /**
     * A 2-D convolution (cross-correlation, as in PyTorch) through {@link Backend#conv2d}: {@code x} is
     * {@code [batch, channels, height, width]}, {@code weight} {@code [outChannels, channels, kernelHeight,
     * kernelWidth]}, {@code bias} {@code [outChannels]} or null, and the result {@code [batch, outChannels,
     * outHeight, outWidth]} with zero padding. The rules are the backend's two backward convolutions, and for the
     * bias the gradient summed over the batch and all positions.
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int stride, int padding) {
        Backend backend = sameBackend("conv2d", x, weight);
        Shape ws = weight.shape();
        if (x.shape().rank() != 4 || ws.rank() != 4) {
            throw new IllegalArgumentException("conv2d: input " + x.shape() + " and weight " + ws
                    + " must be [batch, channels, height, width] and [out, channels, kernelHeight, kernelWidth]");
        }
        if (x.shape().dim(1) != ws.dim(1)) {
            throw new IllegalArgumentException("conv2d: input " + x.shape() + " has " + x.shape().dim(1)
                    + " channels but weight " + ws + " expects " + ws.dim(1));
        }
        int outChannels = ws.dim(0);
        if (bias != null) {
            sameBackend("conv2d", x, bias);
            if (!bias.shape().equals(Shape.of(outChannels))) {
                throw new IllegalArgumentException("conv2d: bias " + bias.shape() + " does not fit weight " + ws
                        + " (expected [" + outChannels + "])");
            }
        }
        Shape in = x.shape();
        Window2d window = new Window2d(in.dim(0), in.dim(1), in.dim(2), in.dim(3), ws.dim(2), ws.dim(3), stride,
                padding);
        Shape outShape = window.outputShape(outChannels);
        Tensor out = Tensor.zeros(backend, outShape);
        backend.conv2d(x.storage(), weight.storage(), bias == null ? null : bias.storage(), window, outChannels,
                out.storage());
        Tensor[] inputs = bias != null ? new Tensor[] {x, weight, bias} : new Tensor[] {x, weight};
        return record("conv2d", out, g -> {
            Tensor[] grads = new Tensor[inputs.length];
            if (x.requiresGrad()) {
                grads[0] = Tensor.zeros(backend, in);
                backend.conv2dBackwardInput(g.storage(), weight.storage(), window, outChannels, grads[0].storage());
            }
            if (weight.requiresGrad()) {
                grads[1] = Tensor.zeros(backend, ws);
                backend.conv2dBackwardWeight(x.storage(), g.storage(), window, outChannels, grads[1].storage());
            }
            if (bias != null && bias.requiresGrad()) {
                Tensor perImage = g.reshapeView(Shape.of(window.batch(), outChannels, window.positions()));
                grads[2] = reduce(ReduceOp.SUM, reduce(ReduceOp.SUM, perImage, 2), 0);
            }
            return grads;
        }, inputs);
    }

    /**
     * Max pooling of each channel plane of {@code x} ({@code [batch, channels, height, width]}) through
     * {@link Backend#maxPool2d}, with -infinity in the padding (at most half the kernel, so no window is all
     * padding). The rule sends each gradient element to its window's first maximum.
     */
    public static Tensor maxPool2d(Tensor x, int kernel, int stride, int padding) {
        if (x.shape().rank() != 4) {
            throw new IllegalArgumentException("maxPool2d: input " + x.shape() + " must be [batch, channels, height, width]");
        }
        if (2 * padding > kernel) {
            throw new IllegalArgumentException("maxPool2d: padding " + padding + " must be at most half the kernel "
                    + kernel + ", or a window could hold nothing but padding");
        }
        Backend backend = x.backend();
        Window2d window = Window2d.of(x.shape(), kernel, stride, padding);
        Shape outShape = window.outputShape(window.channels());
        Tensor out = Tensor.zeros(backend, outShape);
        Tensor argmax = Tensor.zeros(backend, outShape);
        backend.maxPool2d(x.storage(), window, out.storage(), argmax.storage());
        return record("maxPool2d", out, g -> {
            Tensor grad = Tensor.zeros(backend, x.shape());
            backend.maxPool2dBackward(g.storage(), argmax.storage(), window, grad.storage());
            return new Tensor[] {grad};
        }, x);
    }

    /**
     * {@code x} of shape {@code [..., rows, cols]} transposed in its last two axes to {@code [..., cols, rows]},
     * e.g. NCHW images viewed {@code [batch, channels, height * width]} to channels-last. It runs as an
     * {@link Backend#im2col} with a {@code 1 x cols} window over each {@code rows x cols} matrix, whose patches
     * are exactly the transpose; the rule transposes the gradient back.
     */
    public static Tensor swapLastAxes(Tensor x) {
        Shape s = x.shape();
        if (s.rank() < 2) {
            throw new IllegalArgumentException("swapLastAxes: shape " + s + " needs rank 2 or more");
        }
        int rows = s.dim(-2);
        int cols = s.dim(-1);
        Shape swapped = s.withDim(-2, cols).withDim(-1, rows);
        Tensor out = Tensor.zeros(x.backend(), swapped);
        if (x.size() > 0) {
            Window2d window = new Window2d(s.outer(-2), 1, rows, cols, 1, cols, 1, 0);
            x.backend().im2col(x.storage(), window, 0f, out.storage());
        }
        return record("swapLastAxes", out, g -> new Tensor[] {swapLastAxes(g)}, x);
    }

    // ================================================================ reductions

    public static Tensor sum(Tensor x) {
        Tensor out = reduce(ReduceOp.SUM, x.reshapeView(Shape.of(x.size())), 0);
        return record("sum", out, g -> new Tensor[] {expand(g, x.shape())}, x);
    }

    public static Tensor mean(Tensor x) {
        int n = x.size();
        Tensor out = scalar(BinaryOp.DIV, reduce(ReduceOp.SUM, x.reshapeView(Shape.of(n)), 0), n);
        return record("mean", out, g -> new Tensor[] {expand(div(g, n), x.shape())}, x);
    }

    public static Tensor sum(Tensor x, int axis) {
        int a = x.shape().normalizeAxis(axis);
        Tensor out = reduce(ReduceOp.SUM, x, a);
        return record("sum", out, g -> new Tensor[] {expandAlong(g, x.shape(), a)}, x);
    }

    public static Tensor mean(Tensor x, int axis) {
        int a = x.shape().normalizeAxis(axis);
        int n = x.shape().dim(a);
        Tensor out = scalar(BinaryOp.DIV, reduce(ReduceOp.SUM, x, a), n);
        return record("mean", out, g -> new Tensor[] {expandAlong(div(g, n), x.shape(), a)}, x);
    }

    /** The rule scatters the gradient to the first maximum of each row (the argmax). */
    public static Tensor max(Tensor x, int axis) {
        int a = x.shape().normalizeAxis(axis);
        Tensor out = reduce(ReduceOp.MAX, x, a);
        return record("max", out, g -> new Tensor[] {scatter(g, x.shape(), a, argmax(x, a))}, x);
    }

    /** Never records: indices have no gradient. */
    public static Tensor argmax(Tensor x, int axis) {
        int a = x.shape().normalizeAxis(axis);
        Shape s = x.shape();
        Tensor out = output(x.backend(), s.without(a));
        x.backend().argmax(x.storage(), s.outer(a), s.dim(a), s.inner(a), out.storage());
        return out;
    }

    /** {@code y = softmax(x)} along the axis; {@code dx = y (g - sum(g y))} with the sum along the axis. */
    public static Tensor softmax(Tensor x, int axis) {
        int a = x.shape().normalizeAxis(axis);
        Tensor shifted = binary("softmax", BinaryOp.SUB, x, keepDim(reduce(ReduceOp.MAX, x, a), x.shape(), a));
        Tensor e = unary(UnaryOp.EXP, shifted);
        Tensor out = binary("softmax", BinaryOp.DIV, e, keepDim(reduce(ReduceOp.SUM, e, a), x.shape(), a));
        return record("softmax", out, g -> new Tensor[] {
                mul(out, sub(g, keepDim(sum(mul(g, out), a), x.shape(), a)))}, x);
    }

    /** {@code y = x - logsumexp(x)} along the axis; {@code dx = g - softmax(x) sum(g)}. */
    public static Tensor logSoftmax(Tensor x, int axis) {
        int a = x.shape().normalizeAxis(axis);
        Tensor shifted = binary("logSoftmax", BinaryOp.SUB, x, keepDim(reduce(ReduceOp.MAX, x, a), x.shape(), a));
        Tensor logSum = unary(UnaryOp.LOG, reduce(ReduceOp.SUM, unary(UnaryOp.EXP, shifted), a));
        Tensor out = binary("logSoftmax", BinaryOp.SUB, shifted, keepDim(logSum, x.shape(), a));
        return record("logSoftmax", out, g -> new Tensor[] {
                sub(g, mul(exp(out), keepDim(sum(g, a), x.shape(), a)))}, x);
    }

    // ================================================================ shape and indexing

    /** A view; one dimension may be -1 and is then inferred. The rule reshapes the gradient back. */
    public static Tensor reshape(Tensor x, int... dims) {
        Shape target = resolveReshape(x.shape(), dims);
        Tensor out = x.reshapeView(target);
        return record("reshape", out, g -> new Tensor[] {g.reshapeView(x.shape())}, x);
    }

    /**
     * Picks {@code x[..., index[...], ...]} along {@code axis}; {@code index} has {@code x}'s shape without
     * the axis. The rule scatter-adds the gradient to the picked positions (repeated picks add up).
     */
    public static Tensor gather(Tensor x, int axis, Tensor index) {
        int a = x.shape().normalizeAxis(axis);
        Shape s = x.shape();
        if (!index.shape().equals(s.without(a))) {
            throw new IllegalArgumentException("gather: index of shape " + index.shape() + " does not fit "
                    + s + " along axis " + axis + " (expected " + s.without(a) + ")");
        }
        Backend backend = sameBackend("gather", x, index);
        Tensor out = output(backend, index.shape());
        backend.gather(x.storage(), s.outer(a), s.dim(a), s.inner(a), index.storage(), out.storage());
        return record("gather", out, g -> new Tensor[] {scatter(g, s, a, index)}, x);
    }

    /** {@code cond != 0 ? a : b} over one shape; the gradient goes to a where the condition holds, else to b. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        if (!cond.shape().equals(a.shape()) || !a.shape().equals(b.shape())) {
            throw new IllegalArgumentException("where: condition " + cond.shape() + ", a " + a.shape()
                    + " and b " + b.shape() + " must have one shape");
        }
        Backend backend = sameBackend("where", a, b);
        sameBackend("where", cond, a);
        Tensor out = output(backend, a.shape());
        backend.where(cond.storage(), a.storage(), b.storage(), out.storage(), a.size());
        return record("where", out, g -> {
            Tensor zero = Tensor.zeros(backend, g.shape());
            return new Tensor[] {
                    a.requiresGrad() ? where(cond, g, zero) : null,
                    b.requiresGrad() ? where(cond, zero, g) : null};
        }, a, b);
    }

    // ================================================================ losses

    /**
     * Unreduced softmax cross-entropy along {@code axis}: the result has the logits' shape without the axis,
     * and {@code targets} that shape too, holding class indices as floats. Forward through
     * {@link Backend#softmaxCrossEntropy}; the rule is {@code (softmax - onehot(target)) * g}, with the
     * one-hot part applied by scatter-adding {@code -g}.
     */
    public static Tensor softmaxCrossEntropy(Tensor logits, Tensor targets, int axis) {
        int a = logits.shape().normalizeAxis(axis);
        Shape s = logits.shape();
        if (!targets.shape().equals(s.without(a))) {
            throw new IllegalArgumentException("crossEntropy: targets of shape " + targets.shape()
                    + " do not fit logits " + s + " with classes along axis " + axis + " (expected " + s.without(a) + ")");
        }
        Backend backend = sameBackend("crossEntropy", logits, targets);
        int outer = s.outer(a);
        int classes = s.dim(a);
        int inner = s.inner(a);
        Tensor loss = output(backend, targets.shape());
        Tensor probs = output(backend, s);
        backend.softmaxCrossEntropy(logits.storage(), outer, classes, inner, targets.storage(), loss.storage(),
                probs.storage());
        return record("crossEntropy", loss, g -> {
            Tensor grad = mul(probs, keepDim(g, s, a));
            backend.scatterAdd(neg(g).storage(), targets.storage(), outer, classes, inner, grad.storage());
            return new Tensor[] {grad};
        }, logits);
    }

    /**
     * Unreduced binary cross-entropy of {@code sigmoid(logits)} against {@code targets} (same shape), in the
     * stable form {@code max(x, 0) - x t + log(1 + exp(-|x|))}; the rules are {@code (sigmoid(x) - t) g} for
     * the logits and {@code -x g} for the targets.
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor targets) {
        if (!logits.shape().equals(targets.shape())) {
            throw new IllegalArgumentException("bceWithLogits: logits " + logits.shape() + " and targets "
                    + targets.shape() + " must have one shape");
        }
        sameBackend("bceWithLogits", logits, targets);
        Tensor softplus = unary(UnaryOp.LOG, scalar(BinaryOp.ADD, unary(UnaryOp.EXP, unary(UnaryOp.NEG,
                unary(UnaryOp.ABS, logits))), 1f));
        Tensor out = binary("bceWithLogits", BinaryOp.ADD, binary("bceWithLogits", BinaryOp.SUB,
                unary(UnaryOp.RELU, logits), binary("bceWithLogits", BinaryOp.MUL, logits, targets)), softplus);
        return record("bceWithLogits", out, g -> new Tensor[] {
                logits.requiresGrad() ? mul(g, sub(sigmoid(logits), targets)) : null,
                targets.requiresGrad() ? neg(mul(g, logits)) : null}, logits, targets);
    }

    // ================================================================ without gradient

    public static Tensor sign(Tensor x) {
        return unary(UnaryOp.SIGN, x);
    }

    public static Tensor round(Tensor x) {
        return unary(UnaryOp.ROUND, x);
    }

    /** Sorts each row of the last axis ascending. */
    public static Tensor sort(Tensor x) {
        requireRankAtLeastOne("sort", x);
        Tensor out = output(x.backend(), x.shape());
        x.backend().sort(x.storage(), x.shape().outer(-1), x.shape().dim(-1), out.storage());
        return out;
    }

    /** The stable ascending order of each row of the last axis, as float indices. */
    public static Tensor argsort(Tensor x) {
        requireRankAtLeastOne("argsort", x);
        Tensor out = output(x.backend(), x.shape());
        x.backend().argsort(x.storage(), x.shape().outer(-1), x.shape().dim(-1), out.storage());
        return out;
    }

    /** A broadcasting comparison (GT, GE, LT, LE, EQ) as 0/1. */
    public static Tensor compare(BinaryOp op, Tensor a, Tensor b) {
        requireComparison(op);
        return binary(op.name().toLowerCase(Locale.ROOT), op, a, b);
    }

    /** A comparison with a constant (GT, GE, LT, LE, EQ) as 0/1. */
    public static Tensor compare(BinaryOp op, Tensor a, float value) {
        requireComparison(op);
        return scalar(op, a, value);
    }

    // ================================================================ helpers: raw kernels into fresh outputs

    /**
     * A fresh tensor for a kernel that writes every element of it, so its memory needs no zero-filling first
     * (see {@link Backend#allocateUninitialized}); zero-filled buffers come from {@link Tensor#zeros}.
     */
    private static Tensor output(Backend backend, Shape shape) {
        return Tensor.wrap(backend, shape, backend.allocateUninitialized(shape.size()));
    }

    private static Tensor unary(UnaryOp op, Tensor x) {
        Tensor out = output(x.backend(), x.shape());
        x.backend().unary(op, x.storage(), out.storage(), x.size());
        return out;
    }

    private static Tensor binary(String name, BinaryOp op, Tensor a, Tensor b) {
        Backend backend = sameBackend(name, a, b);
        Shape shape;
        try {
            shape = Shape.broadcast(a.shape(), b.shape());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
        Tensor out = output(backend, shape);
        backend.binary(op, a.storage(), a.shape(), b.storage(), b.shape(), out.storage());
        return out;
    }

    private static Tensor scalar(BinaryOp op, Tensor x, float value) {
        Tensor out = output(x.backend(), x.shape());
        x.backend().binaryScalar(op, x.storage(), value, out.storage(), x.size());
        return out;
    }

    /** Reduces axis {@code a} (already normalized) away. */
    private static Tensor reduce(ReduceOp op, Tensor x, int a) {
        Shape s = x.shape();
        Tensor out = output(x.backend(), s.without(a));
        x.backend().reduce(op, x.storage(), s.outer(a), s.dim(a), s.inner(a), out.storage());
        return out;
    }

    /** {@code g}, which has {@code shape} without axis {@code a}, viewed with that axis kept as size 1. */
    private static Tensor keepDim(Tensor g, Shape shape, int a) {
        return g.reshapeView(shape.withDim(a, 1));
    }

    /** {@code g} broadcast to {@code shape}. */
    private static Tensor expand(Tensor g, Shape shape) {
        Tensor out = Tensor.zeros(g.backend(), shape);
        g.backend().binary(BinaryOp.ADD, out.storage(), shape, g.storage(), g.shape(), out.storage());
        return out;
    }

    /** {@code g}, which has {@code shape} without axis {@code a}, repeated along that axis. */
    private static Tensor expandAlong(Tensor g, Shape shape, int a) {
        return expand(keepDim(g, shape, a), shape);
    }

    /** Zeros of {@code shape} with {@code g} scatter-added at {@code index} along axis {@code a}. */
    private static Tensor scatter(Tensor g, Shape shape, int a, Tensor index) {
        Tensor out = Tensor.zeros(g.backend(), shape);
        g.backend().scatterAdd(g.storage(), index.storage(), shape.outer(a), shape.dim(a), shape.inner(a),
                out.storage());
        return out;
    }

    /** Sums {@code g} (of a broadcast shape) back to {@code target}, the shape of a broadcast input. */
    static Tensor sumTo(Tensor g, Shape target) {
        if (g.shape().equals(target)) {
            return g;
        }
        int[] dims = g.shape().toArray();
        int lead = dims.length - target.rank();
        Tensor r = g;
        if (lead > 0) {
            int[] folded = new int[target.rank() + 1];
            folded[0] = 1;
            for (int i = 0; i < lead; i++) {
                folded[0] *= dims[i];
            }
            System.arraycopy(dims, lead, folded, 1, target.rank());
            r = reduce(ReduceOp.SUM, g.reshapeView(Shape.of(folded)), 0);
        }
        for (int i = 0; i < target.rank(); i++) {
            if (target.dim(i) == 1 && r.shape().dim(i) != 1) {
                r = keepDim(reduce(ReduceOp.SUM, r, i), r.shape(), i);
            }
        }
        return r;
    }

    /**
     * The derivative of a fused activation, from its output {@code y}, as one {@link Backend#activationGradient}
     * kernel; null is the identity.
     */
    private static Tensor activationGrad(UnaryOp activation, Tensor g, Tensor y) {
        if (activation == null) {
            return g;
        }
        Tensor out = output(g.backend(), g.shape());
        g.backend().activationGradient(activation, y.storage(), g.storage(), out.storage(), g.size());
        return out;
    }

    /** Fails unless {@code activation} is one {@link #linear} can fuse: null (identity), TANH, SIGMOID or RELU. */
    public static void requireFusableActivation(String op, UnaryOp activation) {
        if (activation != null && activation != UnaryOp.TANH && activation != UnaryOp.SIGMOID
                && activation != UnaryOp.RELU) {
            throw new IllegalArgumentException(op + ": activation " + activation
                    + " cannot be fused (use null, TANH, SIGMOID or RELU)");
        }
    }

    private static Shape resolveReshape(Shape from, int[] dims) {
        int[] d = dims.clone();
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < d.length; i++) {
            if (d[i] == -1 && inferred < 0) {
                inferred = i;
            } else if (d[i] < 0) {
                throw new IllegalArgumentException("reshape: cannot reshape " + from + " to "
                        + Arrays.toString(dims) + ": only one dimension may be -1 and none other negative");
            } else {
                known *= d[i];
            }
        }
        if (inferred >= 0) {
            if (known == 0 || from.size() % known != 0) {
                throw new IllegalArgumentException("reshape: cannot reshape " + from + " to "
                        + Arrays.toString(dims) + ": the -1 dimension cannot be inferred");
            }
            d[inferred] = (int) (from.size() / known);
        }
        Shape to = Shape.of(d);
        if (to.size() != from.size()) {
            throw new IllegalArgumentException("reshape: cannot reshape " + from + " to " + to + ": sizes differ");
        }
        return to;
    }

    private static Backend sameBackend(String op, Tensor a, Tensor b) {
        if (a.backend() != b.backend()) {
            throw new IllegalArgumentException(op + ": operands live on different backends ("
                    + a.backend().name() + " and " + b.backend().name() + ")");
        }
        return a.backend();
    }

    private static void requireRankAtLeastOne(String op, Tensor x) {
        if (x.shape().rank() == 0) {
            throw new IllegalArgumentException(op + " works along the last axis and needs rank 1 or more, got a scalar");
        }
    }

    private static void requireComparison(BinaryOp op) {
        switch (op) {
            case GT, GE, LT, LE, EQ -> {
            }
            default -> throw new IllegalArgumentException(op + " is not a comparison");
        }
    }
}
