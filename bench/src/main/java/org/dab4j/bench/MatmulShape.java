package org.dab4j.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A matrix product {@code C[m,n] = op(A)[m,k] op(B)[k,n]} written {@code FLAGS:MxKxN}: FLAGS is two letters,
 * N for an operand used as stored and T for one used transposed (e.g. {@code TN:256x1024x128} is {@code AᵀB}).
 */
public record MatmulShape(boolean transA, boolean transB, int m, int k, int n) {
    private static final Pattern FORMAT = Pattern.compile("([NT])([NT]):(\\d+)x(\\d+)x(\\d+)");

    public MatmulShape {
        if (m <= 0 || k <= 0 || n <= 0) {
            throw new IllegalArgumentException("matmul sizes must be positive, got m = " + m + ", k = " + k + ", n = " + n);
        }
    }

    public static MatmulShape parse(String text) {
        Matcher f = FORMAT.matcher(text);
        if (!f.matches()) {
            throw new IllegalArgumentException("matmul shape '" + text + "' does not read FLAGS:MxKxN, e.g. NT:1024x128x256");
        }
        return new MatmulShape(f.group(1).equals("T"), f.group(2).equals("T"), Integer.parseInt(f.group(3)),
                Integer.parseInt(f.group(4)), Integer.parseInt(f.group(5)));
    }
}
