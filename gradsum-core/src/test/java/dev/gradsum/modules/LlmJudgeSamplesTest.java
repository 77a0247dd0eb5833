package dev.gradsum.modules;

import static dev.gradsum.modules.MetaPromptAssertions.llm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.data.Example;
import dev.gradsum.metric.Score;
import dev.gradsum.model.Role;
import dev.gradsum.prompts.MetaPrompts;
import dev.gradsum.task.Criteria;
import dev.gradsum.testing.ScriptedChatModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code judge_samples}: each answer rated n times, sampled, combined; the cache keeps the samples apart. */
class LlmJudgeSamplesTest {
    private static final Example ROW = new Example("7", Map.of("question", "What is 6*7?", "answer", "42"));
    private static final Criteria MATCHES = Criteria.binary("The output must state <EXPECTED ANSWER>.").expecting("answer");

    private static String verdict(int score) {
        return "{\"reasoning\": \"verdict " + score + "\", \"score\": " + score + "}";
    }

    @Test
    void n_samples_make_n_distinct_sampled_judge_calls_per_answer_and_the_cache_replays_each() {
        ScriptedChatModel model = ScriptedChatModel.inTurn(verdict(1), verdict(0), verdict(1));
        LlmJudge judge = new LlmJudge(llm(Role.JUDGE, model), MATCHES, "Arithmetic.", MetaPrompts.defaults(), 3);

        Score first = judge.score(ROW, "42");

        // were the samples one cache key, the second and third would be answered by the first call
        assertThat(model.callCount()).isEqualTo(3);
        assertThat(model.calls()).allSatisfy(c -> assertThat(c.temperature()).isEqualTo(LlmJudge.SAMPLING_TEMPERATURE));
        assertThat(first.value()).isCloseTo(2 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(first.passed()).isTrue();
        assertThat(first.reason()).startsWith("2 of 3 judge samples passed. verdict 1");
        assertThat(judge.score(ROW, "42")).isEqualTo(first);
        assertThat(model.callCount()).isEqualTo(3);
    }

    @Test
    void one_sample_is_the_unsampled_request_of_the_paper() {
        ScriptedChatModel model = ScriptedChatModel.answering(verdict(1));
        Score score = new LlmJudge(llm(Role.JUDGE, model), MATCHES, "Arithmetic.", MetaPrompts.defaults(), 1)
                .score(ROW, "42");

        assertThat(model.callCount()).isEqualTo(1);
        assertThat(model.calls().get(0).temperature()).isNull();
        assertThat(score).isEqualTo(new Score(1, true, "verdict 1", false));
    }

    @Test
    void samples_combine_into_the_mean_value_and_the_majority_verdict() {
        Score pass = Score.pass("yes");
        Score fail = Score.fail("no");
        Score error = Score.error("unreadable");

        assertThat(LlmJudge.combined(List.of(pass, fail, fail))).isEqualTo(
                new Score(1 / 3.0, false, "1 of 3 judge samples passed. no", false));
        // a tie is no majority: it fails
        assertThat(LlmJudge.combined(List.of(pass, fail)).passed()).isFalse();
        assertThat(LlmJudge.combined(List.of(pass, error, pass))).isEqualTo(
                new Score(1, true, "2 of 2 judge samples passed, 1 unusable. yes", false));
        assertThat(LlmJudge.combined(List.of(error, error)).error()).isTrue();
    }
}
