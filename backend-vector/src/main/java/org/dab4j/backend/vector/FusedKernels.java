package org.dab4j.backend.vector;

import static org.dab4j.backend.vector.Simd.L;
import static org.dab4j.backend.vector.Simd.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import org.dab4j.tensor.BinaryOp;

/**
 * One-pass forms of the SPI's fused defaults. Each computes the same float operations in the same order as
 * the default's composition of primitives wherever that order is elementwise, so the results agree exactly
 * there and within summation rounding elsewhere.
 */
final class FusedKernels {
    private static final float NEG_INF = Float.NEGATIVE_INFINITY;

    private FusedKernels() {
    }

    /**
     * Softmax and cross-entropy of one row of {@code n} contiguous logits at {@code off} with target class
     * {@code t}; returns the loss. {@code probs} may be {@code x}: the target's logit is read first.
     */
    static float softmaxCrossEntropyRow(float[] x, int off, int n, int t, float[] probs) {
        float max = ReduceKernels.max(x, off, n);
        float picked = x[off + t] - max;
        FloatVector mv = FloatVector.broadcast(S, max);
        FloatVector sv = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector e = VectorMath.exp(FloatVector.fromArray(S, x, off + i).sub(mv));
            e.intoArray(probs, off + i);
            sv = sv.add(e);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector e = VectorMath.exp(FloatVector.fromArray(S, x, off + i, m).sub(mv));
            e.intoArray(probs, off + i, m);
            sv = sv.add(e, m);
        }
        float sum = VectorMath.sumLanes(sv);
        BinaryKernels.vs(BinaryOp.DIV, probs, off, sum, probs, off, n);
        return (float) Math.log(sum) - picked;
    }

    /**
     * Softmax and cross-entropy down the class axis of one {@code [classes, inner]} block at {@code off}, for
     * the columns {@code [i, i + L)} selected by {@code m}: {@code targets} and {@code loss} are indexed from
     * {@code lossOffset} by column. {@code probs} may be {@code x}: the targets' logits are read first. {@code lanes}
     * and {@code picked} are scratch arrays of L floats.
     */
    static void softmaxCrossEntropyColumns(float[] x, int off, int classes, int inner, int i, VectorMask<Float> m,
                                           float[] targets, float[] loss, int lossOffset, float[] probs, float[] lanes,
                                           float[] picked) {
        FloatVector max = FloatVector.broadcast(S, NEG_INF);
        for (int c = 0; c < classes; c++) {
            max = max.max(FloatVector.fromArray(S, x, off + c * inner + i, m));
        }
        max.intoArray(lanes, 0);
        int active = m.trueCount();
        for (int lane = 0; lane < active; lane++) {
            int t = (int) targets[lossOffset + i + lane];
            picked[lane] = x[off + t * inner + i + lane] - lanes[lane];
        }
        FloatVector sum = FloatVector.zero(S);
        for (int c = 0; c < classes; c++) {
            int p = off + c * inner + i;
            FloatVector e = VectorMath.exp(FloatVector.fromArray(S, x, p, m).sub(max));
            e.intoArray(probs, p, m);
            sum = sum.add(e);
        }
        for (int c = 0; c < classes; c++) {
            int p = off + c * inner + i;
            FloatVector.fromArray(S, probs, p, m).div(sum).intoArray(probs, p, m);
        }
        sum.intoArray(lanes, 0);
        for (int lane = 0; lane < active; lane++) {
            loss[lossOffset + i + lane] = (float) Math.log(lanes[lane]) - picked[lane];
        }
    }

    /** The Adam update of {@link org.dab4j.tensor.Backend#adamStep} on {@code [from, to)}. */
    static void adam(float[] param, float[] grad, float[] m, float[] v, int from, int to, float lr, float beta1,
                     float beta2, float eps, float weightDecay, int step) {
        float c1 = 1f - (float) Math.pow(beta1, step);
        float c2 = 1f - (float) Math.pow(beta2, step);
        float stepSize = lr / c1;
        float keep1 = 1f - beta1;
        float keep2 = 1f - beta2;
        VectorMask<Float> all = S.maskAll(true);
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
            adam(param, grad, m, v, i, all, beta1, keep1, beta2, keep2, c2, eps, stepSize, weightDecay);
        }
        if (i < to) {
            adam(param, grad, m, v, i, S.indexInRange(i, to), beta1, keep1, beta2, keep2, c2, eps, stepSize,
                    weightDecay);
        }
    }

    private static void adam(float[] param, float[] grad, float[] m, float[] v, int i, VectorMask<Float> mask,
                             float beta1, float keep1, float beta2, float keep2, float c2, float eps, float stepSize,
                             float weightDecay) {
        FloatVector p = FloatVector.fromArray(S, param, i, mask);
        FloatVector g = FloatVector.fromArray(S, grad, i, mask);
        if (weightDecay != 0f) {
            g = p.mul(weightDecay).add(g);
        }
        FloatVector mv = FloatVector.fromArray(S, m, i, mask).mul(beta1).add(g.mul(keep1));
        FloatVector vv = FloatVector.fromArray(S, v, i, mask).mul(beta2).add(g.mul(g).mul(keep2));
        FloatVector denom = vv.div(c2).sqrt().add(eps);
        mv.intoArray(m, i, mask);
        vv.intoArray(v, i, mask);
        p.sub(mv.mul(stepSize).div(denom)).intoArray(param, i, mask);
    }
}
