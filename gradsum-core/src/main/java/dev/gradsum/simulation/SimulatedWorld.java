package dev.gradsum.simulation;

import dev.gradsum.llm.ModelRoles;
import dev.gradsum.task.Dataset;
import dev.gradsum.task.Task;

/**
 * A SIMULATION, not a language model: deterministic models for every role over a synthetic task with
 * hidden rules, where prompts that state the right instructions score measurably higher. Backs the
 * tests and {@code gradsum demo}; lets the whole loop run offline with no API key.
 */
public final class SimulatedWorld {
    public static SimulatedWorld create() {
        throw new UnsupportedOperationException("todo");
    }

    public Task task() {
        throw new UnsupportedOperationException("todo");
    }

    public Dataset dataset() {
        throw new UnsupportedOperationException("todo");
    }

    public ModelRoles models() {
        throw new UnsupportedOperationException("todo");
    }
}
