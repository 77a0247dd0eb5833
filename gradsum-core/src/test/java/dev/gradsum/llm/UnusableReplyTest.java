package dev.gradsum.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import dev.gradsum.testing.ScriptedChatModel.Answer;
import dev.gradsum.testing.ScriptedChatModel;
import dev.langchain4j.exception.ContentFilteredException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Replies that are no answer, as providers send them (see /work/shared/provider-behaviour.md):
 * {@code finish_reason: "length"} with the JSON cut (agent0ai/agent-zero#1836) or with empty content
 * because the budget went to reasoning (vllm-project/vllm#52640, ollama/ollama#15288); a refusal
 * ({@code content: null} with a {@code refusal} string, MacPaw/OpenAI#249), which LangChain4j 1.19
 * raises as {@link ContentFilteredException}; a content filter (finish reason {@code content_filter},
 * Gemini {@code SAFETY}).
 */
class UnusableReplyTest {
    private final CallCache cache = CallCache.inMemory();
    private final UnusableReplies tally = new UnusableReplies();
    private final CallPath path = CallPath.builder().sleeper(new RecordingSleeper()).cache(cache).listener(tally).build();

    @Test
    void a_reply_cut_at_the_token_limit_is_a_failed_call_that_is_not_cached_and_says_what_to_raise() {
        ScriptedChatModel model = ScriptedChatModel.responding("m",
                c -> Answer.cut("{\"prompts\": [\"one\", \"tw")).maxTokens(40);
        Llm llm = path.llm(Role.EDITOR, model);

        UnusableReplyException e = catchThrowableOfType(() -> llm.chat(LlmRequest.user("edit")), UnusableReplyException.class);
        assertThat(e.kind()).isEqualTo(UnusableReplyException.Kind.TRUNCATED);
        assertThat(e.reply().text()).isEqualTo("{\"prompts\": [\"one\", \"tw");
        assertThat(e.maxTokens()).isEqualTo(40);
        assertThat(e.getMessage()).contains("editor model m").contains("max tokens 40");

        assertThatThrownBy(() -> llm.chat(LlmRequest.user("edit"))).isInstanceOf(UnusableReplyException.class);
        assertThat(model.callCount()).as("never answered from the cache").isEqualTo(2);
        Usage usage = path.usage().get(Role.EDITOR);
        assertThat(usage.failures()).isEqualTo(2);
        assertThat(usage.calls()).isZero();
        assertThat(usage.outputTokens()).as("the tokens it cost still count").isPositive();
        assertThat(tally.lines()).containsExactly("2 editor answers cut at max tokens 40: raise the editor model's max tokens");
    }

    @Test
    void an_empty_answer_after_reasoning_is_a_failed_call() {
        ScriptedChatModel model = ScriptedChatModel.responding("m", c -> new Answer("", "thinking all the way", null));
        Llm llm = path.llm(Role.JUDGE, model);

        UnusableReplyException e = catchThrowableOfType(() -> llm.chat(LlmRequest.user("rate")), UnusableReplyException.class);
        assertThat(e.kind()).isEqualTo(UnusableReplyException.Kind.EMPTY);
        assertThat(e.reply().reasoning()).isEqualTo("thinking all the way");
        assertThat(tally.lines()).singleElement().asString().startsWith("1 judge answer empty");
    }

    @Test
    void only_think_text_cut_at_the_limit_is_a_truncated_call_with_no_answer() {
        ScriptedChatModel model = ScriptedChatModel.responding("m", c -> Answer.cut("<think>Let me weigh each option"));
        Llm llm = path.llm(Role.TARGET, model);

        UnusableReplyException e = catchThrowableOfType(() -> llm.chat(LlmRequest.user("q")), UnusableReplyException.class);
        assertThat(e.kind()).isEqualTo(UnusableReplyException.Kind.TRUNCATED);
        assertThat(e.reply().text()).isEmpty();
        assertThat(tally.lines()).containsExactly("1 target answer cut at the provider's default max tokens: raise the target model's max tokens");
    }

    @Test
    void a_content_filter_and_a_refusal_are_refused_replies() {
        Llm filtered = path.llm(Role.TARGET, ScriptedChatModel.responding("m", c -> Answer.filtered()));
        assertThat(catchThrowableOfType(() -> filtered.chat(LlmRequest.user("q")), UnusableReplyException.class).kind())
                .isEqualTo(UnusableReplyException.Kind.REFUSED);

        Llm refusing = path.llm(Role.TARGET, new ScriptedChatModel("m", c -> {
            throw new ContentFilteredException("I'm sorry, I can't help with that.");
        }));
        UnusableReplyException e = catchThrowableOfType(() -> refusing.chat(LlmRequest.user("q")), UnusableReplyException.class);
        assertThat(e.kind()).isEqualTo(UnusableReplyException.Kind.REFUSED);
        assertThat(e.getMessage()).endsWith("refused: I'm sorry, I can't help with that.");
        assertThat(path.usage().get(Role.TARGET).failures()).isEqualTo(2);
        assertThat(tally.lines()).containsExactly("2 target answers refused by the model or a content filter: they count as failed answers (score 0)");
    }

    @Test
    void reasoning_is_taken_out_of_the_answer_and_kept_beside_it_also_in_the_cache() {
        ScriptedChatModel model = new ScriptedChatModel("m", c -> "<think>draft {\"score\": 0}</think>{\"score\": 1}");
        Llm llm = path.llm(Role.JUDGE, model);

        LlmReply first = llm.chat(LlmRequest.user("rate"));
        LlmReply second = llm.chat(LlmRequest.user("rate"));
        assertThat(first.text()).isEqualTo("{\"score\": 1}");
        assertThat(first.reasoning()).isEqualTo("draft {\"score\": 0}");
        assertThat(second.cached()).isTrue();
        assertThat(second.text()).isEqualTo(first.text());
        assertThat(second.reasoning()).isEqualTo(first.reasoning());
    }

    @Test
    void an_answer_the_caller_cannot_use_is_returned_but_never_replayed_from_the_cache() {
        AtomicInteger n = new AtomicInteger();
        ScriptedChatModel model = new ScriptedChatModel("m", c -> n.incrementAndGet() == 1 ? "not json" : "{\"score\": 1}");
        Llm llm = path.llm(Role.JUDGE, model);

        assertThat(llm.chat(LlmRequest.user("rate"), t -> t.startsWith("{")).text()).isEqualTo("not json");
        assertThat(llm.chat(LlmRequest.user("rate"), t -> t.startsWith("{")).text()).isEqualTo("{\"score\": 1}");
        LlmReply third = llm.chat(LlmRequest.user("rate"), t -> t.startsWith("{"));
        assertThat(third.cached()).isTrue();
        assertThat(model.callCount()).isEqualTo(2);
    }

    @Test
    void a_stored_answer_holding_think_text_or_nothing_from_an_older_gradsum_is_not_replayed_as_is() {
        CallPath older = CallPath.builder().sleeper(new RecordingSleeper()).cache(storedAnswer("<think>hm</think>Paris")).build();
        Llm llm = older.llm(Role.TARGET, new ScriptedChatModel("m", c -> "Rome"));
        LlmReply hit = llm.chat(LlmRequest.user("q"));
        assertThat(hit.text()).isEqualTo("Paris");
        assertThat(hit.reasoning()).isEqualTo("hm");

        CallPath empty = CallPath.builder().sleeper(new RecordingSleeper()).cache(storedAnswer("")).build();
        assertThat(empty.llm(Role.TARGET, new ScriptedChatModel("m", c -> "Rome")).chat(LlmRequest.user("q")).text())
                .as("an empty stored answer is asked again").isEqualTo("Rome");
    }

    /** A store written by an older gradsum that kept every reply as it came. */
    private static CallCache storedAnswer(String text) {
        return new CallCache() {
            @Override
            public java.util.Optional<LlmReply> get(String key) {
                return java.util.Optional.of(new LlmReply(text, 1, 1, false));
            }

            @Override
            public void put(String key, CallRecord record) {
            }
        };
    }
}
