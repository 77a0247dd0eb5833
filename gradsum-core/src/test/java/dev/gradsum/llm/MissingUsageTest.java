package dev.gradsum.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradsum.model.Budget;
import dev.gradsum.model.Pricing;
import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import org.junit.jupiter.api.Test;

/**
 * Many local servers answer without {@code usage} (triton-inference-server/server#8194,
 * LostRuins/koboldcpp#603, microsoft/foundry-local#369): gradsum counts the tokens itself and says so.
 */
class MissingUsageTest {
    private final RecordingSleeper sleeper = new RecordingSleeper();

    /** Answers {@code answer} with the given usage ({@code null}: none at all). */
    private static class NoUsageModel implements ChatModel {
        private final String answer;
        private final TokenUsage usage;

        NoUsageModel(String answer, TokenUsage usage) {
            this.answer = answer;
            this.usage = usage;
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            return ChatResponse.builder().aiMessage(AiMessage.from(answer)).tokenUsage(usage).build();
        }

        @Override
        public ChatRequestParameters defaultRequestParameters() {
            return ChatRequestParameters.builder().modelName("gpt-4o-mini").build();
        }
    }

    /** A model bringing its own tokenizer: every text is 7 tokens. */
    private static final class SevenTokenModel extends NoUsageModel implements TokenCountEstimator {
        SevenTokenModel() {
            super("an answer", null);
        }

        @Override
        public int estimateTokenCountInText(String text) {
            return 7;
        }

        @Override
        public int estimateTokenCountInMessage(ChatMessage message) {
            return 7;
        }

        @Override
        public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
            return 7;
        }
    }

    @Test
    void an_answer_without_usage_has_its_tokens_estimated_four_characters_a_token_and_marked_so() {
        CallPath path = CallPath.builder().sleeper(sleeper).build();
        LlmReply reply = path.llm(Role.TARGET, new NoUsageModel("12345678", null)).chat(LlmRequest.user("abcd"));

        assertThat(reply.outputTokens()).isEqualTo(2);
        assertThat(reply.inputTokens()).isEqualTo(CharacterTokenEstimate.TOKENS_PER_MESSAGE + 1);
        Usage total = path.total();
        assertThat(total.tokensEstimated()).isTrue();
        assertThat(total.estimatedCalls()).isEqualTo(1);
        assertThat(total.costUsd()).isPositive();
    }

    @Test
    void reported_usage_is_taken_as_it_is_and_not_marked() {
        CallPath path = CallPath.builder().sleeper(sleeper).build();
        path.llm(Role.TARGET, new NoUsageModel("x", new TokenUsage(10, 3))).chat(LlmRequest.user("q"));

        assertThat(path.total().tokensEstimated()).isFalse();
        assertThat(path.total().totalTokens()).isEqualTo(13);
    }

    @Test
    void a_model_with_its_own_tokenizer_is_counted_with_it() {
        CallPath path = CallPath.builder().sleeper(sleeper).build();
        LlmReply reply = path.llm(Role.TARGET, new SevenTokenModel()).chat(LlmRequest.user("q"));

        assertThat(reply.inputTokens()).isEqualTo(7);
        assertThat(reply.outputTokens()).isEqualTo(7);
    }

    @Test
    void a_token_budget_holds_on_estimated_tokens() {
        CallPath path = CallPath.builder().sleeper(sleeper).budget(new Budget(null, null, 10L)).build();
        Llm llm = path.llm(Role.TARGET, new NoUsageModel("x".repeat(40), null));
        llm.chat(LlmRequest.user("first"));

        assertThatThrownBy(() -> llm.chat(LlmRequest.user("second")))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("(some estimated)");
    }

    @Test
    void a_model_without_a_price_makes_the_cost_unknown_not_zero() {
        CallPath path = CallPath.builder().sleeper(sleeper).pricing(Pricing.none()).build();
        path.llm(Role.TARGET, new NoUsageModel("x", new TokenUsage(10, 3))).chat(LlmRequest.user("q"));

        assertThat(path.total().costUnknown()).isTrue();
        assertThat(path.total().unpricedCalls()).isEqualTo(1);
    }
}
