package dev.gradsum.modules;

import dev.gradsum.data.PromptTemplate;
import java.util.List;

/**
 * What the editor produced for one parent prompt.
 *
 * @param candidates new prompts that keep every placeholder of the parent
 * @param dropped    one line per candidate that lost or invented a placeholder even after one repair
 */
public record Edit(List<PromptTemplate> candidates, List<String> dropped) {
    public Edit {
        candidates = List.copyOf(candidates);
        dropped = List.copyOf(dropped);
    }
}
