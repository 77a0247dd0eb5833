package dev.gradsum.modules;

import static dev.gradsum.modules.MetaPromptAssertions.llm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.metric.Metric;
import dev.gradsum.metric.Score;
import dev.gradsum.model.Role;
import dev.gradsum.testing.ScriptedChatModel.Answer;
import dev.gradsum.testing.ScriptedChatModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The target's refusals and unusable replies (see /work/shared/provider-behaviour.md): a content filter
 * (finish reason {@code content_filter}; Gemini {@code SAFETY}) is a failed answer with its reason,
 * never left out of the score; an answer cut at the limit with nothing in it (vllm-project/vllm#52640)
 * is a failed call, an evaluation error, never a wrong answer; reasoning in the content
 * (Qwen3 on vLLM, datawhalechina/self-llm#356) never reaches the metric.
 */
class RefusedAnswersTest {
    private static final List<Example> ROWS = List.of(
            new Example("1", Map.of("q", "refuse me", "a", "x")),
            new Example("2", Map.of("q", "cut me", "a", "x")),
            new Example("3", Map.of("q", "think first", "a", "Paris")));

    @Test
    void a_refusal_scores_0_with_its_reason_a_cut_answer_is_an_error_and_reasoning_is_left_out() {
        ScriptedChatModel target = ScriptedChatModel.responding("target", c -> c.user().contains("refuse") ? Answer.filtered()
                : c.user().contains("cut") ? Answer.cut("<think>Hmm, let me")
                : Answer.of("Okay, the user asks for a capital.\n</think>\n\nParis"));
        List<Generation> generations = new Generator(llm(Role.TARGET, target), Runnable::run)
                .generate(PromptTemplate.of("{q}"), ROWS);
        List<Evaluation> rated = new Evaluator(Metric.exact("a"), Runnable::run).evaluate(generations);

        Score refused = rated.get(0).score();
        assertThat(refused.error()).as("counted in the score, not left out").isFalse();
        assertThat(refused.value()).isZero();
        assertThat(refused.reason()).startsWith("answer refused:").contains("refused");
        assertThat(generations.get(0).refused()).isTrue();

        Score cut = rated.get(1).score();
        assertThat(cut.error()).as("a failed call, not a wrong answer").isTrue();
        assertThat(cut.reason()).contains("cut at the output-token limit");

        assertThat(generations.get(2).output()).isEqualTo("Paris");
        assertThat(generations.get(2).reasoning()).isEqualTo("Okay, the user asks for a capital.");
        assertThat(rated.get(2).score().passed()).isTrue();
        assertThat(GradientGenerator.isFailure(rated.get(0))).as("a refusal is a failure of the prompt").isTrue();
        assertThat(GradientGenerator.isFailure(rated.get(1))).isFalse();
    }
}
