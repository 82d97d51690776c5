package org.dab4j.models.cli;

import com.google.inject.Module;
import org.dab4j.inject.Dab4jModule;
import org.dab4j.models.report.ConsoleProgress;
import org.dab4j.models.sort.SortConfig;
import org.dab4j.models.sort.SortTask;
import org.dab4j.models.train.TrainingTaskFactory;

import java.time.Clock;
import java.util.function.Function;

/**
 * What the commands take from the world: how backends are bound (by requested name, null for automatic),
 * how experiments are built, whether output is an interactive terminal, and the clock that names default
 * run directories. Tests pass their own.
 */
public record CliEnvironment(Function<String, Module> backendModule, TrainingTaskFactory<SortConfig> sortTasks,
                             boolean terminal, Clock clock) {

    /** The real backends, experiments, console and clock. */
    public static CliEnvironment standard() {
        return new CliEnvironment(Dab4jModule::new, SortTask::create, ConsoleProgress.isTerminal(),
                Clock.systemDefaultZone());
    }
}
