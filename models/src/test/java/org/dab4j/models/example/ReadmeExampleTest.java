package org.dab4j.models.example;

import com.google.inject.Guice;
import org.dab4j.bridge.Approximators;
import org.dab4j.bridge.Bridges;
import org.dab4j.bridge.DabBridge;
import org.dab4j.bridge.HardFunction;
import org.dab4j.inject.Dab4jModule;
import org.dab4j.nn.Init;
import org.dab4j.nn.Linear;
import org.dab4j.nn.Losses;
import org.dab4j.nn.Module;
import org.dab4j.nn.Sequential;
import org.dab4j.optim.Adam;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Tensor;
import org.dab4j.tensor.TensorScope;
import org.dab4j.tensor.UnaryOp;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's example: the code between the markers, which the README must show verbatim. */
class ReadmeExampleTest {

    @Test
    void readmeExampleLearnsTheDiskThroughABinaryBottleneck() {
        // README example begins
        float accuracy = 0f;
        Backend backend = Guice.createInjector(new Dab4jModule()).getInstance(Backend.class);
        HardFunction binarize = x -> x.gt(0f);              // a user-defined hard function: 0/1 codes
        Module model = new Sequential(
                new Linear(backend, 2, 16, Init.XAVIER_UNIFORM, 1, UnaryOp.TANH),
                new DabBridge(binarize, Approximators.dense(backend, 2, 16, 32, 16)),
                new Linear(backend, 16, 2, Init.XAVIER_UNIFORM, 3));
        Adam adam = new Adam(model.parameters(), 1e-2f);
        for (int step = 1; step <= 400; step++) {
            try (var _ = TensorScope.open()) {      // frees the step's intermediates
                Tensor points = Tensor.uniform(backend, Shape.of(256, 2), step).mul(2f).sub(1f);
                Tensor inside = points.square().sum(1).lt(0.5f); // class 1 inside the disk
                Tensor logits = model.forward(points);
                Tensor loss = Losses.crossEntropy(logits, inside, 1).mean()
                        .add(Bridges.dabLoss(model).mul(10f)); // task loss + gamma * DAB loss
                adam.zeroGrad();
                loss.backward();
                adam.step();
                accuracy = logits.argmax(1).eq(inside).mean().item();
            }
        }
        System.out.println("training accuracy after 400 steps: " + accuracy);
        // README example ends
        assertTrue(accuracy > 0.9f, "accuracy after 400 steps: " + accuracy);
    }

    @Test
    void readmeShowsExactlyTheCodeThatThisTestRuns() throws IOException {
        String source = Files.readString(Path.of("src/test/java/org/dab4j/models/example/ReadmeExampleTest.java"));
        String example = source.substring(source.indexOf("// README example begins\n") + "// README example begins\n".length(),
                source.indexOf("        // README example ends"));
        String unindented = example.lines().map(line -> line.length() >= 8 ? line.substring(8) : line.strip())
                .collect(Collectors.joining("\n", "", "\n"));
        String readme = Files.readString(Path.of("../README.md"));
        assertTrue(readme.contains("```java\n" + unindented + "```"),
                "README.md must show the example of ReadmeExampleTest verbatim:\n" + unindented);
    }
}
