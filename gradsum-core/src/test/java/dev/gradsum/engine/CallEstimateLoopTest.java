package dev.gradsum.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.GradSum;
import dev.gradsum.llm.CallCache;
import dev.gradsum.metric.Metric;
import dev.gradsum.model.ModelRoles;
import dev.gradsum.model.Pricing;
import dev.gradsum.model.RetryPolicy;
import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import dev.gradsum.prompts.MetaPrompts;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.search.StopReason;
import dev.gradsum.simulation.SimulatedWorld;
import dev.gradsum.task.Task;
import dev.gradsum.testing.ScriptedChatModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real loop against its {@link CallEstimate}: each role's calls (paid plus answered from the
 * cache) lie in the estimate's range, and the two scenarios the range is made of are reached exactly.
 */
class CallEstimateLoopTest {
    /** The estimate for {@code g}'s task, split and options. */
    private static CallEstimate estimate(GradSum g) {
        return CallEstimate.of(g.task(), g.split(), g.options(), MetaPrompts.defaults(), null);
    }

    private static long made(OptimizationResult r, Role role) {
        Usage u = r.usage().getOrDefault(role, Usage.ZERO);
        assertThat(u.failures()).as(role + " failures").isZero();
        return u.calls() + u.cachedCalls();
    }

    private static OptimizationResult assertWithinEstimate(GradSum g) {
        OptimizationResult r = g.optimize();
        CallEstimate e = estimate(g);
        for (Role role : Role.values()) {
            assertThat(made(r, role)).as(role.key() + " calls, estimated " + e.calls(role))
                    .isBetween(e.calls(role).low(), e.calls(role).high());
        }
        return r;
    }

    private static GradSum.Builder world(Task task, boolean summarize) {
        SimulatedWorld w = SimulatedWorld.create();
        return GradSum.builder().task(task).models(w.models()).dataset(w.dataset()).splitSizes(12, 8, 8)
                .pricing(Pricing.none()).bootstrapSamples(200).seed(3).summarize(summarize);
    }

    @ParameterizedTest(name = "summarize={0}")
    @ValueSource(booleans = {true, false})
    void the_simulated_world_with_its_llm_judge_stays_in_range(boolean summarize) {
        // minibatch 6 of 12 training rows: every iteration draws new rows; beam 3, K 3
        GradSum g = world(SimulatedWorld.create().task(), summarize).beamSize(3).candidatesPerPrompt(3)
                .iterations(3).patience(3).minibatchSize(6).build();

        OptimizationResult r = assertWithinEstimate(g);

        assertThat(r.iterations()).hasSize(3);
        assertThat(r.iterations().get(2).beam()).hasSizeGreaterThan(1);
        assertThat(made(r, Role.JUDGE)).isPositive();
        assertThat(made(r, Role.SUMMARIZER) > 0).isEqualTo(summarize);
    }

    @Test
    void the_simulated_world_scored_by_a_metric_stays_in_range_with_repeated_minibatches() {
        // the minibatch is the whole training set, so a prompt kept in the beam asks its rows again (cache)
        Task judged = SimulatedWorld.create().task();
        Task metric = Task.builder().name(judged.name()).description(judged.description()).prompt(judged.prompt())
                .metric(Metric.exact(judged.criteria().expectedField())).criteria(judged.criteria()).build();
        GradSum g = world(metric, true).beamSize(2).candidatesPerPrompt(2).iterations(4).patience(2).build();

        OptimizationResult r = assertWithinEstimate(g);

        assertThat(made(r, Role.JUDGE)).isZero();
        assertThat(r.usage().values().stream().mapToLong(Usage::cachedCalls).sum()).isPositive();
    }

    @Test
    void a_search_stopped_by_patience_stays_in_range() {
        // the children are never better than the initial prompt
        GradSum g = LoopFixture.builder(LoopFixture.target(), LoopFixture.optimizer(p -> List.of(p + "?", p + " ?")),
                        LoopFixture.split(6, 5, 5))
                .task(LoopFixture.task("Answer {q}!")).beamSize(2).candidatesPerPrompt(2).iterations(6).patience(2)
                .build();

        OptimizationResult r = assertWithinEstimate(g);

        assertThat(r.stopReason()).isEqualTo(StopReason.NO_IMPROVEMENT);
        assertThat(r.iterations()).hasSize(2);
    }

    @ParameterizedTest(name = "stopWhenLearned={0}")
    @ValueSource(booleans = {true, false})
    void a_prompt_that_never_fails_makes_exactly_the_low_calls(boolean stopWhenLearned) {
        // every answer passes: no gradient, no candidate; the search stops after one iteration (nothing to
        // learn) or, with that switched off, after `patience` iterations
        GradSum g = LoopFixture.builder(ScriptedChatModel.answering("ok"), LoopFixture.optimizer(p -> List.of(p + "!")),
                LoopFixture.split(4, 3, 2)).beamSize(3).iterations(5).patience(2).stopWhenLearned(stopWhenLearned)
                .build();

        OptimizationResult r = g.optimize();

        CallEstimate e = estimate(g);
        for (Role role : Role.values()) {
            assertThat(made(r, role)).as(role.key()).isEqualTo(e.calls(role).low());
        }
        assertThat(e.calls(Role.TARGET).low()).isEqualTo((stopWhenLearned ? 1 : 2) * 4 + 3 + 2);
    }

    @ParameterizedTest(name = "summarize={0}")
    @ValueSource(booleans = {true, false})
    void a_search_where_everything_fails_and_every_child_wins_makes_exactly_the_high_calls(boolean summarize) {
        GradSum g = LoopFixture.builder(trainFailingTarget(), repairingOptimizer(), LoopFixture.split(3, 4, 2))
                .beamSize(3).candidatesPerPrompt(2).iterations(3).patience(1).summarize(summarize).build();

        OptimizationResult r = g.optimize();

        CallEstimate e = estimate(g);
        assertThat(r.iterations()).hasSize(3);
        for (Role role : Role.values()) {
            assertThat(made(r, role)).as(role.key()).isEqualTo(e.calls(role).high());
        }
        // beam 1, 3, 3; K 2: 1 + 2 repairs, then 3 + 6 twice
        assertThat(e.calls(Role.EDITOR).high()).isEqualTo(3 + 9 + 9);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gate", "halving", "gate+halving"})
    void the_gate_and_halving_make_exactly_their_high_calls(String variant) {
        // every child ties its parent on the (all failing) minibatch, so the gate lets all through
        GradSum.Builder b = LoopFixture.builder(trainFailingTarget(), repairingOptimizer(), LoopFixture.split(3, 4, 2))
                .beamSize(3).candidatesPerPrompt(2).iterations(3).patience(1)
                .minibatchGate(variant.contains("gate"));
        if (variant.contains("halving")) {
            b.validation(dev.gradsum.search.SearchOptions.Validation.HALVING);
        }
        GradSum g = b.build();

        OptimizationResult r = g.optimize();

        CallEstimate e = estimate(g);
        assertThat(r.iterations()).hasSize(3);
        for (Role role : Role.values()) {
            assertThat(made(r, role)).as(role.key()).isEqualTo(e.calls(role).high());
        }
        // children 2, 6, 6; the gate: each answers 3 training rows; halving (keep 3): 2 children answer all 4 rows,
        // 6 children answer rows 1-2 and the better 3 rows 3-4
        long validation = 4 + (variant.contains("halving") ? 2 * 4 + 2 * (6 * 2 + 3 * 2) : 14 * 4);
        long gate = variant.contains("gate") ? 14 * 3 : 0;
        assertThat(e.calls(Role.TARGET).high()).isEqualTo(7 * 3 + validation + gate + 2 * 2);
    }

    @Test
    void judge_samples_multiply_the_judge_calls_and_stay_in_range() {
        GradSum g = world(SimulatedWorld.create().task(), true).beamSize(2).candidatesPerPrompt(2)
                .iterations(2).patience(2).minibatchSize(6).judgeSamples(3).build();

        OptimizationResult r = assertWithinEstimate(g);

        assertThat(made(r, Role.JUDGE)).isEqualTo(3 * made(r, Role.TARGET));
    }

    /** Fails every training row; on other rows right when the prompt has more '!' than the row's difficulty. */
    private static ScriptedChatModel trainFailingTarget() {
        return new ScriptedChatModel("target", call -> call.text().contains("train-") ? "no"
                : LoopFixture.answer(call.text()));
    }

    private static final Pattern CANDIDATE = Pattern.compile("(?s)<candidate>\\n(.*?)\\n</candidate>");

    /**
     * Gradient, summarizer and editor: every candidate the editor writes loses the placeholder and is
     * repaired into a distinct prompt with one more '!' than its parent, so every child beats its parent.
     */
    private static ScriptedChatModel repairingOptimizer() {
        AtomicInteger serial = new AtomicInteger();
        Function<String, List<String>> broken = parent -> {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                out.add(parent.replace("{q}", "the question " + i) + "!");
            }
            return out;
        };
        ScriptedChatModel usual = LoopFixture.optimizer(broken);
        return new ScriptedChatModel("optimizer", call -> {
            Matcher m = CANDIDATE.matcher(call.text());
            if (m.find()) {
                String repaired = m.group(1).replaceFirst("the question \\d", "{q}") + " v" + serial.incrementAndGet();
                return LoopFixture.prompts(List.of(repaired));
            }
            return usual.chat(call.user());
        });
    }
}
