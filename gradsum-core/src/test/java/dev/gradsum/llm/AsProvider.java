package dev.gradsum.llm;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;

/** Presents another model as coming from {@code provider} (the scripted model is always OTHER). */
record AsProvider(ChatModel delegate, ModelProvider provider) implements ChatModel {
    @Override
    public ChatResponse doChat(ChatRequest request) {
        return delegate.doChat(request);
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return delegate.defaultRequestParameters();
    }
}
