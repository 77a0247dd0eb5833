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
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A fake {@link ChatModel} for tests: answers are chosen by a function of the request (system + user
 * text), and every request is recorded. Token usage is the number of whitespace-separated words.
 */
public final class ScriptedChatModel implements ChatModel {
    /** What the script sees of one request. */
    public record Call(String system, String user, Double temperature) {
        /** System and user text joined, for matching. */
        public String text() {
            return (system == null ? "" : system + "\n") + user;
        }
    }

    private final String modelName;
    private final Function<Call, String> script;
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    public ScriptedChatModel(String modelName, Function<Call, String> script) {
        this.modelName = modelName;
        this.script = script;
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
            String answer = script.apply(call);
            return ChatResponse.builder()
                    .aiMessage(AiMessage.from(answer))
                    .modelName(modelName)
                    .tokenUsage(new TokenUsage(words(call.text()), words(answer)))
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
        return DefaultChatRequestParameters.builder().modelName(modelName).build();
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
