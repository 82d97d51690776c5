package org.dab4j.models.sort;

import org.dab4j.bridge.Approximators;
import org.dab4j.bridge.Bridges;
import org.dab4j.bridge.DabBridge;
import org.dab4j.bridge.SignumWithMargin;
import org.dab4j.bridge.StraightThroughBridge;
import org.dab4j.nn.Init;
import org.dab4j.nn.Linear;
import org.dab4j.nn.Losses;
import org.dab4j.nn.Module;
import org.dab4j.nn.Sequential;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Tensor;
import org.dab4j.tensor.UnaryOp;

/**
 * The paper's sorting network (apple/ml-dab's sort example): N → 128 → 128 → 256 with tanh after each
 * layer, a bridge around signum with margin 0.5 (dense approximator 256 → 128 → 128 → 256), and a
 * linear head 256 → N·N read as N positions × N classes (the index of the element that belongs there).
 */
public final class SortModel extends Module {
    static final int HIDDEN = 128;
    static final int LATENT = 256;

    /** How the gradient crosses the signum layer. */
    public enum Estimator {
        /** DAB: hard signum forward, gradient through the approximator's Jacobian. */
        DAB,
        /** Straight-through: hard signum forward, gradient passed unchanged. */
        STE,
        /** No hard function at all: the tanh features feed the head directly (a differentiable reference). */
        NONE;

        /** The estimator for a CLI name (dab, ste, none). */
        public static Estimator parse(String name) {
            for (Estimator e : values()) {
                if (e.name().equalsIgnoreCase(name)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("unknown estimator '" + name + "'; expected dab, ste or none");
        }
    }

    private final int length;
    private final Module network;

    public SortModel(Backend backend, int length, Estimator estimator, long seed) {
        if (length < 2) {
            throw new IllegalArgumentException("a sort model needs sequences of length >= 2, got " + length);
        }
        this.length = length;
        Sequential encoder = new Sequential(
                new Linear(backend, length, HIDDEN, Init.XAVIER_UNIFORM, seed, UnaryOp.TANH),
                new Linear(backend, HIDDEN, HIDDEN, Init.XAVIER_UNIFORM, seed + 1, UnaryOp.TANH),
                new Linear(backend, HIDDEN, LATENT, Init.XAVIER_UNIFORM, seed + 2, UnaryOp.TANH));
        Linear head = new Linear(backend, LATENT, length * length, Init.XAVIER_UNIFORM, seed + 3);
        network = register("net", switch (estimator) {
            case DAB -> new Sequential(encoder, new DabBridge(new SignumWithMargin(),
                    Approximators.dense(backend, seed + 10, LATENT, HIDDEN, HIDDEN, LATENT)), head);
            case STE -> new Sequential(encoder, new StraightThroughBridge(new SignumWithMargin()), head);
            case NONE -> new Sequential(encoder, head);
        });
    }

    /** Logits {@code [batch, N positions, N classes]} for sequences {@code [batch, N]}. */
    @Override
    public Tensor forward(Tensor sequences) {
        if (sequences.shape().rank() != 2 || sequences.shape().dim(1) != length) {
            throw new IllegalArgumentException("sort model of length " + length + " expects input [batch, "
                    + length + "], got " + sequences.shape());
        }
        int batch = sequences.shape().dim(0);
        return network.forward(sequences).reshape(batch, length, length);
    }

    /** The two terms of the training loss, batch-averaged. */
    public record Loss(Tensor total, Tensor task, Tensor dab) {
    }

    /**
     * Cross-entropy per position summed over positions, plus {@code gamma} times the DAB loss, averaged
     * over the batch. {@code logits} come from {@link #forward} in grad mode; {@code targets} are
     * {@code [batch, N]} class indices.
     */
    public Loss loss(Tensor logits, Tensor targets, float gamma) {
        Tensor task = Losses.crossEntropy(logits, targets, 2).sum(1).mean();
        Tensor dab = Bridges.dabLoss(this);
        Tensor total = dab == null ? task : task.add(dab.mul(gamma));
        return new Loss(total, task, dab);
    }
}
