package dev.gradsum.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Reasoning in content as model servers send it: {@code <think>…</think>} before the answer
 * (DeepSeek-R1, deepseek-ai/DeepSeek-R1#23; Qwen3 on vLLM without a reasoning parser), and the answer
 * that begins with reasoning and has only the closing tag (RooCodeInc/Roo-Code#1087,
 * datawhalechina/self-llm#356). See /work/shared/provider-behaviour.md.
 */
class ThinkingTextTest {
    @Test
    void a_think_block_before_the_answer_is_reasoning() {
        ThinkingText.Separated s = ThinkingText.separate(
                "<think>\nDraft: {\"score\": 0}. No wait, it is right.\n</think>\n\n{\"reasoning\": \"ok\", \"score\": 1}", null);
        assertThat(s.answer()).isEqualTo("{\"reasoning\": \"ok\", \"score\": 1}");
        assertThat(s.reasoning()).isEqualTo("Draft: {\"score\": 0}. No wait, it is right.");
    }

    @Test
    void an_answer_with_only_the_closing_tag_began_with_reasoning() {
        ThinkingText.Separated s = ThinkingText.separate("Let me think about Paris.\n</think>\n\nParis", null);
        assertThat(s.answer()).isEqualTo("Paris");
        assertThat(s.reasoning()).isEqualTo("Let me think about Paris.");
    }

    @Test
    void an_opening_tag_never_closed_means_the_answer_was_cut_while_thinking() {
        ThinkingText.Separated s = ThinkingText.separate("<think>The user wants a capital, so", null);
        assertThat(s.answer()).isEmpty();
        assertThat(s.reasoning()).isEqualTo("The user wants a capital, so");
    }

    @Test
    void the_provider_reasoning_field_is_kept_and_the_content_is_the_answer() {
        ThinkingText.Separated s = ThinkingText.separate("Paris", "The capital of France is Paris.");
        assertThat(s.answer()).isEqualTo("Paris");
        assertThat(s.reasoning()).isEqualTo("The capital of France is Paris.");
    }

    @Test
    void text_without_tags_is_left_as_it_is_apart_from_surrounding_space() {
        ThinkingText.Separated s = ThinkingText.separate("  I think it is Paris. \n", null);
        assertThat(s.answer()).isEqualTo("I think it is Paris.");
        assertThat(s.reasoning()).isEmpty();
        assertThat(ThinkingText.separate(null, null).answer()).isEmpty();
    }

    @Test
    void several_blocks_and_the_thinking_spelling_are_all_reasoning() {
        ThinkingText.Separated s = ThinkingText.separate("<THINKING>one</THINKING>A<think>two</think>B", null);
        assertThat(s.answer()).isEqualTo("AB");
        assertThat(s.reasoning()).isEqualTo("one\n\ntwo");
    }
}
