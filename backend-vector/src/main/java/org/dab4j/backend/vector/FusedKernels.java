package org.dab4j.backend.vector;

import static org.dab4j.backend.vector.Simd.L;
import static org.dab4j.backend.vector.Simd.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import org.dab4j.tensor.UnaryOp;

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
     * {@code tail} is scratch of 2 L floats for a row longer than one vector.
     */
    static float softmaxCrossEntropyRow(float[] x, int off, int n, int t, float[] probs, float[] tail) {
        return n <= L ? softmaxCrossEntropyShortRow(x, off, n, t, probs)
                : softmaxCrossEntropyLongRow(x, off, n, t, probs, tail);
    }

    /**
     * A row that fits one vector (the classes of a sort position, a 10-way classifier): one masked load, and
     * a kernel small enough for C2 to inline the exponential whole; when it did not, every vector was boxed.
     * Lanes past {@code n} are zeroed before the sum, so the result equals the long-row kernel's.
     */
    private static float softmaxCrossEntropyShortRow(float[] x, int off, int n, int t, float[] probs) {
        VectorMask<Float> m = S.indexInRange(0, n);
        FloatVector v = FloatVector.fromArray(S, x, off, m);
        float max = v.reduceLanes(VectorOperators.MAX, m);
        float picked = x[off + t] - max;
        FloatVector e = FloatVector.zero(S).blend(VectorMath.exp(v.sub(max)), m);
        float sum = VectorMath.sumLanes(e);
        e.div(sum).intoArray(probs, off, m);
        return (float) Math.log(sum) - picked;
    }

    /**
     * A row longer than one vector. Whatever it calls with a vector must be inlined and every vector operation
     * intrinsified, or the vectors are boxed, and C2 stops inlining once a compilation has grown to its node
     * budget: so the exponential appears once, in one loop whose last pass reads the row's partial last vector
     * from {@code tail} (padded with the maximum) and zeroes the lanes past the row by multiplying with 0/1
     * weights (e is in [0, 1], so e × 1 is e and e × 0 is 0); there is no masked operation (a masked add was
     * left a virtual call in one compilation), the maximum and the division are plain loops with scalar tails,
     * and the lanes are summed from {@code tail} by {@link VectorMath#sumLanesInPlace}, which takes no vector.
     * With masked loops and {@link ReduceKernels#max} inlined, the exponential's last steps and the lane sum
     * were called, not inlined: 42 KB allocated per row of 1000. Lane for lane, every operation and the order
     * of the sum are those of a masked loop over the whole row.
     */
    private static float softmaxCrossEntropyLongRow(float[] x, int off, int n, int t, float[] probs,
                                                    float[] tail) {
        int full = n - n % L;
        FloatVector mv = FloatVector.broadcast(S, NEG_INF);
        for (int i = 0; i < full; i += L) {
            mv = mv.max(FloatVector.fromArray(S, x, off + i));
        }
        float max = mv.reduceLanes(VectorOperators.MAX);
        for (int i = full; i < n; i++) {
            max = Math.max(max, x[off + i]);
        }
        float picked = x[off + t] - max;
        for (int lane = 0; lane < L; lane++) {
            boolean in = full + lane < n;
            tail[lane] = in ? x[off + full + lane] : max;
            tail[L + lane] = in ? 1f : 0f;
        }
        mv = FloatVector.broadcast(S, max);
        FloatVector sv = FloatVector.zero(S);
        for (int i = 0; i < n; i += L) {
            boolean last = i == full;
            FloatVector e = VectorMath.exp(FloatVector.fromArray(S, last ? tail : x, last ? 0 : off + i).sub(mv));
            if (last) {
                e = e.mul(FloatVector.fromArray(S, tail, L));
                e.intoArray(tail, 0);
                System.arraycopy(tail, 0, probs, off + i, n - full);
            } else {
                e.intoArray(probs, off + i);
            }
            sv = sv.add(e);
        }
        sv.intoArray(tail, 0);
        float sum = VectorMath.sumLanesInPlace(tail);
        for (int i = 0; i < full; i += L) {
            FloatVector.fromArray(S, probs, off + i).div(sum).intoArray(probs, off + i);
        }
        for (int i = full; i < n; i++) {
            probs[off + i] /= sum;
        }
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

    /**
     * {@link org.dab4j.tensor.Backend#activationGradient} on {@code [from, to)} for TANH, SIGMOID or RELU, with
     * the default's operations in the default's order, so the bits agree.
     */
    static void activationGradient(UnaryOp activation, float[] y, float[] g, float[] out, int from, int to) {
        switch (activation) {
            case TANH -> tanhGradient(y, g, out, from, to);
            case SIGMOID -> sigmoidGradient(y, g, out, from, to);
            case RELU -> reluGradient(y, g, out, from, to);
            default -> throw new IllegalArgumentException("no fused derivative for activation " + activation);
        }
    }

    /** {@code g - g * y^2}. */
    private static void tanhGradient(float[] y, float[] g, float[] out, int from, int to) {
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
            FloatVector yv = FloatVector.fromArray(S, y, i);
            FloatVector gv = FloatVector.fromArray(S, g, i);
            gv.sub(gv.mul(yv.mul(yv))).intoArray(out, i);
        }
        if (i < to) {
            VectorMask<Float> m = S.indexInRange(i, to);
            FloatVector yv = FloatVector.fromArray(S, y, i, m);
            FloatVector gv = FloatVector.fromArray(S, g, i, m);
            gv.sub(gv.mul(yv.mul(yv))).intoArray(out, i, m);
        }
    }

    /** {@code g * (y - y^2)}. */
    private static void sigmoidGradient(float[] y, float[] g, float[] out, int from, int to) {
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
            FloatVector yv = FloatVector.fromArray(S, y, i);
            FloatVector.fromArray(S, g, i).mul(yv.sub(yv.mul(yv))).intoArray(out, i);
        }
        if (i < to) {
            VectorMask<Float> m = S.indexInRange(i, to);
            FloatVector yv = FloatVector.fromArray(S, y, i, m);
            FloatVector.fromArray(S, g, i, m).mul(yv.sub(yv.mul(yv))).intoArray(out, i, m);
        }
    }

    /** {@code g * (y > 0 ? 1 : 0)}: a NaN or infinite g times 0 stays NaN, as in the default. */
    private static void reluGradient(float[] y, float[] g, float[] out, int from, int to) {
        FloatVector zero = FloatVector.zero(S);
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
            VectorMask<Float> positive = FloatVector.fromArray(S, y, i).compare(VectorOperators.GT, 0f);
            FloatVector.fromArray(S, g, i).mul(zero.blend(1f, positive)).intoArray(out, i);
        }
        if (i < to) {
            VectorMask<Float> m = S.indexInRange(i, to);
            VectorMask<Float> positive = FloatVector.fromArray(S, y, i, m).compare(VectorOperators.GT, 0f);
            FloatVector.fromArray(S, g, i, m).mul(zero.blend(1f, positive)).intoArray(out, i, m);
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
