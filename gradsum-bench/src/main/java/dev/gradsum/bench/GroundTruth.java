package dev.gradsum.bench;

import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;

/**
 * Whether a prompt truly answers a row right, whatever the judge says: known only in a simulated world
 * ({@code SimulatedWorld::correct}, {@code HardWorld::correct}), and asked without a model call. Lets
 * the bench tell when a child a search accepted is truly worse than its parent.
 */
@FunctionalInterface
public interface GroundTruth {
    boolean correct(PromptTemplate prompt, Example row);
}
