package dev.gradsum.llm;

import dev.gradsum.data.PromptTemplate;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an {@link LlmRequest} into what LangChain4j sends: a system message when there is one, the
 * prior turns ({@code UserMessage} / {@code AiMessage}), the user message, and the temperature when set. No response format is sent, even for JSON requests:
 * some providers and OpenAI-compatible servers reject {@code response_format}, and the modules
 * parse JSON out of plain text anyway. The json flag only distinguishes cache keys.
 */
final class ChatRequests {
    private ChatRequests() {
    }

    static ChatRequest from(LlmRequest request) {
        List<ChatMessage> messages = new ArrayList<>(2);
        if (request.system() != null && !request.system().isBlank()) {
            messages.add(SystemMessage.from(request.system()));
        }
        for (PromptTemplate.Turn turn : request.turns()) {
            messages.add(turn.role() == PromptTemplate.MessageRole.ASSISTANT
                    ? AiMessage.from(turn.text()) : UserMessage.from(turn.text()));
        }
        messages.add(UserMessage.from(request.user()));
        ChatRequest.Builder builder = ChatRequest.builder().messages(messages);
        if (request.temperature() != null) {
            builder.temperature(request.temperature());
        }
        return builder.build();
    }
}
