package dev.gradsum.llm;

import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.output.TokenUsage;

/**
 * The tokens of one paid call: the provider's usage when it reports it, otherwise counted by gradsum
 * (many local servers send no {@code usage}: triton-inference-server/server#8194, LostRuins/koboldcpp#603)
 * with the model's own {@link TokenCountEstimator} when it is one (the command line gives OpenAI models
 * a real tokenizer), else {@link CharacterTokenEstimate}. Counted tokens are marked {@link #estimated()}.
 *
 * @param input     input tokens
 * @param output    output tokens
 * @param estimated whether either count is gradsum's, not the provider's
 */
record ReplyTokens(long input, long output, boolean estimated) {

    static ReplyTokens of(ChatModel model, ChatRequest sent, TokenUsage usage, String answer) {
        Integer in = usage == null ? null : usage.inputTokenCount();
        Integer out = usage == null ? null : usage.outputTokenCount();
        if (in != null && out != null) {
            return new ReplyTokens(in, out, false);
        }
        TokenCountEstimator estimator = model instanceof TokenCountEstimator e ? e : CharacterTokenEstimate.INSTANCE;
        long input = in != null ? in : estimator.estimateTokenCountInMessages(sent.messages());
        long output = out != null ? out : estimator.estimateTokenCountInText(answer);
        return new ReplyTokens(input, output, true);
    }
}
