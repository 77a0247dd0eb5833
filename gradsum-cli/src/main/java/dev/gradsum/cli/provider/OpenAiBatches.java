package dev.gradsum.cli.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradsum.llm.BatchApi;
import dev.gradsum.llm.BatchReply;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.output.FinishReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * OpenAI's Batch API, a small client of its documented endpoints on LangChain4j's HTTP client (gradsum's
 * {@link StatusHttpClient}): the requests go up as a JSONL file ({@code POST /v1/files}, multipart,
 * {@code purpose=batch}; one line {@code {custom_id, method: POST, url: /v1/chat/completions, body}} per
 * request), the batch is created with {@code POST /v1/batches} ({@code input_file_id}, {@code endpoint},
 * {@code completion_window: 24h}) and polled with {@code GET /v1/batches/{id}} (status validating,
 * in_progress, finalizing, completed, failed, expired, cancelling, cancelled); once it has ended, the
 * output and error files ({@code GET /v1/files/{id}/content}) give each request's
 * {@code response.status_code} and {@code body}, or its {@code error}, by {@code custom_id}, in no particular
 * order. Chosen over the official openai-java SDK (about 80 MB with its dependencies) because gradsum needs
 * five endpoints and already has an HTTP client with its error reporting; LangChain4j's own
 * {@code OpenAiOfficialBatchChatModel} is in no langchain4j-open-ai-official version served here.
 * Sends text messages (system, user, assistant): what gradsum's modules ask.
 *
 * <p>Each batch carries gradsum's submission token in its {@code metadata} ({@value #TOKEN_KEY}; the create
 * request's "set of 16 key-value pairs that can be attached to an object", returned on the batch object),
 * and {@link #find} looks for it in the most recent batches ({@code GET /v1/batches?limit=100}, newest first:
 * OpenAI's API reference, CreateBatchRequest.metadata and "List batches", as generated into
 * docs.rs/crate/openai-client-base CreateBatchRequest.md and Batch.md), so a batch created just before a
 * crash is found again instead of submitted twice.
 */
public final class OpenAiBatches implements BatchApi {
    /** The endpoint every line of a batch goes to. */
    static final String ENDPOINT = "/v1/chat/completions";
    /** The metadata key of gradsum's submission token. */
    static final String TOKEN_KEY = "gradsum_token";
    /** How many of the most recent batches {@link #find} looks through (the list endpoint's largest page). */
    static final int FIND_LIMIT = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String baseUrl;
    private final String apiKey;
    private final String model;
    private final boolean sendsTemperature;
    private final Double temperature;
    private final Integer maxTokens;
    private final String maxTokensField;
    private final String reasoningEffort;

    /**
     * @param baseUrl        e.g. {@code https://api.openai.com/v1}
     * @param sendsTemperature whether the model takes a temperature (reasoning models refuse one)
     * @param temperature    the section's temperature, or {@code null}; a request's own temperature wins
     * @param maxTokensField {@code max_tokens} or {@code max_completion_tokens}
     */
    public OpenAiBatches(HttpClient http, String baseUrl, String apiKey, String model, boolean sendsTemperature,
                         Double temperature, Integer maxTokens, String maxTokensField, String reasoningEffort) {
        this.http = Objects.requireNonNull(http, "http");
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.apiKey = apiKey;
        this.model = Objects.requireNonNull(model, "model");
        this.sendsTemperature = sendsTemperature;
        this.temperature = temperature;
        this.maxTokens = maxTokens;
        this.maxTokensField = maxTokensField;
        this.reasoningEffort = reasoningEffort;
    }

    @Override
    public Submission submit(List<ChatRequest> requests) {
        return submit(requests, null);
    }

    @Override
    public boolean findsByToken() {
        return true;
    }

    @Override
    public java.util.Optional<Submission> find(String token, int requests) {
        JsonNode list = send(HttpMethod.GET, "/batches?limit=" + FIND_LIMIT, null);
        for (JsonNode batch : list.path("data")) {
            if (token.equals(batch.path("metadata").path(TOKEN_KEY).asText(null))) {
                return java.util.Optional.of(new Submission(batch.path("id").asText(), customIds(requests)));
            }
        }
        return java.util.Optional.empty();
    }

    private static List<String> customIds(int requests) {
        List<String> ids = new ArrayList<>(requests);
        for (int i = 0; i < requests; i++) {
            ids.add("request-" + i);
        }
        return ids;
    }

    @Override
    public Submission submit(List<ChatRequest> requests, String token) {
        List<String> ids = customIds(requests.size());
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < requests.size(); i++) {
            String id = ids.get(i);
            ObjectNode line = JSON.createObjectNode();
            line.put("custom_id", id).put("method", "POST").put("url", ENDPOINT);
            line.set("body", body(requests.get(i)));
            jsonl.append(line).append('\n');
        }
        String fileId = upload(jsonl.toString());
        ObjectNode create = JSON.createObjectNode();
        create.put("input_file_id", fileId).put("endpoint", ENDPOINT).put("completion_window", "24h");
        if (token != null) {
            create.putObject("metadata").put(TOKEN_KEY, token);
        }
        JsonNode batch = send(HttpMethod.POST, "/batches", create.toString());
        return new Submission(batch.path("id").asText(), ids);
    }

    @Override
    public Status poll(String batchId, List<String> customIds) {
        JsonNode batch = send(HttpMethod.GET, "/batches/" + batchId, null);
        State state = state(batch.path("status").asText());
        JsonNode counts = batch.path("request_counts");
        int completed = counts.path("completed").asInt();
        int failed = counts.path("failed").asInt();
        int processing = Math.max(0, counts.path("total").asInt() - completed - failed);
        if (!state.ended()) {
            return new Status(state, completed, failed, processing, Map.of());
        }
        Map<String, Result> results = new HashMap<>();
        for (String file : List.of("output_file_id", "error_file_id")) {
            JsonNode id = batch.get(file);
            if (id != null && !id.isNull() && !id.asText().isEmpty()) {
                read(content(id.asText()), results);
            }
        }
        return new Status(state, completed, failed, 0, results);
    }

    /** The chat-completions body of one request. */
    private ObjectNode body(ChatRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        var messages = body.putArray("messages");
        for (ChatMessage m : request.messages()) {
            ObjectNode o = messages.addObject();
            if (m instanceof SystemMessage s) {
                o.put("role", "system").put("content", s.text());
            } else if (m instanceof UserMessage u) {
                o.put("role", "user").put("content", u.singleText());
            } else if (m instanceof AiMessage a) {
                o.put("role", "assistant").put("content", a.text());
            } else {
                throw new IllegalArgumentException("OpenAI batches carry text messages only, not " + m.type());
            }
        }
        Double t = !sendsTemperature ? null : request.temperature() != null ? request.temperature() : temperature;
        if (t != null) {
            body.put("temperature", t);
        }
        if (maxTokens != null) {
            body.put(maxTokensField, maxTokens);
        }
        if (reasoningEffort != null) {
            body.put("reasoning_effort", reasoningEffort);
        }
        return body;
    }

    /** Uploads the JSONL as a file with {@code purpose=batch} (multipart/form-data), returning its id. */
    private String upload(String jsonl) {
        String boundary = "gradsum-" + UUID.randomUUID();
        String multipart = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"gradsum-batch.jsonl\"\r\n"
                + "Content-Type: application/jsonl\r\n\r\n" + jsonl + "\r\n"
                + "--" + boundary + "--\r\n";
        HttpRequest request = HttpRequest.builder().method(HttpMethod.POST).url(baseUrl + "/files")
                .addHeader("Authorization", "Bearer " + apiKey)
                .addHeader("Content-Type", "multipart/form-data; boundary=" + boundary)
                .body(multipart).build();
        return parse(http.execute(request).body()).path("id").asText();
    }

    private String content(String fileId) {
        HttpRequest request = HttpRequest.builder().method(HttpMethod.GET).url(baseUrl + "/files/" + fileId + "/content")
                .addHeader("Authorization", "Bearer " + apiKey).build();
        return http.execute(request).body();
    }

    private JsonNode send(HttpMethod method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.builder().method(method).url(baseUrl + path)
                .addHeader("Authorization", "Bearer " + apiKey);
        if (json != null) {
            b.addHeader("Content-Type", "application/json").body(json);
        }
        return parse(http.execute(b.build()).body());
    }

    /** Each line of an output or error file: a reply when the response is a 200, else why there is none. */
    private static void read(String jsonl, Map<String, Result> results) {
        for (String text : jsonl.split("\n")) {
            if (text.isBlank()) {
                continue;
            }
            JsonNode line = parse(text);
            String id = line.path("custom_id").asText();
            JsonNode response = line.path("response");
            JsonNode error = line.get("error");
            int status = response.path("status_code").asInt(0);
            if (status == 200 && (error == null || error.isNull())) {
                results.put(id, Result.answered(reply(response.path("body"))));
            } else {
                String why = error != null && !error.isNull()
                        ? error.path("code").asText("error") + ": " + error.path("message").asText()
                        : "HTTP " + status + ": " + response.path("body").path("error").path("message").asText();
                results.put(id, Result.failed("errored: " + why));
            }
        }
    }

    /** A chat completion as a reply: the first choice's text, its finish reason, the usage. */
    private static BatchReply reply(JsonNode completion) {
        JsonNode choice = completion.path("choices").path(0);
        JsonNode message = choice.path("message");
        boolean refused = message.hasNonNull("refusal") && !message.hasNonNull("content");
        String finish = refused ? FinishReason.CONTENT_FILTER.name() : switch (choice.path("finish_reason").asText("")) {
            case "stop" -> FinishReason.STOP.name();
            case "length" -> FinishReason.LENGTH.name();
            case "content_filter" -> FinishReason.CONTENT_FILTER.name();
            case "tool_calls" -> FinishReason.TOOL_EXECUTION.name();
            case "" -> null;
            default -> FinishReason.OTHER.name();
        };
        JsonNode usage = completion.get("usage");
        Integer in = usage == null || !usage.hasNonNull("prompt_tokens") ? null : usage.get("prompt_tokens").asInt();
        Integer out = usage == null || !usage.hasNonNull("completion_tokens") ? null : usage.get("completion_tokens").asInt();
        String reasoning = message.hasNonNull("reasoning_content") ? message.get("reasoning_content").asText() : null;
        return new BatchReply(message.path("content").asText(""), reasoning, in, out, finish);
    }

    private static State state(String status) {
        return switch (status) {
            case "validating" -> State.VALIDATING;
            case "in_progress" -> State.IN_PROGRESS;
            case "finalizing" -> State.FINALIZING;
            case "completed" -> State.COMPLETED;
            case "failed" -> State.FAILED;
            case "expired" -> State.EXPIRED;
            case "cancelling" -> State.CANCELLING;
            case "cancelled" -> State.CANCELLED;
            default -> State.IN_PROGRESS;
        };
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("OpenAI batches: not JSON: " + json, e);
        }
    }
}
