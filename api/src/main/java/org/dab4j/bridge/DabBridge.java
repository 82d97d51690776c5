package org.dab4j.bridge;

import org.dab4j.autograd.Autograd;
import org.dab4j.autograd.CustomFunction;
import org.dab4j.nn.Module;
import org.dab4j.tensor.Tensor;

/**
 * A Differentiable Approximation Bridge (Ramapuram &amp; Webb, IJCNN 2020) around a hard function h,
 * with a small approximator network g:
 * <ul>
 *   <li>the output is h(x), in training and in inference;</li>
 *   <li>backward maps the gradient reaching the output to x through g's Jacobian:
 *       {@code dL/dx = J_g(x)^T dL/dh};</li>
 *   <li>g's weights learn only from the DAB loss {@link #auxiliaryLoss()}: per sample
 *       {@code sum over features of (g(x) - h(x))^2}, averaged over the batch (axis 0);</li>
 *   <li>so the task loss never updates g, and the DAB loss never updates the layers before x;</li>
 *   <li>under no-grad (inference) g is not evaluated.</li>
 * </ul>
 * Note that {@code g(x) + stopGradient(h(x) - g(x))} is not equivalent: it would let the task loss train g.
 *
 * <p>How: g runs on a detached copy {@code x'} of x (on x itself when x does not require grad), so the DAB
 * loss reaches g's weights and stops at {@code x'}. The output is a custom function of x whose backward asks autograd for the vector-Jacobian
 * product of g at {@code x'} only ({@link Autograd#grad}), which leaves g's weights untouched. g's output
 * is also an input of that custom function, with no gradient, so the outer backward reaches the bridge
 * before it walks g's graph for the DAB loss.
 */
public final class DabBridge extends Bridge {
    private final Module approximator;
    private Tensor dabLoss;

    public DabBridge(HardFunction hard, Module approximator) {
        super(hard);
        if (approximator == null) {
            throw new IllegalArgumentException("a DAB bridge needs an approximator network");
        }
        this.approximator = register("approximator", approximator);
    }

    public Module approximator() {
        return approximator;
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor hard = HardOutput.of(hardFunction(), x);
        if (!Autograd.isGradEnabled()) {
            dabLoss = null;
            return hard;
        }
        // With no gradient to send back to x, g runs on x itself: no leaf x' whose gradient nobody reads.
        Tensor approximatorInput = x.requiresGrad() ? x.detach().requiresGrad(true) : x;
        Tensor soft = approximator.forward(approximatorInput);
        if (!soft.shape().equals(hard.shape())) {
            throw new IllegalArgumentException("DAB bridge: approximator output " + soft.shape()
                    + " does not match hard function output " + hard.shape() + " for input " + x.shape());
        }
        dabLoss = perSampleSquaredError(soft, hard);
        if (!x.requiresGrad()) {
            return hard;
        }
        return CustomFunction.apply("dab", new Tensor[]{x, soft}, in -> hard, gradOutput -> {
            Tensor dx = Autograd.grad(soft, gradOutput, approximatorInput)[0];
            // The outer pass walks g's graph next, for the DAB loss. Nobody reads a gradient of x' from it, and
            // clearing the flag spares that pass the product computing one (g's first layer's input gradient).
            approximatorInput.requiresGrad(false);
            return new Tensor[]{dx, null};
        });
    }

    /** {@code mean over axis 0 of (sum over the other axes of (soft - hard)^2)}. */
    private static Tensor perSampleSquaredError(Tensor soft, Tensor hard) {
        Tensor squared = soft.sub(hard).square();
        if (squared.shape().rank() < 2) {
            return squared.sum();
        }
        int batch = squared.shape().dim(0);
        return squared.reshape(batch, squared.size() / batch).sum(1).mean();
    }

    /** The DAB loss of the last forward pass in grad mode; null after a no-grad pass. */
    @Override
    public Tensor auxiliaryLoss() {
        return dabLoss;
    }
}
