package dev.gradsum.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake model whose attempts go as scripted: each outcome is a {@link RuntimeException} to throw,
 * {@link #HANG} to block until interrupted, or a String to answer (the last outcome repeats).
 * Records every request it receives.
 */
class FlakyModel implements ChatModel {
    static final Object HANG = new Object();

    private final String modelName;
    private final ModelProvider provider;
    private final Object[] outcomes;
    private final AtomicInteger attempts = new AtomicInteger();
    private final List<ChatRequest> requests = Collections.synchronizedList(new ArrayList<>());

    FlakyModel(String modelName, ModelProvider provider, Object... outcomes) {
        this.modelName = modelName;
        this.provider = provider;
        this.outcomes = outcomes;
    }

    static FlakyModel of(Object... outcomes) {
        return new FlakyModel("gpt-4o-mini", ModelProvider.OPEN_AI, outcomes);
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        requests.add(request);
        int n = attempts.getAndIncrement();
        Object outcome = outcomes[Math.min(n, outcomes.length - 1)];
        if (outcome == HANG) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("hanging attempt interrupted");
            }
        }
        if (outcome instanceof RuntimeException e) {
            throw e;
        }
        return ChatResponse.builder()
                .aiMessage(AiMessage.from((String) outcome))
                .tokenUsage(new TokenUsage(1000, 500))
                .build();
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return DefaultChatRequestParameters.builder().modelName(modelName).build();
    }

    @Override
    public ModelProvider provider() {
        return provider;
    }

    int attempts() {
        return attempts.get();
    }

    List<ChatRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }
}
