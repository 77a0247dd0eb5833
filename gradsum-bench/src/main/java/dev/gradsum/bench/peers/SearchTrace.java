package dev.gradsum.bench.peers;

import dev.gradsum.data.PromptTemplate;
import java.util.ArrayList;
import java.util.List;

/**
 * What a search did over time, for the bench's measures that a final score cannot give: after each
 * step, the prompt the search would return then and the paid calls spent so far; and each child that
 * took a place in the search (entered the beam, joined the pool) with its parent. Filled from the
 * search thread; read after the search.
 */
public final class SearchTrace {
    /** The search would return {@code best} after {@code calls} paid calls. */
    public record Step(long calls, PromptTemplate best) {
    }

    /** {@code child} was accepted in place of (or beside) {@code parent}. */
    public record Acceptance(PromptTemplate parent, PromptTemplate child) {
    }

    private final List<Step> steps = new ArrayList<>();
    private final List<Acceptance> acceptances = new ArrayList<>();

    public synchronized void step(long calls, PromptTemplate best) {
        steps.add(new Step(calls, best));
    }

    public synchronized void accepted(PromptTemplate parent, PromptTemplate child) {
        acceptances.add(new Acceptance(parent, child));
    }

    public synchronized List<Step> steps() {
        return List.copyOf(steps);
    }

    public synchronized List<Acceptance> acceptances() {
        return List.copyOf(acceptances);
    }
}
