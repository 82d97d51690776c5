package org.dab4j.bridge;

import org.dab4j.tensor.Tensor;

/** Ternary sign: -1 below {@code -eps}, 1 above {@code eps}, 0 in between (both bounds map to 0). */
public record SignumWithMargin(float eps) implements HardFunction {
    public static final float DEFAULT_EPS = 0.5f;

    public SignumWithMargin {
        if (!(eps >= 0f) || Float.isInfinite(eps)) {
            throw new IllegalArgumentException("SignumWithMargin: eps must be finite and >= 0, got " + eps);
        }
    }

    public SignumWithMargin() {
        this(DEFAULT_EPS);
    }

    @Override
    public Tensor apply(Tensor x) {
        return x.gt(eps).sub(x.lt(-eps));
    }
}
