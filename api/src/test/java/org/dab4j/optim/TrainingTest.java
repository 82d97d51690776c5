package org.dab4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dab4j.nn.Init;
import org.dab4j.nn.Linear;
import org.dab4j.nn.Losses;
import org.dab4j.nn.Sequential;
import org.dab4j.nn.Tanh;
import org.dab4j.reference.ReferenceBackend;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Tensor;
import org.dab4j.tensor.TensorScope;
import org.dab4j.tensor.UnaryOp;
import org.junit.jupiter.api.Test;

/** Whole training loops: step scopes, parameter and state lifetimes, and learning XOR. */
class TrainingTest {
    private final Backend b = new ReferenceBackend();
    private final Tensor inputs = Tensor.of(b, new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
    private final Tensor targets = Tensor.of(b, new float[] {0, 1, 1, 0}, 4, 1);

    @Test
    void stepScopesReleaseIntermediatesWhileParametersGradientsAndStateSurvive() {
        Sequential model = new Sequential(new Linear(b, 2, 6, Init.XAVIER_UNIFORM, 1L, UnaryOp.SIGMOID),
                new Linear(b, 6, 1, Init.XAVIER_UNIFORM, 2L));
        Optimizer[] optimizers = {new Adam(model.parameters(), 0.01f), new SGD(model.parameters(), 0.01f, 0.9f),
                new RMSprop(model.parameters(), 0.001f)};
        float first = Float.NaN;
        float last = Float.NaN;
        for (int step = 0; step < 60; step++) {
            Tensor hidden;
            Tensor loss;
            try (var _ = TensorScope.open()) {
                Optimizer optimizer = optimizers[step % optimizers.length];
                optimizer.zeroGrad();
                hidden = model.get(0).forward(inputs);
                loss = Losses.mse(model.get(1).forward(hidden), targets);
                loss.backward();
                optimizer.step();
                last = loss.item();
            }
            if (step == 0) {
                first = last;
            }
            assertThrows(IllegalStateException.class, hidden::storage, "intermediates are released with their scope");
            assertThrows(IllegalStateException.class, loss::storage);
            for (Tensor p : model.parameters()) {
                p.toArray();
                p.grad().toArray();
            }
        }
        assertTrue(last < first, "loss went from " + first + " to " + last);
    }

    @Test
    void aTinyMlpLearnsXorWithAdam() {
        Sequential model = new Sequential(new Linear(b, 2, 8, Init.XAVIER_UNIFORM, 42L), new Tanh(),
                new Linear(b, 8, 1, Init.XAVIER_UNIFORM, 43L));
        Adam adam = new Adam(model.parameters(), 0.05f);
        float loss = Float.NaN;
        for (int step = 0; step < 300; step++) {
            try (var _ = TensorScope.open()) {
                adam.zeroGrad();
                Tensor l = Losses.bceWithLogits(model.forward(inputs), targets);
                l.backward();
                adam.step();
                loss = l.item();
            }
        }
        assertTrue(loss < 0.05f, "final loss " + loss);
        float[] logits = model.forward(inputs).toArray();
        float[] expected = targets.toArray();
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], logits[i] > 0 ? 1f : 0f, "sample " + i + " logit " + logits[i]);
        }
    }
}
