package org.dab4j.autograd;

import java.util.List;
import java.util.Objects;

import org.dab4j.tensor.Tensor;
import org.dab4j.tensor.TensorScope;

/**
 * Reverse-mode differentiation: grad mode, backward passes and functional vector-Jacobian products.
 *
 * <p>Grad mode is per thread and on by default. While it is on, every operation on a tensor that
 * {@linkplain Tensor#requiresGrad() requires grad} records a {@link Node}; {@link #noGrad()} and
 * {@link #enableGrad()} open nesting scopes that switch it.
 *
 * <p>A backward pass sorts the recorded graph topologically without recursion (a chain of any length is
 * fine), runs each node's rule once with the sum of the gradients of its output, and runs under no-grad
 * in a {@link TensorScope} of its own, so its intermediate gradients are released when it ends. Leaf
 * gradients are not in that scope: each lives as long as its leaf (see {@link Tensor#accumulateGrad}).
 */
public final class Autograd {
    private static final ThreadLocal<boolean[]> GRAD_ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});
    /**
     * What the {@link #grad} pass running on this thread differentiates towards; null outside one and during a
     * {@link #backward} pass, where every tensor that requires grad is wanted.
     */
    private static final ThreadLocal<Tape.Relevance> WANTED = new ThreadLocal<>();

    private Autograd() {
    }

    /** Whether operations on this thread currently record on the tape. */
    public static boolean isGradEnabled() {
        return GRAD_ENABLED.get()[0];
    }

    /** Sets grad mode on this thread and answers the previous mode. */
    static boolean setGradEnabled(boolean enabled) {
        boolean[] mode = GRAD_ENABLED.get();
        boolean previous = mode[0];
        mode[0] = enabled;
        return previous;
    }

    /**
     * Whether the gradient rule now running must compute the gradient of its input {@code t}: inside
     * {@link #grad}, whether {@code t} leads to one of the inputs asked for; in a {@link #backward} pass, whether
     * it requires grad. A rule may skip an expensive gradient that nobody will read, such as a weight's in a
     * vector-Jacobian product.
     */
    static boolean needsGradient(Tensor t) {
        Tape.Relevance wanted = WANTED.get();
        return wanted == null ? t.requiresGrad() : wanted.reachesAny(t);
    }

    /** Turns recording off until the returned scope closes: {@code try (var _ = Autograd.noGrad()) { ... }}. */
    public static NoGrad noGrad() {
        return new NoGrad();
    }

    /** Turns recording on until the returned scope closes, even inside {@link #noGrad()} or a backward pass. */
    public static EnableGrad enableGrad() {
        return new EnableGrad();
    }

    /**
     * Back-propagates from {@code output}: adds d(sum(output * gradOutput))/d(leaf) into the
     * {@link Tensor#grad()} of every leaf that requires grad.
     *
     * @param gradOutput the upstream gradient, of {@code output}'s shape; null means ones, which requires a
     *                   one-element output
     * @param retainGraph keep the walked nodes so the graph can be walked again; otherwise they are freed
     *                    when the pass ends
     */
    public static void backward(Tensor output, Tensor gradOutput, boolean retainGraph) {
        if (!output.requiresGrad()) {
            throw new IllegalStateException("backward: the output " + output.shape() + " does not require grad"
                    + " (no input requires grad, or it was computed under noGrad)");
        }
        if (gradOutput == null && output.size() != 1) {
            throw new IllegalArgumentException("backward() needs a one-element output, got shape " + output.shape()
                    + "; pass a gradOutput of that shape instead");
        }
        requireShape("backward", output, gradOutput);
        List<Tensor> order = Tape.topologicalOrder(output);
        Tape.Relevance outerWanted = WANTED.get();
        WANTED.remove();
        try (var _ = noGrad(); var _ = TensorScope.open()) {
            Tensor seed = gradOutput != null ? gradOutput : Tensor.full(output.backend(), output.shape(), 1f);
            Tape.propagate(order, output, seed, t -> true, (t, grad) -> {
                if (t.gradFn() == null && t.requiresGrad()) {
                    t.accumulateGrad(grad);
                }
            });
        } finally {
            WANTED.set(outerWanted);
            if (!retainGraph) {
                for (Tensor t : order) {
                    if (t.gradFn() != null) {
                        t.gradFn().free();
                    }
                }
            }
        }
    }

    /**
     * The vector-Jacobian product {@code d(sum(output * gradOutput)) / d(input)} for each input, as fresh
     * tensors in the open scope. It touches no {@link Tensor#grad()} and frees no part of the graph, and it
     * is re-entrant: a {@link CustomFunction} backward may call it while an outer backward pass runs. Inputs
     * may be leaves or intermediate results; one the output does not depend on gets zeros.
     *
     * @param gradOutput the upstream gradient, of {@code output}'s shape
     */
    public static Tensor[] grad(Tensor output, Tensor gradOutput, Tensor... inputs) {
        Objects.requireNonNull(gradOutput, "gradOutput");
        requireShape("grad", output, gradOutput);
        Tensor[] results = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            results[i] = Tensor.zeros(inputs[i].backend(), inputs[i].shape());
        }
        if (!output.requiresGrad()) {
            return results;
        }
        List<Tensor> order = Tape.topologicalOrder(output);
        Tape.Relevance relevance = Tape.relevance(order, inputs);
        if (!relevance.reachesAny(output)) {
            return results;
        }
        Tape.Relevance outerWanted = WANTED.get();
        WANTED.set(relevance);
        try (var _ = noGrad(); var _ = TensorScope.open()) {
            Tape.propagate(order, output, gradOutput, relevance::expand, (t, grad) -> {
                for (int i = 0; i < inputs.length; i++) {
                    if (inputs[i] == t) {
                        t.backend().copy(grad.storage(), 0, results[i].storage(), 0, t.size());
                    }
                }
            });
        } finally {
            WANTED.set(outerWanted);
        }
        return results;
    }

    private static void requireShape(String what, Tensor output, Tensor gradOutput) {
        if (gradOutput != null && !gradOutput.shape().equals(output.shape())) {
            throw new IllegalArgumentException(what + ": gradOutput of shape " + gradOutput.shape()
                    + " does not match output of shape " + output.shape());
        }
    }
}
