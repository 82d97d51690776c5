package org.dab4j.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import org.dab4j.tensor.Tensor;

/** The graph walks behind {@link Autograd}: an iterative topological sort and the gradient sweep over it. */
final class Tape {
    private Tape() {
    }

    /** A tensor on the depth-first stack and the position of the next input to visit. */
    private static final class Frame {
        final Tensor tensor;
        final Tensor[] inputs;
        int next;

        Frame(Tensor tensor) {
            this.tensor = tensor;
            this.inputs = tensor.gradFn() == null ? new Tensor[0] : tensor.gradFn().inputs();
        }
    }

    /**
     * Every tensor reachable from {@code root} through recorded inputs that need a gradient, each listed
     * before all of its inputs (reverse post-order of a depth-first search with an explicit stack).
     */
    static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> postOrder = new ArrayList<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        seen.add(root);
        stack.push(new Frame(root));
        while (!stack.isEmpty()) {
            Frame top = stack.peek();
            if (top.next < top.inputs.length) {
                Tensor input = top.inputs[top.next++];
                if (input != null && seen.add(input)) {
                    stack.push(new Frame(input));
                }
            } else {
                stack.pop();
                postOrder.add(top.tensor);
            }
        }
        Collections.reverse(postOrder);
        return postOrder;
    }

    /**
     * Sweeps {@code order} (from {@link #topologicalOrder}) once: each tensor's gradient is complete when its
     * turn comes, because everything that consumes it comes earlier. {@code sink} sees every tensor that
     * receives a gradient; nodes of tensors that {@code expand} rejects are not run.
     */
    static void propagate(List<Tensor> order, Tensor root, Tensor seed, Predicate<Tensor> expand,
                          BiConsumer<Tensor, Tensor> sink) {
        Map<Tensor, Tensor> pending = new IdentityHashMap<>();
        pending.put(root, seed);
        for (Tensor t : order) {
            Tensor grad = pending.remove(t);
            if (grad == null) {
                continue;
            }
            sink.accept(t, grad);
            Node node = t.gradFn();
            if (node == null || !expand.test(t)) {
                continue;
            }
            Tensor[] grads = node.backward(grad);
            Tensor[] inputs = node.inputs();
            for (int i = 0; i < inputs.length; i++) {
                if (inputs[i] != null && grads[i] != null) {
                    pending.merge(inputs[i], grads[i], Ops::add);
                }
            }
        }
    }

    /** Which tensors of an order lead back to one of the wanted inputs. */
    static final class Relevance {
        private final Set<Tensor> reaches = Collections.newSetFromMap(new IdentityHashMap<>());
        private final Set<Tensor> expands = Collections.newSetFromMap(new IdentityHashMap<>());

        /** Whether {@code t} is a wanted input or depends on one. */
        boolean reachesAny(Tensor t) {
            return reaches.contains(t);
        }

        /** Whether running the node of {@code t} can carry gradient on to a wanted input. */
        boolean expand(Tensor t) {
            return expands.contains(t);
        }
    }

    /** Marks, inputs first, the tensors of {@code order} whose gradients can flow on to one of {@code wanted}. */
    static Relevance relevance(List<Tensor> order, Tensor[] wanted) {
        Relevance r = new Relevance();
        Set<Tensor> targets = Collections.newSetFromMap(new IdentityHashMap<>());
        Collections.addAll(targets, wanted);
        for (int i = order.size() - 1; i >= 0; i--) {
            Tensor t = order.get(i);
            if (t.gradFn() != null && t.gradFn().isFreed() && !targets.contains(t)) {
                // Its inputs are gone, so it may hide a wanted input: running it reports the freed graph.
                r.expands.add(t);
            }
            for (Tensor input : t.gradFn() == null ? new Tensor[0] : t.gradFn().inputs()) {
                if (input != null && r.reaches.contains(input)) {
                    r.expands.add(t);
                    break;
                }
            }
            if (r.expands.contains(t) || targets.contains(t)) {
                r.reaches.add(t);
            }
        }
        return r;
    }
}
