package dev.gradsum.modules;

import dev.gradsum.llm.Llm;
import dev.gradsum.task.Example;
import dev.gradsum.task.PromptTemplate;
import java.util.List;
import java.util.concurrent.Executor;

/** Paper step 1, generation: the target model answers each example with the prompt filled in. */
public final class Generator {
    public Generator(Llm target, Executor executor) {
        throw new UnsupportedOperationException("todo");
    }

    /** One generation per example, in order; calls run concurrently (the call path limits them). */
    public List<Generation> generate(PromptTemplate prompt, List<Example> examples) {
        throw new UnsupportedOperationException("todo");
    }
}
