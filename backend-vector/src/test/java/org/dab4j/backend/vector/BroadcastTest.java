package org.dab4j.backend.vector;

import java.util.SplittableRandom;

import org.dab4j.tensor.Backend;
import org.dab4j.tensor.BinaryOp;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Storage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every binary op over each walk the broadcast plan can take (one run, run against a repeated value on either
 * side, rows against a shared run, rows against one value each, the general strided walk) matches the
 * reference: exactly, except POW (SVML against Math.pow, within an ulp or two).
 */
class BroadcastTest {

    @ParameterizedTest(name = "{0} op {1}")
    @CsvSource(delimiter = ';', value = {
        "37; 37", "4,33; 4,33", "70000; 70000", // same shape, sequential and split
        "4,33; ''", "''; 4,33", "1; 5,7", "5,7; 1,1", // scalar operand on either side
        "9,35; 35", "35; 9,35", "300,250; 250", // rows against a shared run
        "9,35; 9,1", "9,1; 9,35", "300,250; 300,1", // rows against one value each
        "2,3,4; 3,1", "4,1,5; 1,3,1", "2,1,3,1; 1,4,1,5", "3,1; 1,4", // general walk
        "''; ''", "1,1; 1", "0,5; 5", // degenerate
    })
    void matchesReference(String aDims, String bDims) {
        Shape aShape = Shape.of(dims(aDims));
        Shape bShape = Shape.of(dims(bDims));
        SplittableRandom random = new SplittableRandom(aShape.hashCode() * 31L + bShape.hashCode());
        float[] a = Pair.withSpecials(random, aShape.size());
        float[] b = Pair.withSpecials(random, bShape.size());
        int size = Shape.broadcast(aShape, bShape).size();
        try (Pair pair = new Pair(2)) {
            for (BinaryOp op : BinaryOp.values()) {
                float[] expected = run(pair.reference, op, a, aShape, b, bShape, size);
                float[] actual = run(pair.vector, op, a, aShape, b, bShape, size);
                String what = op + " " + aShape + " " + bShape;
                if (op == BinaryOp.POW) {
                    Pair.assertClose(expected, actual, 3e-7, what);
                } else {
                    Pair.assertSame(expected, actual, what);
                }
            }
        }
    }

    private static float[] run(Backend backend, BinaryOp op, float[] a, Shape aShape, float[] b,
                               Shape bShape, int size) {
        Storage out = backend.allocate(size);
        backend.binary(op, Pair.put(backend, a), aShape, Pair.put(backend, b), bShape, out);
        return Pair.get(backend, out);
    }

    private static int[] dims(String text) {
        if (text.isBlank()) {
            return new int[0];
        }
        String[] parts = text.split(",");
        int[] dims = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            dims[i] = Integer.parseInt(parts[i].trim());
        }
        return dims;
    }
}
