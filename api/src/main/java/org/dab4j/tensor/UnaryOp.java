package org.dab4j.tensor;

/** Elementwise functions of one argument. Each constant documents the exact float semantics backends must meet. */
public enum UnaryOp {
    /** -x */
    NEG,
    /** |x| */
    ABS,
    /** e^x */
    EXP,
    /** natural log; log(0) = -inf, log(x < 0) = NaN */
    LOG,
    /** sqrt(x); NaN for x < 0 */
    SQRT,
    /** tanh(x) */
    TANH,
    /** 1 / (1 + e^-x) */
    SIGMOID,
    /** max(x, 0); NaN stays NaN */
    RELU,
    /** -1, 0 or 1 (0 for +-0); NaN stays NaN */
    SIGN,
    /** round half to even, as {@link Math#rint} */
    ROUND,
    /** x * x */
    SQUARE,
    /** 1 / x */
    RECIPROCAL
}
