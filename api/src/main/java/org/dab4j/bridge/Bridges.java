package org.dab4j.bridge;

import org.dab4j.nn.Module;
import org.dab4j.tensor.Tensor;

import java.util.List;

/** Operations over all bridges of a model. */
public final class Bridges {
    private Bridges() {
    }

    /** Every bridge in {@code model}, depth-first. */
    public static List<Bridge> of(Module model) {
        return model.modules().stream().filter(Bridge.class::isInstance).map(Bridge.class::cast).toList();
    }

    /**
     * The average of the auxiliary (DAB) losses of all bridges in {@code model} from their last forward
     * pass, or null when none has one (no DAB bridge, or a no-grad pass). Add {@code gamma} times it to
     * the task loss.
     */
    public static Tensor dabLoss(Module model) {
        Tensor total = null;
        int count = 0;
        for (Bridge b : of(model)) {
            Tensor loss = b.auxiliaryLoss();
            if (loss != null) {
                total = total == null ? loss : total.add(loss);
                count++;
            }
        }
        return count <= 1 ? total : total.div(count);
    }
}
