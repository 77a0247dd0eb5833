package dev.gradsum.llm;

import dev.langchain4j.model.chat.ChatModel;

/**
 * Which LangChain4j {@link ChatModel} plays each {@link Role}. Unset roles fall back: judge → target;
 * gradient, summarizer, editor → optimizer → target. Only the target is required.
 */
public final class ModelRoles {
    /** Every role played by one model. */
    public static ModelRoles of(ChatModel model) {
        throw new UnsupportedOperationException("todo");
    }

    public static Builder builder() {
        throw new UnsupportedOperationException("todo");
    }

    /** The model for {@code role}, after fallbacks. */
    public ChatModel model(Role role) {
        throw new UnsupportedOperationException("todo");
    }

    public static final class Builder {
        public Builder target(ChatModel m) { throw new UnsupportedOperationException("todo"); }
        public Builder judge(ChatModel m) { throw new UnsupportedOperationException("todo"); }
        /** Fallback for gradient, summarizer and editor (the paper used a stronger model for editing). */
        public Builder optimizer(ChatModel m) { throw new UnsupportedOperationException("todo"); }
        public Builder gradient(ChatModel m) { throw new UnsupportedOperationException("todo"); }
        public Builder summarizer(ChatModel m) { throw new UnsupportedOperationException("todo"); }
        public Builder editor(ChatModel m) { throw new UnsupportedOperationException("todo"); }
        public Builder role(Role role, ChatModel m) { throw new UnsupportedOperationException("todo"); }
        public ModelRoles build() { throw new UnsupportedOperationException("todo"); }
    }
}
