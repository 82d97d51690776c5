package org.dab4j.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Tensor;
import org.dab4j.tensor.TensorScope;

/**
 * Compares the gradients autograd computes with central finite differences.
 *
 * <p>A function with a tensor output is reduced to the scalar {@code L = sum(f(x) * R)} with fixed random
 * weights {@code R}, so one backward pass checks the whole vector-Jacobian product. For every element of
 * every input, {@code (L(x + eps) - L(x - eps)) / (2 eps)} is computed in double from the float outputs
 * and must agree with autograd within {@code atol + rtol * |autograd|}. Inputs are perturbed in place, so
 * closures that use the same tensors (a module's parameters) see the perturbation; keep inputs at least
 * {@code 2 eps} away from kinks (0 for relu and abs, ties for max).
 */
public final class GradientCheck {
    /** The perturbation: large enough that float rounding in the outputs stays far below the tolerance. */
    public static final double EPS = 1e-2;
    public static final double ABSOLUTE_TOLERANCE = 5e-3;
    public static final double RELATIVE_TOLERANCE = 1e-2;

    private static final int MAX_REPORTED = 8;

    private GradientCheck() {
    }

    /** As {@link #check(Backend, String, Function, Tensor...)} for an unnamed function. */
    public static void check(Backend backend, Function<Tensor[], Tensor> f, Tensor... inputs) {
        check(backend, "f", f, inputs);
    }

    /** Checks {@code f} against finite differences at {@code inputs} with the default eps and tolerances. */
    public static void check(Backend backend, String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
        check(backend, name, EPS, ABSOLUTE_TOLERANCE, RELATIVE_TOLERANCE, f, inputs);
    }

    /**
     * Checks {@code f} against finite differences at {@code inputs} (leaves; they are marked as requiring
     * grad and their gradients are reset).
     *
     * @throws AssertionError naming the function, the input, the element and both values for every
     *                        element that disagrees (the first few of them)
     */
    public static void check(Backend backend, String name, double eps, double atol, double rtol,
                             Function<Tensor[], Tensor> f, Tensor... inputs) {
        for (Tensor input : inputs) {
            if (input.gradFn() != null) {
                throw new IllegalArgumentException(name + ": gradient check inputs must be leaves, got " + input);
            }
            input.requiresGrad(true).zeroGrad();
        }
        float[] weights;
        try (var _ = TensorScope.open()) {
            Tensor out = f.apply(inputs.clone());
            weights = projection(out.size());
            out.mul(Tensor.of(backend, weights, out.shape().toArray())).sum().backward();
        }
        List<String> failures = new ArrayList<>();
        int compared = 0;
        for (int i = 0; i < inputs.length; i++) {
            Tensor input = inputs[i];
            float[] autograd = input.grad() == null ? new float[input.size()] : input.grad().toArray();
            float[] x = input.toArray();
            for (int j = 0; j < x.length; j++) {
                float original = x[j];
                double plus = perturbed(backend, f, inputs, input, x, j, (float) (original + eps), weights);
                double minus = perturbed(backend, f, inputs, input, x, j, (float) (original - eps), weights);
                x[j] = original;
                backend.upload(x, 0, input.storage(), 0, x.length);
                double numeric = (plus - minus) / (2 * eps);
                compared++;
                if (!(Math.abs(numeric - autograd[j]) <= atol + rtol * Math.abs(autograd[j]))) {
                    failures.add("input " + i + " " + input.shape() + " at " + position(input.shape(), j)
                            + ": finite difference " + numeric + " vs autograd " + autograd[j]);
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("gradient check of '" + name + "' failed for " + failures.size() + " of "
                    + compared + " elements:\n  " + String.join("\n  ", failures.subList(0,
                    Math.min(MAX_REPORTED, failures.size()))));
        }
    }

    /** Uniform values in [lo, hi) from a seeded host generator, as a tensor of the given shape. */
    public static Tensor uniform(Backend backend, long seed, float lo, float hi, int... dims) {
        Random random = new Random(seed);
        float[] data = new float[Shape.of(dims).size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = lo + (hi - lo) * random.nextFloat();
        }
        return Tensor.of(backend, data, dims);
    }

    /**
     * Values whose magnitude lies in [lo, hi) with random signs, for inputs that must keep clear of 0
     * (the kink of relu and abs, the pole of division).
     */
    public static Tensor awayFromZero(Backend backend, long seed, float lo, float hi, int... dims) {
        Random random = new Random(seed);
        float[] data = new float[Shape.of(dims).size()];
        for (int i = 0; i < data.length; i++) {
            float magnitude = lo + (hi - lo) * random.nextFloat();
            data[i] = random.nextBoolean() ? magnitude : -magnitude;
        }
        return Tensor.of(backend, data, dims);
    }

    /** L at {@code x} with element {@code j} of {@code input} set to {@code value}, in double. */
    private static double perturbed(Backend backend, Function<Tensor[], Tensor> f, Tensor[] inputs, Tensor input,
                                    float[] x, int j, float value, float[] weights) {
        x[j] = value;
        backend.upload(x, 0, input.storage(), 0, x.length);
        try (var _ = Autograd.noGrad(); var _ = TensorScope.open()) {
            float[] y = f.apply(inputs.clone()).toArray();
            double sum = 0;
            for (int k = 0; k < y.length; k++) {
                sum += (double) y[k] * weights[k];
            }
            return sum;
        }
    }

    /** Fixed weights in +-[0.5, 1.5), so no output element is ignored by the projection. */
    private static float[] projection(int size) {
        Random random = new Random(0x5EED);
        float[] w = new float[size];
        for (int i = 0; i < size; i++) {
            float magnitude = 0.5f + random.nextFloat();
            w[i] = random.nextBoolean() ? magnitude : -magnitude;
        }
        return w;
    }

    /** The multi-index of flat position {@code flat} in {@code shape}, e.g. {@code [1, 0, 2]}. */
    private static String position(Shape shape, int flat) {
        int[] dims = shape.toArray();
        int[] index = new int[dims.length];
        int rest = flat;
        for (int d = dims.length - 1; d >= 0; d--) {
            index[d] = rest % dims[d];
            rest /= dims[d];
        }
        return Arrays.toString(index);
    }
}
