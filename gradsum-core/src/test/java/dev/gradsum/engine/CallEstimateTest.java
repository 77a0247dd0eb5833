package dev.gradsum.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.GradSum;
import dev.gradsum.data.Example;
import dev.gradsum.data.Split;
import dev.gradsum.engine.CallEstimate.Range;
import dev.gradsum.metric.Metric;
import dev.gradsum.model.ModelRoles;
import dev.gradsum.model.Role;
import dev.gradsum.prompts.MetaPrompts;
import dev.gradsum.search.SearchOptions;
import dev.gradsum.task.Criteria;
import dev.gradsum.task.Task;
import dev.gradsum.testing.ScriptedChatModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The arithmetic of {@link CallEstimate}; {@link CallEstimateLoopTest} holds it against the real loop. */
class CallEstimateTest {
    private static final Criteria JUDGED = Criteria.binary("Is it correct").expecting("a");

    private static Split split() {
        List<Example> rows = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            rows.add(new Example("r" + i, Map.of("q", "question " + i, "a", String.valueOf(i))));
        }
        return new Split(rows.subList(0, 4), rows.subList(4, 8), rows.subList(8, 12));
    }

    private static Task task(boolean judged) {
        Task.Builder b = Task.builder().description("Answer.").prompt("Q: {q}");
        return (judged ? b.criteria(JUDGED) : b.metric(Metric.exact("a"))).build();
    }

    /** The search options of a GradSum configured with these knobs (beam 2, 2 iterations, K 2, patience 2). */
    private static SearchOptions options(boolean summarize, int iterations) {
        return GradSum.builder().task(task(true)).models(ModelRoles.of(ScriptedChatModel.answering("x"))).split(split())
                .beamSize(2).iterations(iterations).candidatesPerPrompt(2).minibatchSize(30).patience(2)
                .summarize(summarize).stopWhenLearned(false).build().options();
    }

    private static CallEstimate estimate(boolean judged, boolean summarize, int iterations, Integer maxAnswerTokens) {
        return CallEstimate.of(task(judged), split(), options(summarize, iterations), MetaPrompts.defaults(),
                maxAnswerTokens);
    }

    @Test
    void calls_follow_the_loop_with_the_beam_growing_from_the_initial_prompt() {
        // m = v = t = 4; K = 2; beam 1 then 2
        CallEstimate e = estimate(true, true, 2, null);

        // low: 2 iterations of the initial prompt on the 4 training rows, rated once on validation and test;
        // high: (1·4 + 3·4) + (2·4 + 4·4) + 2·4 test
        assertThat(e.calls(Role.TARGET)).isEqualTo(new Range(16, 48));
        assertThat(e.calls(Role.JUDGE)).isEqualTo(new Range(16, 48));
        assertThat(e.calls(Role.GRADIENT)).isEqualTo(new Range(0, 12));
        assertThat(e.calls(Role.SUMMARIZER)).isEqualTo(new Range(0, 3));
        // edits 1 + 2, plus one repair per candidate (2 + 4)
        assertThat(e.calls(Role.EDITOR)).isEqualTo(new Range(0, 9));
        assertThat(e.totalCalls()).isEqualTo(new Range(32, 120));
    }

    @Test
    void a_search_that_stops_when_nothing_is_left_to_learn_can_stop_after_one_iteration() {
        SearchOptions stopping = options(true, 2).toBuilder().stopWhenLearned(true).build();
        CallEstimate e = CallEstimate.of(task(true), split(), stopping, MetaPrompts.defaults(), null);

        // low: one iteration of the initial prompt on the 4 training rows, rated once on validation and test
        assertThat(e.calls(Role.TARGET)).isEqualTo(new Range(12, 48));
    }

    @Test
    void a_programmatic_metric_makes_no_judge_calls_and_the_ablation_no_summaries() {
        CallEstimate e = estimate(false, false, 2, null);

        assertThat(e.calls(Role.JUDGE)).isEqualTo(Range.ZERO);
        assertThat(e.calls(Role.SUMMARIZER)).isEqualTo(Range.ZERO);
        assertThat(e.calls(Role.EDITOR).high()).isEqualTo(9);
    }

    @Test
    void without_iterations_only_the_initial_prompt_answers_the_test_rows() {
        CallEstimate e = estimate(true, true, 0, null);

        assertThat(e.calls(Role.TARGET)).isEqualTo(new Range(4, 4));
        assertThat(e.calls(Role.EDITOR)).isEqualTo(Range.ZERO);
    }

    @Test
    void repeated_training_calls_count_as_calls_but_their_tokens_come_from_the_cache() {
        CallEstimate two = estimate(true, true, 2, null);
        CallEstimate one = estimate(true, true, 1, null);

        // the second iteration's 4 training calls repeat the first's (the minibatch is the whole training set)
        assertThat(two.calls(Role.TARGET).low() - one.calls(Role.TARGET).low()).isEqualTo(4);
        assertThat(two.inputTokens(Role.TARGET).low()).isEqualTo(one.inputTokens(Role.TARGET).low());
    }

    @Test
    void tokens_grow_with_the_range_and_a_max_tokens_cap_shortens_answers() {
        CallEstimate e = estimate(true, true, 2, null);
        CallEstimate capped = estimate(true, true, 2, 10);

        assertThat(e.inputTokens(Role.EDITOR).high()).isGreaterThan(e.inputTokens(Role.EDITOR).low());
        assertThat(e.outputTokens(Role.TARGET).high()).isEqualTo(48L * CallEstimate.ANSWER_TOKENS);
        assertThat(capped.outputTokens(Role.TARGET).high()).isEqualTo(48L * 10);
    }
}
