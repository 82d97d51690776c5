package org.dab4j.autograd;

import org.dab4j.tensor.Tensor;

/**
 * One operation recorded on the tape: its name, the inputs it read that need a gradient, and its
 * vector-Jacobian product. A node hangs off the tensor it produced ({@link Tensor#gradFn()}); following the
 * inputs back from a tensor walks the graph. A backward pass frees the nodes it walked (unless asked to
 * retain them), dropping the references to inputs and saved tensors.
 */
public final class Node {
    private final String op;
    private Tensor[] inputs;
    private CustomFunction.Backward backward;

    /**
     * @param inputs   the operation's inputs, null where an input needs no gradient
     * @param backward maps the gradient of the output to one gradient per input (null for none), each of
     *                 its input's shape
     */
    Node(String op, Tensor[] inputs, CustomFunction.Backward backward) {
        this.op = op;
        this.inputs = inputs;
        this.backward = backward;
    }

    /** The operation's name, e.g. {@code matmul}. */
    public String op() {
        return op;
    }

    /** Whether a backward pass already freed this node. */
    public boolean isFreed() {
        return inputs == null;
    }

    /** The inputs that need a gradient, null at the positions of those that do not; empty once freed. */
    Tensor[] inputs() {
        return inputs == null ? new Tensor[0] : inputs;
    }

    /** Runs the vector-Jacobian product, checking that it answers one gradient of the right shape per input. */
    Tensor[] backward(Tensor gradOutput) {
        if (inputs == null) {
            throw new IllegalStateException("the graph through '" + op + "' was freed by an earlier backward pass;"
                    + " pass retainGraph = true to walk it more than once");
        }
        Tensor[] grads = backward.apply(gradOutput);
        if (grads == null || grads.length != inputs.length) {
            throw new IllegalStateException("backward of '" + op + "' returned " + (grads == null ? "null"
                    : grads.length + " gradients") + " for " + inputs.length + " inputs");
        }
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] != null && grads[i] != null && !grads[i].shape().equals(inputs[i].shape())) {
                throw new IllegalStateException("backward of '" + op + "' returned a gradient of shape "
                        + grads[i].shape() + " for input " + i + " of shape " + inputs[i].shape());
            }
        }
        return grads;
    }

    void free() {
        inputs = null;
        backward = null;
    }

    @Override
    public String toString() {
        return "Node[" + op + (isFreed() ? ", freed]" : "]");
    }
}
