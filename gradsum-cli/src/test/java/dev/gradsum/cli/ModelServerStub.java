package dev.gradsum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A local model server on 127.0.0.1 speaking the OpenAI chat-completions, the Anthropic messages and
 * the Gemini {@code generateContent} wire formats (told apart by the request path). It plays every gradsum role, telling them apart by the tagged sections of the
 * meta-prompts (see {@code dev/gradsum/prompts/README.md}), over a small "capital cities" task:
 * the target names the capital only when its prompt asks for "the city name only". Faults (429, 500,
 * slow replies, bad judge output) can be queued per role.
 */
final class ModelServerStub implements AutoCloseable {
    enum Role { TARGET, JUDGE, GRADIENT, SUMMARIZER, EDITOR, REPAIR }

    static final String FIX = "Answer with the city name only.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockWebServer server = new MockWebServer();
    private MessageBatchesWire batches;
    private OpenAiBatchesWire openAiBatches;
    private GeminiBatchesWire geminiBatches;
    private final Map<String, String> capitals;
    private final Map<Role, Deque<MockResponse>> faults = new EnumMap<>(Role.class);
    private final Map<Role, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    private final List<String> targets = Collections.synchronizedList(new ArrayList<>());
    private volatile java.util.function.Function<String, String> judgeOverride = input -> null;
    private volatile java.util.function.Consumer<String> gate = body -> { };
    private final Map<Role, java.util.function.BiConsumer<String, ObjectNode>> openAiShapes = new ConcurrentHashMap<>();

    ModelServerStub(Map<String, String> capitals) throws IOException {
        this.capitals = capitals;
        for (Role r : Role.values()) {
            faults.put(r, new ArrayDeque<>());
            counts.put(r, new AtomicInteger());
        }
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        batches = new MessageBatchesWire(this::anthropicMessage, baseUrl());
        openAiBatches = new OpenAiBatchesWire(this::openAiCompletion);
        geminiBatches = new GeminiBatchesWire(this::geminiResponse);
    }

    /** Gemini's batch mode, answered by this world ({@link GeminiBatchesWire}). */
    GeminiBatchesWire geminiBatches() {
        return geminiBatches;
    }

    /** The GenerateContentResponse answering one inline batch request, as the online endpoint would. */
    private String geminiResponse(JsonNode request) {
        String text = texts(request);
        Role role = roleOf(text);
        counts.get(role).incrementAndGet();
        return body(Wire.GEMINI, reply(role, text), null);
    }

    /** OpenAI's Batch API, answered by this world ({@link OpenAiBatchesWire}). */
    OpenAiBatchesWire openAiBatches() {
        return openAiBatches;
    }

    /** The chat completion answering one batch line's {@code body}, as the online endpoint would. */
    private String openAiCompletion(JsonNode body) {
        String text = texts(body);
        Role role = roleOf(text);
        counts.get(role).incrementAndGet();
        return body(Wire.OPENAI, reply(role, text), null);
    }

    /** Anthropic's Message Batches, answered by this world ({@link MessageBatchesWire}). */
    MessageBatchesWire batches() {
        return batches;
    }

    /** The Anthropic message answering one batch request's {@code params}, as the online endpoint would. */
    private String anthropicMessage(JsonNode params) {
        String text = texts(params);
        Role role = roleOf(text);
        counts.get(role).incrementAndGet();
        return body(Wire.ANTHROPIC, reply(role, text), null);
    }

    int port() {
        return server.getPort();
    }

    /** {@code http://127.0.0.1:PORT/v1} */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getPort() + "/v1";
    }

    /** The next requests of {@code role} get these responses, in order, before normal answers resume. */
    synchronized ModelServerStub fail(Role role, MockResponse... responses) {
        faults.get(role).addAll(List.of(responses));
        return this;
    }

    /** Judge replies by the judged input: return a raw reply to send instead of a verdict, or null. */
    ModelServerStub judgeReplies(java.util.function.Function<String, String> override) {
        this.judgeOverride = override;
        return this;
    }

    /**
     * Called with each request body before it is answered; it may block, or throw an
     * {@link IllegalStateException} to drop the request: the socket is closed before any answer.
     */
    ModelServerStub gate(java.util.function.Consumer<String> gate) {
        this.gate = gate;
        return this;
    }

    /**
     * OpenAI wire only: {@code shape} gets {@code role}'s normal reply text and the response's choice
     * (with {@code message} and {@code finish_reason} filled in) and may change the choice, to answer as
     * a documented server does (reasoning in the content, a refusal, a cut at the token limit).
     */
    ModelServerStub shapeOpenAi(Role role, java.util.function.BiConsumer<String, ObjectNode> shape) {
        openAiShapes.put(role, shape);
        return this;
    }

    int count(Role role) {
        return counts.get(role).get();
    }

    List<String> authorizations() {
        synchronized (authorizations) {
            return List.copyOf(authorizations);
        }
    }

    /** The request target (path and query) of every request, in arrival order. */
    List<String> requestTargets() {
        synchronized (targets) {
            return List.copyOf(targets);
        }
    }

    static MockResponse status(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    private MockResponse answer(RecordedRequest request) {
        String auth = request.getHeaders().get("Authorization");
        if (auth == null) {
            auth = request.getHeaders().get("x-api-key");
        }
        authorizations.add(auth != null ? auth : String.valueOf(request.getHeaders().get("x-goog-api-key")));
        String path = request.getUrl().encodedPath();
        String query = request.getUrl().encodedQuery();
        targets.add(query == null ? path : path + "?" + query);
        try {
            gate.accept(request.getBody() == null ? "" : request.getBody().utf8());
        } catch (IllegalStateException dropped) {
            // the gate drops this request: the socket is closed before any answer, as a server or proxy that
            // goes away mid-request does (the client sees the connection end, not a timeout)
            return new MockResponse.Builder().onResponseStart(new mockwebserver3.SocketEffect.CloseSocket()).build();
        }
        if (MessageBatchesWire.handles(path) || OpenAiBatchesWire.handles(path) || GeminiBatchesWire.handles(path)) {
            try {
                String body = request.getBody() == null ? "" : request.getBody().utf8();
                return MessageBatchesWire.handles(path) ? batches.dispatch(request, body)
                        : GeminiBatchesWire.handles(path) ? geminiBatches.dispatch(request, body)
                        : openAiBatches.dispatch(request, body);
            } catch (IOException e) {
                return status(400, "{\"error\":{\"message\":\"bad json\"}}");
            }
        }
        Wire wire = path.endsWith(":generateContent") ? Wire.GEMINI
                : path.endsWith("/messages") ? Wire.ANTHROPIC : Wire.OPENAI;
        String text;
        try {
            text = texts(JSON.readTree(request.getBody().utf8()));
        } catch (IOException e) {
            return status(400, "{\"error\":{\"message\":\"bad json\"}}");
        }
        Role role = roleOf(text);
        counts.get(role).incrementAndGet();
        MockResponse fault;
        synchronized (this) {
            fault = faults.get(role).poll();
        }
        String reply = reply(role, text);
        if (fault != null) {
            if (fault.getCode() == 200) {
                return new MockResponse.Builder(fault).body(body(wire, reply, null)).build();
            }
            return fault;
        }
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body(body(wire, reply, openAiShapes.get(role))).build();
    }

    private static Role roleOf(String text) {
        if (text.contains("\n<candidate>\n")) return Role.REPAIR;
        if (text.contains("\n<summary>\n") || text.contains("\n<gradients>\n")) return Role.EDITOR;
        if (text.contains("\n<feedback>\n")) return Role.SUMMARIZER;
        if (text.contains("\n<evaluation>\n")) return Role.GRADIENT;
        if (text.contains("\n<scale>\n")) return Role.JUDGE;
        return Role.TARGET;
    }

    private String reply(Role role, String text) {
        switch (role) {
            case TARGET: {
                String country = capitals.keySet().stream().filter(text::contains).findFirst().orElse("?");
                return text.contains(FIX) ? capitals.getOrDefault(country, "?")
                        : "Well, " + country + " has a long history and many beautiful cities.";
            }
            case JUDGE: {
                String input = section(text, "input");
                String override = judgeOverride.apply(input);
                if (override != null) {
                    return override;
                }
                boolean right = section(text, "output").contains(section(text, "expected").replace("<", "").trim());
                return "{\"reasoning\": \"" + (right ? "names the expected city" : "does not name the city")
                        + "\", \"score\": " + (right ? 1 : 0) + "}";
            }
            case GRADIENT:
                return "The prompt lets the model ramble; it should ask for the city name alone.";
            case SUMMARIZER:
                return "Across the failures, the prompt should demand the bare city name with no extra words.";
            case EDITOR:
            case REPAIR: {
                String prompt = section(text, "prompt");
                int count = role == Role.REPAIR ? 1 : Integer.parseInt(section(text, "count").trim());
                List<Object> prompts = new ArrayList<>();
                for (int i = 1; i <= count; i++) {
                    String variant = " " + FIX + (i > 1 ? " Variant " + i + "." : "");
                    if (text.contains("\n<optimized>\n")) { // a chat prompt: each optimized message by name
                        Map<String, String> messages = new java.util.LinkedHashMap<>();
                        JsonNode all = readTree(prompt);
                        for (String name : section(text, "optimized").trim().split(", ")) {
                            messages.put(name, all.path(name).asText().trim() + variant);
                        }
                        prompts.add(messages);
                    } else {
                        prompts.add(prompt.trim() + variant);
                    }
                }
                ObjectNode o = JSON.createObjectNode();
                o.putPOJO("prompts", prompts);
                return o.toString();
            }
            default:
                throw new IllegalStateException();
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** The text between {@code <tag>} and {@code </tag>} on their own lines, or "". */
    static String section(String text, String tag) {
        int start = text.indexOf("\n<" + tag + ">\n");
        if (start < 0) {
            return "";
        }
        start += tag.length() + 4;
        int end = text.indexOf("\n</" + tag + ">", start);
        return end < 0 ? text.substring(start) : text.substring(start, end);
    }

    private enum Wire { OPENAI, ANTHROPIC, GEMINI }

    private static String body(Wire wire, String reply, java.util.function.BiConsumer<String, ObjectNode> openAiShape) {
        ObjectNode o = JSON.createObjectNode();
        if (wire == Wire.GEMINI) {
            ObjectNode candidate = o.putArray("candidates").addObject();
            ObjectNode content = candidate.putObject("content");
            content.putArray("parts").addObject().put("text", reply);
            content.put("role", "model");
            candidate.put("finishReason", "STOP").put("index", 0);
            o.putObject("usageMetadata").put("promptTokenCount", 20).put("candidatesTokenCount", 5)
                    .put("totalTokenCount", 25);
            o.put("modelVersion", "gemini-stub").put("responseId", "resp-1");
        } else if (wire == Wire.ANTHROPIC) {
            o.put("id", "msg_1").put("type", "message").put("role", "assistant").put("model", "claude-stub");
            o.putArray("content").addObject().put("type", "text").put("text", reply);
            o.put("stop_reason", "end_turn");
            o.putObject("usage").put("input_tokens", 20).put("output_tokens", 5);
        } else {
            o.put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 0).put("model", "stub");
            ObjectNode choice = o.putArray("choices").addObject();
            choice.put("index", 0).put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant").put("content", reply);
            if (openAiShape != null) {
                openAiShape.accept(reply, choice);
            }
            o.putObject("usage").put("prompt_tokens", 20).put("completion_tokens", 5).put("total_tokens", 25);
        }
        return o.toString();
    }

    /** Every message text of an OpenAI, Anthropic or Gemini request, joined. */
    private static String texts(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        collect(node, null, sb);
        return sb.toString();
    }

    private static void collect(JsonNode node, String field, StringBuilder sb) {
        if (node.isTextual() && ("content".equals(field) || "text".equals(field) || "system".equals(field))) {
            sb.append('\n').append(node.asText()).append('\n');
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> collect(e.getValue(), e.getKey(), sb));
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, field, sb));
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
