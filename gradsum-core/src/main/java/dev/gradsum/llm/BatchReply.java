package dev.gradsum.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.Objects;

/**
 * What a batch answered to one request, as the {@link BatchLedger} keeps it until the call path has taken
 * it: the text and reasoning as the model sent them, the token counts the provider reported
 * ({@code null} when none) and the finish reason's name ({@code null} when none). The call path reads it as
 * it reads an online {@link ChatResponse} (reasoning separated, cut or empty answers refused).
 */
public record BatchReply(String text, String thinking, Integer inputTokens, Integer outputTokens, String finishReason) {
    public BatchReply {
        text = text == null ? "" : text;
    }

    /** The reply of {@code response} (a provider batch result read by LangChain4j or by gradsum's own client). */
    public static BatchReply of(ChatResponse response) {
        Objects.requireNonNull(response, "response");
        AiMessage m = response.aiMessage();
        TokenUsage usage = response.tokenUsage();
        return new BatchReply(m == null ? "" : m.text(), m == null ? null : m.thinking(),
                usage == null ? null : usage.inputTokenCount(), usage == null ? null : usage.outputTokenCount(),
                response.finishReason() == null ? null : response.finishReason().name());
    }

    /** This reply as a LangChain4j response, for the call path's one way of reading answers. */
    public ChatResponse toChatResponse() {
        AiMessage message = thinking == null || thinking.isEmpty()
                ? AiMessage.from(text)
                : AiMessage.builder().text(text).thinking(thinking).build();
        ChatResponse.Builder b = ChatResponse.builder().aiMessage(message);
        if (inputTokens != null || outputTokens != null) {
            b.tokenUsage(new TokenUsage(inputTokens, outputTokens));
        }
        if (finishReason != null) {
            b.finishReason(FinishReason.valueOf(finishReason));
        }
        return b.build();
    }
}
