package org.dab4j.autograd;

import java.util.Objects;
import java.util.function.Function;

import org.dab4j.tensor.Tensor;

/**
 * Differentiable operations defined by user code: a forward computation plus its own vector-Jacobian
 * product, recorded on the tape as one node. This is the hook for functions whose true derivative is
 * useless or missing (a sort, a sign, a sampler) and whose gradient is supplied some other way.
 *
 * <p>The contract:
 * <ul>
 *   <li>{@code forward} runs at once, under {@link Autograd#noGrad()}, on the inputs as given; it returns a
 *       tensor of any shape (it may even return one of its inputs: the result is always a fresh tensor
 *       object sharing that storage, so the input keeps its own history).</li>
 *   <li>When grad mode is on and some input {@linkplain Tensor#requiresGrad() requires grad}, the result
 *       requires grad and a backward pass that reaches it calls {@code backward} with the gradient of the
 *       loss with respect to the result (the result's shape). It returns one gradient per input, each of
 *       that input's shape, or null for an input that gets none. Gradients for inputs that do not require
 *       grad are ignored, so computing them is wasted work.</li>
 *   <li>{@code backward} runs with grad mode <em>on</em>: it may build a fresh graph and differentiate it
 *       with {@link Autograd#grad(Tensor, Tensor, Tensor...)}, which is re-entrant and touches no
 *       {@link Tensor#grad()}. The returned gradients are used as values; any history they carry is ignored.</li>
 *   <li>Tensors that {@code backward} creates live until the backward pass that called it ends; create
 *       anything that must outlive it with {@link org.dab4j.tensor.TensorScope#outside}.</li>
 * </ul>
 *
 * <p>A straight-through sign, for example, outputs {@code sign(x)} and passes the gradient through:
 * <pre>{@code
 * Tensor y = CustomFunction.apply("straightThroughSign", new Tensor[] {x},
 *         in -> in[0].sign(),
 *         g -> new Tensor[] {g});
 * }</pre>
 * and a function whose backward differentiates a surrogate network {@code g} at the input:
 * <pre>{@code
 * Tensor y = CustomFunction.apply("bridge", new Tensor[] {x},
 *         in -> hard.apply(in[0]),
 *         grad -> {
 *             Tensor at = x.detach().requiresGrad(true);
 *             return Autograd.grad(surrogate.forward(at), grad, at);
 *         });
 * }</pre>
 */
public final class CustomFunction {
    private CustomFunction() {
    }

    /** A vector-Jacobian product: the gradient of the output in, one gradient per input (or null) out. */
    @FunctionalInterface
    public interface Backward {
        Tensor[] apply(Tensor gradOutput);
    }

    /**
     * Runs {@code forward} on {@code inputs} without recording and records {@code backward} as its gradient rule.
     *
     * @param name     the operation's name in error messages and {@link Node#op()}
     * @param inputs   the tensors gradients flow back to (no nulls)
     * @param forward  computes the output from (a copy of) the inputs array
     * @param backward maps the output's gradient to the inputs' gradients
     */
    public static Tensor apply(String name, Tensor[] inputs, Function<Tensor[], Tensor> forward, Backward backward) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(backward, "backward");
        for (int i = 0; i < inputs.length; i++) {
            Objects.requireNonNull(inputs[i], () -> name + ": input is null");
        }
        Tensor out;
        try (var _ = Autograd.noGrad()) {
            out = forward.apply(inputs.clone());
        }
        if (out == null) {
            throw new IllegalStateException(name + ": forward returned null");
        }
        Tensor result = out.detach();
        return Ops.record(name, result, grad -> {
            try (var _ = Autograd.enableGrad()) {
                return backward.apply(grad);
            }
        }, inputs);
    }
}
