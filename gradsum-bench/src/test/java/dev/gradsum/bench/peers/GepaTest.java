package dev.gradsum.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.data.Split;
import dev.gradsum.model.Budget;
import dev.gradsum.model.ModelRoles;
import dev.gradsum.model.Pricing;
import dev.gradsum.model.Role;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.simulation.HardWorld;
import dev.gradsum.simulation.SimulatedWorld;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * GEPA on the simulated worlds: a child joins only when it does strictly better than its parent on the
 * parent's minibatch, and the simulated editor's reflections do improve the prompt.
 */
class GepaTest {
    /** The hard world with an exact judge: a prompt's minibatch score depends on the rules it states only. */
    private static final HardWorld EXACT = HardWorld.create(4, 0.0);

    /** An editor that answers every reflection with the prompt {@code edit} makes of the initial one. */
    private static final class ScriptedEditor implements ChatModel {
        final AtomicInteger calls = new AtomicInteger();
        private final String prompt;

        ScriptedEditor(String prompt) {
            this.prompt = prompt;
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            calls.incrementAndGet();
            String json = "{\"prompts\": [" + com.fasterxml.jackson.databind.node.TextNode.valueOf(prompt) + "]}";
            return ChatResponse.builder().aiMessage(AiMessage.from(json)).build();
        }
    }

    private static ModelRoles withEditor(ModelRoles world, ChatModel editor) {
        return ModelRoles.builder().target(world.model(Role.TARGET)).judge(world.model(Role.JUDGE))
                .gradient(world.model(Role.GRADIENT)).summarizer(world.model(Role.SUMMARIZER)).editor(editor).build();
    }

    private static String initialWith(String line) {
        String initial = EXACT.task().prompt().text();
        int at = initial.indexOf("\n\nParcel:");
        return initial.substring(0, at) + "\n" + line + initial.substring(at);
    }

    private static Outcome run(HardWorld world, ChatModel editor, int proposals) {
        Split split = Split.of(world.dataset(), 30, 30, 30, 2);
        SearchTrace trace = new SearchTrace();
        try (PeerContext context = PeerContext.open(world.task(), withEditor(world.models(), editor), Pricing.none(),
                Budget.unlimited(), 8, Duration.ofSeconds(30), 2)) {
            PeerOutcome o = new Gepa(context, GepaOptions.paper().withProposals(proposals).withSeed(2)).run(split, trace);
            return new Outcome(o, trace, context.rate(o.best(), split.validation()));
        }
    }

    private record Outcome(PeerOutcome outcome, SearchTrace trace, List<Evaluation> validation) {
    }

    @Test
    void a_mutation_no_better_on_the_minibatch_is_rejected() {
        ScriptedEditor editor = new ScriptedEditor(initialWith("Be precise."));
        Outcome o = run(EXACT, editor, 6);
        assertThat(editor.calls.get()).as("the mutation was proposed").isPositive();
        assertThat(o.trace().acceptances()).isEmpty();
        assertThat(o.outcome().best().text()).isEqualTo(EXACT.task().prompt().text());
    }

    @Test
    void a_mutation_worse_on_the_minibatch_is_rejected() {
        String noFormat = EXACT.task().prompt().text().replace("Reply with the handling code only", "Reply with the code");
        ScriptedEditor editor = new ScriptedEditor(noFormat + "\n" + HardWorld.statement("HEAVY"));
        Outcome o = run(EXACT, editor, 6);
        assertThat(editor.calls.get()).isPositive();
        assertThat(o.trace().acceptances()).isEmpty();
    }

    @Test
    void a_strictly_better_mutation_joins_the_pool_and_wins() {
        StringBuilder rules = new StringBuilder();
        for (String r : HardWorld.hiddenRules()) {
            rules.append(rules.length() == 0 ? "" : "\n").append(HardWorld.statement(r));
        }
        String better = initialWith(rules.toString());
        Outcome o = run(EXACT, new ScriptedEditor(better), 4);
        assertThat(o.trace().acceptances()).hasSize(1);
        assertThat(o.trace().acceptances().get(0).child().text()).isEqualTo(better);
        assertThat(o.outcome().best().text()).isEqualTo(better);
    }

    @Test
    void reflecting_on_the_judges_feedback_improves_the_prompt_in_both_worlds() {
        SimulatedWorld simple = SimulatedWorld.create();
        Split split = Split.of(simple.dataset(), 30, 30, 30, 3);
        try (PeerContext context = PeerContext.open(simple.task(), simple.models(), Pricing.none(), Budget.unlimited(),
                8, Duration.ofSeconds(30), 3)) {
            SearchTrace trace = new SearchTrace();
            PeerOutcome o = new Gepa(context, GepaOptions.paper().withProposals(20).withSeed(3)).run(split, trace);
            assertThat(mean(context.rate(o.best(), split.test()))).isGreaterThan(mean(context.rate(simple.task().prompt(), split.test())) + 0.3);
            assertThat(trace.acceptances()).isNotEmpty();
            assertThat(trace.steps()).extracting(SearchTrace.Step::calls).isSorted();
        }
        Outcome hard = run(HardWorld.create(5), HardWorld.create(5).models().model(Role.EDITOR), 20);
        assertThat(mean(hard.validation())).isGreaterThan(0.5);
    }

    @Test
    void a_budget_ends_the_search_with_the_best_prompt_so_far() {
        HardWorld world = HardWorld.create(7);
        Split split = Split.of(world.dataset(), 30, 30, 30, 2);
        for (long calls : new long[] {10, 200}) {
            try (PeerContext context = PeerContext.open(world.task(), world.models(), Pricing.none(),
                    new Budget(null, calls, null), 8, Duration.ofSeconds(30), 2)) {
                PeerOutcome o = new Gepa(context, GepaOptions.paper().withProposals(100).withSeed(2)).run(split);
                assertThat(o.stopReason()).as(calls + " calls").isEqualTo("budget");
                assertThat(o.best().placeholders()).containsExactly("parcel");
                assertThat(context.usage().calls()).isLessThanOrEqualTo(calls + 8);
            }
        }
    }

    @Test
    void merge_is_off_by_default_and_merges_two_descendants_lines() {
        assertThat(GepaOptions.paper().merge()).isFalse();
        String ancestor = "A\nB\n{q}";
        String merged = GepaMerge.merge(ancestor, "A\nB\nC\n{q}", "A\nD\n{q}");
        assertThat(merged).isEqualTo("A\nC\nD\n{q}");
        Outcome o = runMerge();
        assertThat(o.outcome().best().placeholders()).containsExactly("parcel");
    }

    private static Outcome runMerge() {
        HardWorld world = HardWorld.create(6);
        Split split = Split.of(world.dataset(), 30, 30, 30, 2);
        SearchTrace trace = new SearchTrace();
        try (PeerContext context = PeerContext.open(world.task(), world.models(), Pricing.none(), Budget.unlimited(), 8,
                Duration.ofSeconds(30), 2)) {
            PeerOutcome o = new Gepa(context, GepaOptions.paper().withProposals(20).withMerge(true).withSeed(2)).run(split, trace);
            return new Outcome(o, trace, context.rate(o.best(), split.validation()));
        }
    }

    private static double mean(List<Evaluation> evaluations) {
        return evaluations.stream().mapToDouble(e -> e.score().value()).average().orElseThrow();
    }

}
