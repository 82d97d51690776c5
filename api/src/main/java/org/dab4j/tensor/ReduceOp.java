package org.dab4j.tensor;

/** Reductions along one axis. MAX propagates NaN; SUM of an empty axis is 0, MAX of an empty axis is -inf. */
public enum ReduceOp {
    SUM,
    MAX
}
