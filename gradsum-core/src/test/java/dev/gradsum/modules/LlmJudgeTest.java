package dev.gradsum.modules;

import static dev.gradsum.modules.MetaPromptAssertions.assertFilledWithAllTags;
import static dev.gradsum.modules.MetaPromptAssertions.llm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradsum.data.Example;
import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.metric.Score;
import dev.gradsum.model.Role;
import dev.gradsum.prompts.MetaPrompts;
import dev.gradsum.task.Criteria;
import dev.gradsum.testing.ScriptedChatModel;
import dev.langchain4j.exception.AuthenticationException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmJudgeTest {
    private static final Example ROW = new Example("7", ordered("question", "What is 6*7?", "answer", "42"));
    private static final Criteria MATCHES = Criteria.binary("The output must state <EXPECTED ANSWER> as the result.").expecting("answer");

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return fields;
    }

    private static LlmJudge judge(ScriptedChatModel model, Criteria criteria) {
        return new LlmJudge(llm(Role.JUDGE, model), criteria, "Solve arithmetic questions.", MetaPrompts.defaults());
    }

    @Test
    void the_request_fills_evaluator_md_with_every_tag_and_substitutes_the_expected_answer() {
        ScriptedChatModel model = ScriptedChatModel.answering("{\"reasoning\": \"states 42\", \"score\": 1}");
        judge(model, MATCHES).score(ROW, "It is 42.");

        String request = model.calls().get(0).user();
        assertFilledWithAllTags(request, MetaPrompts.EVALUATOR);
        assertThat(request).contains("The output must state 42 as the result.").doesNotContain("<EXPECTED ANSWER>");
        assertThat(request).contains("<input>\nWhat is 6*7?\n</input>").contains("<output>\nIt is 42.\n</output>");
        assertThat(request).contains("<expected>\n42\n</expected>");
    }

    @Test
    void input_and_output_markers_in_the_criteria_are_replaced() {
        ScriptedChatModel model = ScriptedChatModel.answering("{\"reasoning\": \"r\", \"score\": 0}");
        judge(model, Criteria.binary("Does <OUTPUT> answer <INPUT>?")).score(ROW, "fish");

        assertThat(model.calls().get(0).user()).contains("Does fish answer question: What is 6*7?\nanswer: 42?")
                .doesNotContain("<expected>\n");
    }

    @Test
    void fenced_json_with_prose_around_it_is_read() {
        ScriptedChatModel model = ScriptedChatModel.answering(
                "Let me check.\n```json\n{\"reasoning\": \"The output says 42.\", \"score\": 1}\n```\nDone.");
        Score score = judge(model, MATCHES).score(ROW, "42");

        assertThat(score).isEqualTo(new Score(1, true, "The output says 42.", false));
        assertThat(model.callCount()).isEqualTo(1);
    }

    @Test
    void binary_scores_accept_true_false_and_quoted_digits() {
        assertThat(judge(ScriptedChatModel.answering("{\"reasoning\": \"\", \"score\": true}"), MATCHES).score(ROW, "42").passed()).isTrue();
        assertThat(judge(ScriptedChatModel.answering("{\"reasoning\": \"\", \"score\": \"1\"}"), MATCHES).score(ROW, "42").passed()).isTrue();
        Score fail = judge(ScriptedChatModel.answering("{\"reasoning\": \"no\", \"score\": false}"), MATCHES).score(ROW, "41");
        assertThat(fail).isEqualTo(Score.fail("no"));
    }

    @Test
    void malformed_judge_json_is_retried_once_then_an_error_score_saying_why() {
        ScriptedChatModel model = ScriptedChatModel.answering("{\"reasoning\": \"The output is");
        Score score = judge(model, MATCHES).score(ROW, "42");

        assertThat(score.error()).isTrue();
        assertThat(score.passed()).isFalse();
        assertThat(score.reason()).isEqualTo("judge answer unusable twice: the answer holds no valid JSON object");
        assertThat(model.callCount()).isEqualTo(2);
        String retry = model.calls().get(1).user();
        assertFilledWithAllTags(retry, MetaPrompts.ANSWER_RETRY);
        assertThat(retry).contains(model.calls().get(0).user()).contains("the answer holds no valid JSON object");
    }

    @Test
    void a_retry_that_answers_properly_gives_the_score() {
        ScriptedChatModel model = ScriptedChatModel.inTurn("I would say it passes.", "{\"reasoning\": \"ok\", \"score\": 1}");
        Score score = judge(model, MATCHES).score(ROW, "42");

        assertThat(score).isEqualTo(Score.pass("ok"));
        assertThat(model.callCount()).isEqualTo(2);
    }

    @Test
    void a_one_to_ten_scale_is_checked_and_normalised() {
        Criteria rubric = Criteria.scale("Rate helpfulness.", 10);
        Score seven = judge(ScriptedChatModel.answering("{\"reasoning\": \"decent\", \"score\": 7}"), rubric).score(ROW, "42");
        assertThat(seven.value()).isEqualTo(6.0 / 9.0);
        assertThat(seven.passed()).isFalse(); // below the default 0.75
        Score eight = judge(ScriptedChatModel.answering("{\"reasoning\": \"good\", \"score\": 8}"), rubric).score(ROW, "42");
        assertThat(eight.value()).isEqualTo(7.0 / 9.0);
        assertThat(eight.passed()).isTrue();
        assertThat(judge(ScriptedChatModel.answering("{\"score\": 1}"), rubric).score(ROW, "x").value()).isZero();
        assertThat(judge(ScriptedChatModel.answering("{\"score\": 10}"), rubric).score(ROW, "x").value()).isEqualTo(1.0);
    }

    @Test
    void an_out_of_range_score_is_retried_then_an_error_never_a_silent_value() {
        ScriptedChatModel scale = ScriptedChatModel.answering("{\"reasoning\": \"great\", \"score\": 11}");
        Score score = judge(scale, Criteria.scale("Rate it.", 10)).score(ROW, "42");
        assertThat(score.error()).isTrue();
        assertThat(score.reason()).contains("\"score\" is 11 but the scale is 1 to 10");
        assertThat(scale.callCount()).isEqualTo(2);

        ScriptedChatModel binary = ScriptedChatModel.answering("{\"reasoning\": \"great\", \"score\": 5}");
        assertThat(judge(binary, MATCHES).score(ROW, "42").reason()).contains("binary: give 0 or 1");
    }

    @Test
    void a_call_that_fails_for_good_is_an_error_score() {
        ScriptedChatModel model = new ScriptedChatModel("m", call -> {
            throw new AuthenticationException("bad key");
        });
        Score score = judge(model, MATCHES).score(ROW, "42");

        assertThat(score.error()).isTrue();
        assertThat(score.reason()).startsWith("judge call failed:");
    }

    @Test
    void a_row_without_the_expected_field_is_an_error_score_naming_it_without_a_call() {
        ScriptedChatModel model = ScriptedChatModel.answering("{\"score\": 1}");
        Score score = judge(model, MATCHES).score(new Example("9", Map.of("question", "q")), "42");

        assertThat(score.error()).isTrue();
        assertThat(score.reason()).isEqualTo("judge: field \"answer\" is missing from example 9 (fields: question)");
        assertThat(model.callCount()).isZero();
    }

    @Test
    void criteria_using_the_expected_answer_marker_need_an_expected_field() {
        assertThatThrownBy(() -> judge(ScriptedChatModel.answering("{}"), Criteria.binary("Must equal <EXPECTED ANSWER>.")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("<EXPECTED ANSWER>");
    }

    @Test
    void the_judge_names_its_scale_and_its_expected_field() {
        assertThat(judge(ScriptedChatModel.answering("{}"), MATCHES).name()).isEqualTo("judge");
        assertThat(judge(ScriptedChatModel.answering("{}"), MATCHES).expectedField()).isEqualTo("answer");
        assertThat(judge(ScriptedChatModel.answering("{}"), Criteria.scale("x", 5)).name()).isEqualTo("judge(1..5)");
    }

    /**
     * Qwen3 / DeepSeek-R1 behind vLLM without a reasoning parser put a draft verdict inside
     * {@code <think>} (deepseek-ai/DeepSeek-R1#23) and write loose JSON (manhhailua/lorekeep#192): the
     * score comes from the answer after the reasoning, read leniently, with no retry.
     */
    @Test
    void a_draft_verdict_in_think_text_is_not_the_score_and_loose_json_is_read() {
        ScriptedChatModel model = ScriptedChatModel.answering("<think>First guess: {\"reasoning\": \"wrong\", \"score\": 0}."
                + " But 42 is stated.</think>\n```json\n{'reasoning': 'states 42', 'score': 1,}\n```");
        Score score = judge(model, MATCHES).score(ROW, "It is 42.");
        assertThat(score.passed()).isTrue();
        assertThat(score.reason()).isEqualTo("states 42");
        assertThat(model.callCount()).isEqualTo(1);
    }

    @Test
    void a_judge_answer_cut_at_the_limit_is_an_error_not_a_wrong_answer() {
        ScriptedChatModel model = ScriptedChatModel.responding("judge",
                c -> ScriptedChatModel.Answer.cut("{\"reasoning\": \"The output states")).maxTokens(16);
        Score score = judge(model, MATCHES).score(ROW, "It is 42.");
        assertThat(score.error()).isTrue();
        assertThat(score.reason()).startsWith("judge call failed:").contains("max tokens 16");
        assertThat(model.callCount()).isEqualTo(1);
    }
}
