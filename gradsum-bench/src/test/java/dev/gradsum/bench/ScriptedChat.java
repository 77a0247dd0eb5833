package dev.gradsum.bench;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A chat model for tests that answers each request with {@code reply} and keeps every request it got. */
final class ScriptedChat implements ChatModel {
    private final Function<ChatRequest, String> reply;
    private final List<ChatRequest> requests = new ArrayList<>();

    ScriptedChat(Function<ChatRequest, String> reply) {
        this.reply = reply;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        synchronized (requests) {
            requests.add(request);
        }
        return ChatResponse.builder().aiMessage(AiMessage.from(reply.apply(request))).build();
    }

    /** The requests so far. */
    List<ChatRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Every message of {@code request} as {@code role: text}, in order. */
    static List<String> messages(ChatRequest request) {
        List<String> out = new ArrayList<>();
        for (ChatMessage m : request.messages()) {
            if (m instanceof SystemMessage s) {
                out.add("system: " + s.text());
            } else if (m instanceof UserMessage u) {
                out.add("user: " + u.singleText());
            } else if (m instanceof AiMessage a) {
                out.add("assistant: " + a.text());
            }
        }
        return out;
    }

    /** The text of the request's last user message. */
    static String lastUser(ChatRequest request) {
        List<String> all = messages(request);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).startsWith("user: ")) {
                return all.get(i).substring("user: ".length());
            }
        }
        return "";
    }
}
