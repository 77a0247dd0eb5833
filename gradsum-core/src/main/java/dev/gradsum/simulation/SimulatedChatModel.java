package dev.gradsum.simulation;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;

/**
 * A SIMULATED LangChain4j {@link ChatModel}: no network and no language model, a deterministic function
 * from the request's text (system and user messages joined) and temperature to an answer. Reports
 * token usage as word counts; provider {@code OTHER}; model names start with {@code simulated-}.
 */
abstract class SimulatedChatModel implements ChatModel {
    private final String modelName;

    SimulatedChatModel(String modelName) {
        this.modelName = modelName;
    }

    /** The answer to a request whose messages read {@code text}. */
    abstract String answer(String text, Double temperature);

    @Override
    public ChatResponse doChat(ChatRequest request) {
        StringBuilder text = new StringBuilder();
        for (ChatMessage m : request.messages()) {
            if (m instanceof SystemMessage s) {
                text.append(s.text()).append('\n');
            } else if (m instanceof UserMessage u && u.hasSingleText()) {
                text.append(u.singleText()).append('\n');
            }
        }
        String in = text.toString();
        String out = answer(in, request.temperature());
        return ChatResponse.builder()
                .aiMessage(AiMessage.from(out))
                .modelName(modelName)
                .tokenUsage(new TokenUsage(words(in), words(out)))
                .build();
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return DefaultChatRequestParameters.builder().modelName(modelName).build();
    }

    @Override
    public ModelProvider provider() {
        return ModelProvider.OTHER;
    }

    @Override
    public String toString() {
        return modelName + " (simulation)";
    }

    static int words(String s) {
        String t = s.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }
}
