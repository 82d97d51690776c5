package org.dab4j.models.autoencoder;

import java.nio.FloatBuffer;
import java.util.HashSet;
import java.util.Set;

/**
 * How much of its alphabet a set of codes uses: a collapsed bottleneck maps many inputs to few codes.
 *
 * @param usage     the distinct values each group takes, over its alphabet size, averaged over groups (0 to 1)
 * @param collapsed the fraction of groups that take a single value for every input
 * @param unique    distinct whole codes over the number of codes (1 when every input has its own code)
 */
public record CodeUsage(double usage, double collapsed, double unique) {

    /** The usage of {@code rows} codes laid out row-major as {@code layout} describes. */
    public static CodeUsage of(float[] codes, int rows, CodeLayout layout) {
        int width = layout.width();
        if (rows < 1 || codes.length != rows * width) {
            throw new IllegalArgumentException(codes.length + " values are not " + rows + " codes of width " + width);
        }
        double usage = 0;
        int collapsed = 0;
        int groupWidth = layout.groupWidth();
        for (int g = 0; g < layout.groups(); g++) {
            Set<FloatBuffer> values = new HashSet<>();
            for (int r = 0; r < rows; r++) {
                values.add(FloatBuffer.wrap(codes, r * width + g * groupWidth, groupWidth));
            }
            usage += (double) values.size() / layout.alphabet();
            if (values.size() == 1) {
                collapsed++;
            }
        }
        Set<FloatBuffer> whole = new HashSet<>();
        for (int r = 0; r < rows; r++) {
            whole.add(FloatBuffer.wrap(codes, r * width, width));
        }
        return new CodeUsage(usage / layout.groups(), (double) collapsed / layout.groups(), (double) whole.size() / rows);
    }
}
