package dev.gradsum.cli.provider;

import dev.gradsum.cli.provider.ModelCapabilities.Capability;
import dev.gradsum.llm.ModelSettings;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A model section's LangChain4j model that never sends what its model refuses. Per-request parameters
 * the {@link Capability} rules out (the editor's temperature for a reasoning model) are removed before
 * sending. When the server still answers HTTP 400 naming a parameter ({@link UnsupportedParameterException}),
 * the model is rebuilt once without it ({@code max_tokens} moves to {@code max_completion_tokens}), one
 * line says so, and the request is sent again (a server refusing one parameter after another has each
 * dropped in turn); a parameter refused again after it was dropped fails the call as it is.
 * It counts tokens, for an answer without usage, with {@link OpenAiTokenizer#counting}. Thread-safe.
 */
final class ParameterAdaptingChatModel implements ChatModel, ModelSettings, TokenCountEstimator {
    /** A built model and the capability it was built for. */
    private record Built(Capability capability, ChatModel model) {
    }

    private final ModelSpec spec;
    private final Function<Capability, ChatModel> factory;
    private final Consumer<String> notices;
    private final TokenCountEstimator tokens;
    private volatile Built built;

    /**
     * @param factory builds the LangChain4j model that sends only what a capability allows
     * @param notices receives the one line told when a refused parameter is dropped
     */
    ParameterAdaptingChatModel(ModelSpec spec, Capability capability, Function<Capability, ChatModel> factory,
                               Consumer<String> notices) {
        this.spec = spec;
        this.factory = factory;
        this.notices = notices;
        this.tokens = OpenAiTokenizer.counting(spec.model());
        this.built = new Built(capability, factory.apply(capability));
    }

    /** What is sent now. */
    Capability capability() {
        return built.capability();
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        Built b = built;
        while (true) {
            try {
                return b.model().chat(allowed(request, b.capability()));
            } catch (RuntimeException e) {
                UnsupportedParameterException refused = refusal(e);
                Built adapted = refused == null ? null : adapt(b, refused.parameter());
                if (adapted == null) {
                    throw e;
                }
                b = adapted; // each adaptation sends less, so this ends: a refusal it cannot adapt to is thrown
            }
        }
    }

    /** The model without {@code parameter}, built once; {@code null} when it cannot be dropped (again). */
    private synchronized Built adapt(Built failed, String parameter) {
        if (built != failed) {
            return built; // another call adapted the model meanwhile
        }
        Capability c = failed.capability();
        Capability next;
        String told;
        String setting;
        if (parameter.equals("max_tokens") && spec.provider() != Provider.ANTHROPIC
                && !"max_completion_tokens".equals(c.maxTokensParameter())) {
            next = c.withMaxTokensParameter("max_completion_tokens");
            told = "sends max_completion_tokens instead of max_tokens";
            setting = "max_tokens_parameter: max_completion_tokens";
        } else if (ModelCapabilities.PARAMETERS.contains(parameter) && c.sends(parameter)) {
            next = c.without(parameter);
            told = "no longer sends " + parameter;
            setting = "unsupported_parameters: [" + parameter + "]";
        } else {
            return null;
        }
        notices.accept(spec.label() + " " + spec.model() + " refused " + parameter + " (HTTP 400): gradsum "
                + told + " to it for the rest of the run (set " + setting + " in models." + spec.role() + ")");
        built = new Built(next, factory.apply(next));
        return built;
    }

    private static UnsupportedParameterException refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnsupportedParameterException u) {
                return u;
            }
        }
        return null;
    }

    /** {@code request} without the per-request parameters {@code capability} rules out. */
    static ChatRequest allowed(ChatRequest request, Capability capability) {
        ChatRequestParameters p = request.parameters();
        boolean dropTemperature = !capability.sends("temperature") && p.temperature() != null;
        boolean dropTopP = !capability.sends("top_p") && p.topP() != null;
        if (!dropTemperature && !dropTopP) {
            return request;
        }
        ChatRequestParameters kept = ChatRequestParameters.builder()
                .overrideWith(p)
                .temperature(dropTemperature ? null : p.temperature())
                .topP(dropTopP ? null : p.topP())
                .build();
        return ChatRequest.builder().messages(request.messages()).parameters(kept).build();
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return built.model().defaultRequestParameters();
    }

    @Override
    public ModelProvider provider() {
        return built.model().provider();
    }

    @Override
    public Set<dev.langchain4j.model.chat.Capability> supportedCapabilities() {
        return built.model().supportedCapabilities();
    }

    /** Reasoning effort, thinking budget and what is left out: settings the request parameters may not show. */
    @Override
    public String settings() {
        Capability c = built.capability();
        return "reasoning_effort=" + Objects.toString(spec.reasoningEffort(), "")
                + ";thinking_budget=" + Objects.toString(spec.thinkingBudget(), "")
                + ";unsupported=" + String.join(",", new java.util.TreeSet<>(c.unsupported()))
                + ";max_tokens_parameter=" + Objects.toString(c.maxTokensParameter(), "");
    }

    @Override
    public int estimateTokenCountInText(String text) {
        return tokens.estimateTokenCountInText(text);
    }

    @Override
    public int estimateTokenCountInMessage(ChatMessage message) {
        return tokens.estimateTokenCountInMessage(message);
    }

    @Override
    public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
        return tokens.estimateTokenCountInMessages(messages);
    }
}
