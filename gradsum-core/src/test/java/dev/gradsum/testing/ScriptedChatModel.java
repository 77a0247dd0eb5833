package dev.gradsum.testing;

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
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A fake {@link ChatModel} for tests: answers are chosen by a function of the request (system + user
 * text), and every request is recorded. Token usage is the number of whitespace-separated words.
 * A script may also answer with an {@link Answer}: a finish reason (e.g. {@code LENGTH}, {@code
 * CONTENT_FILTER}) and reasoning in the provider's own field ({@code AiMessage.thinking()}), as
 * LangChain4j maps them from a provider's response.
 */
public final class ScriptedChatModel implements ChatModel {
    /** What the script sees of one request. */
    public record Call(String system, String user, Double temperature) {
        /** System and user text joined, for matching. */
        public String text() {
            return (system == null ? "" : system + "\n") + user;
        }
    }

    /** A full scripted response: answer text (may be {@code null}), provider reasoning, finish reason. */
    public record Answer(String text, String thinking, FinishReason finish) {
        public static Answer of(String text) {
            return new Answer(text, null, FinishReason.STOP);
        }

        /** Cut at the token limit: {@code finish_reason: "length"}. */
        public static Answer cut(String text) {
            return new Answer(text, null, FinishReason.LENGTH);
        }

        /** Stopped by a content filter (OpenAI {@code content_filter}, Gemini {@code SAFETY}). */
        public static Answer filtered() {
            return new Answer(null, null, FinishReason.CONTENT_FILTER);
        }
    }

    private final String modelName;
    private final Function<Call, Answer> script;
    private Integer maxTokens;
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    public ScriptedChatModel(String modelName, Function<Call, String> script) {
        this.modelName = modelName;
        this.script = c -> Answer.of(script.apply(c));
    }

    private ScriptedChatModel(Function<Call, Answer> script, String modelName) {
        this.modelName = modelName;
        this.script = script;
    }

    /** Answers with full responses (finish reason, reasoning). */
    public static ScriptedChatModel responding(String modelName, Function<Call, Answer> script) {
        return new ScriptedChatModel(script, modelName);
    }

    /** Sets the model's default max output tokens, as a configured model reports it. */
    public ScriptedChatModel maxTokens(int maxTokens) {
        this.maxTokens = maxTokens;
        return this;
    }

    /** Always answers {@code answer}. */
    public static ScriptedChatModel answering(String answer) {
        return new ScriptedChatModel("scripted", c -> answer);
    }

    /** Answers with the given replies in turn (the last one repeats). */
    public static ScriptedChatModel inTurn(String... answers) {
        AtomicInteger i = new AtomicInteger();
        return new ScriptedChatModel("scripted", c -> answers[Math.min(i.getAndIncrement(), answers.length - 1)]);
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        String system = null;
        StringBuilder user = new StringBuilder();
        for (ChatMessage m : request.messages()) {
            if (m instanceof SystemMessage s) {
                system = s.text();
            } else if (m instanceof UserMessage u) {
                user.append(u.singleText());
            }
        }
        Call call = new Call(system, user.toString(), request.temperature());
        calls.add(call);
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            Answer answer = script.apply(call);
            String text = answer.text() == null ? "" : answer.text();
            return ChatResponse.builder()
                    .aiMessage(AiMessage.builder().text(answer.text()).thinking(answer.thinking()).build())
                    .modelName(modelName)
                    .finishReason(answer.finish())
                    .tokenUsage(new TokenUsage(words(call.text()), words(text)))
                    .build();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private static int words(String s) {
        String t = s.trim();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return DefaultChatRequestParameters.builder().modelName(modelName).maxOutputTokens(maxTokens).build();
    }

    @Override
    public ModelProvider provider() {
        return ModelProvider.OTHER;
    }

    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    public int callCount() {
        return calls.size();
    }

    /** Most requests this model was answering at the same time. */
    public int maxInFlight() {
        return maxInFlight.get();
    }
}
