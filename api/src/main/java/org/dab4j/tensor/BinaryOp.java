package org.dab4j.tensor;

/**
 * Elementwise functions of two arguments. Comparisons yield 1 for true and 0 for false (false when
 * either side is NaN); MAX and MIN propagate NaN as {@link Math#max(float, float)} does.
 */
public enum BinaryOp {
    ADD,
    SUB,
    MUL,
    DIV,
    /** a^b as {@link Math#pow} */
    POW,
    MAX,
    MIN,
    /** a > b */
    GT,
    /** a >= b */
    GE,
    /** a < b */
    LT,
    /** a <= b */
    LE,
    /** a == b */
    EQ
}
