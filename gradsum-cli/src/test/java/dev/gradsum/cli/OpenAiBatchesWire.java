package dev.gradsum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * OpenAI's Batch API on the wire, as documented, rudely:
 * <ul>
 *   <li>{@code POST /v1/files}, multipart with {@code purpose=batch} and a JSONL {@code file} of
 *       {@code {custom_id, method, url, body}} lines, returns a file object {@code {id, object: file, purpose}};</li>
 *   <li>{@code POST /v1/batches} with {@code input_file_id}, {@code endpoint} and {@code completion_window: 24h}
 *       returns a batch {@code status: validating};</li>
 *   <li>{@code GET /v1/batches?limit=N} lists the most recent batches, newest first, each with the
 *       {@code metadata} it was created with (OpenAI API reference: CreateBatchRequest.metadata, "List batches";
 *       as generated into docs.rs/crate/openai-client-base CreateBatchRequest.md);</li>
 *   <li>{@code GET /v1/batches/{id}} goes validating → in_progress (for {@link #pollsInProgress} polls) →
 *       finalizing → completed, with {@code request_counts {total, completed, failed}}, then
 *       {@code output_file_id} and {@code error_file_id};</li>
 *   <li>{@code GET /v1/files/{id}/content}: the output file holds one line per answered request,
 *       {@code {id, custom_id, response: {status_code: 200, request_id, body}, error: null}}, in reverse order;
 *       the error file a line with {@code response.status_code} 500 for an errored request, and one with
 *       {@code error: {code: batch_expired}} for an expired one.</li>
 * </ul>
 * Sources: the batch object (statuses, output_file_id, error_file_id, request_counts) as in
 * learn.microsoft.com/azure/foundry/reference/rest/batches-retrieve-batch (OpenAI's v1 batch API) and
 * github.com/dongri/openai-api-rs examples/data/batch_result.json (an output line); the input line as in
 * OpenAI's API reference "The request input object" (custom_id, method, url, body; mirrored at
 * openai.cadn.net.cn/api-reference_en/batch-request-input); output order not that of the input, match by
 * custom_id (the batch guide, /work/shared/provider-behaviour.md).
 */
final class OpenAiBatchesWire {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<JsonNode, String> answer;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<String, String> files = new ConcurrentHashMap<>();
    private final Map<String, Batch> batches = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> submissions = new ConcurrentHashMap<>();
    private final List<String> uploads = Collections.synchronizedList(new ArrayList<>());
    volatile int pollsInProgress = 2;
    volatile Predicate<String> expire = text -> false;
    volatile Predicate<String> error = text -> false;
    /** While set, every batch stays in progress. */
    volatile boolean hold;
    /**
     * Run once a create request has been accepted (the batch exists), before its response goes back: a test
     * kills the process there.
     */
    volatile Runnable afterCreate = () -> { };
    private final List<String> order = Collections.synchronizedList(new ArrayList<>());

    private record Batch(String id, Map<String, JsonNode> bodies, AtomicInteger polls, JsonNode metadata) {
    }

    /** @param answer the chat-completion body answering one request body */
    OpenAiBatchesWire(Function<JsonNode, String> answer) {
        this.answer = answer;
    }

    static boolean handles(String path) {
        return path.endsWith("/v1/files") || path.contains("/v1/files/") || path.contains("/v1/batches");
    }

    MockResponse dispatch(RecordedRequest request, String body) throws IOException {
        String path = request.getUrl().encodedPath();
        if (path.endsWith("/v1/files") && "POST".equals(request.getMethod())) {
            return upload(request.getHeaders().get("Content-Type"), body);
        }
        if (path.contains("/v1/files/") && path.endsWith("/content")) {
            String id = path.substring(path.indexOf("/v1/files/") + 10, path.length() - "/content".length());
            String content = files.get(id);
            return content == null ? json(404, "{\"error\":{\"message\":\"No such File object: " + id + "\"}}")
                    : new MockResponse.Builder().code(200).addHeader("Content-Type", "application/octet-stream").body(content).build();
        }
        if (path.endsWith("/v1/batches") && "POST".equals(request.getMethod())) {
            return create(JSON.readTree(body));
        }
        if (path.endsWith("/v1/batches") && "GET".equals(request.getMethod())) {
            return json(200, list().toString());
        }
        String id = path.substring(path.indexOf("/v1/batches/") + 12);
        Batch b = batches.get(id);
        return b == null ? json(404, "{\"error\":{\"message\":\"No batch " + id + "\"}}") : json(200, poll(b).toString());
    }

    private MockResponse upload(String contentType, String body) throws IOException {
        if (contentType == null || !contentType.startsWith("multipart/form-data; boundary=")) {
            return json(400, "{\"error\":{\"message\":\"expected multipart/form-data\"}}");
        }
        String boundary = "--" + contentType.substring(contentType.indexOf('=') + 1);
        String purpose = null;
        String file = null;
        for (String part : body.split(java.util.regex.Pattern.quote(boundary))) {
            int split = part.indexOf("\r\n\r\n");
            if (split < 0) {
                continue;
            }
            String headers = part.substring(0, split);
            String value = part.substring(split + 4).replaceFirst("\r\n$", "");
            if (headers.contains("name=\"purpose\"")) {
                purpose = value;
            } else if (headers.contains("name=\"file\"")) {
                file = value;
            }
        }
        if (!"batch".equals(purpose) || file == null) {
            return json(400, "{\"error\":{\"message\":\"purpose must be batch, with a file\"}}");
        }
        String id = "file-in" + ids.incrementAndGet();
        files.put(id, file);
        uploads.add(id);
        return json(200, "{\"id\":\"" + id + "\",\"object\":\"file\",\"bytes\":" + file.length()
                + ",\"filename\":\"batch.jsonl\",\"purpose\":\"batch\"}");
    }

    private MockResponse create(JsonNode body) throws IOException {
        if (!"24h".equals(body.path("completion_window").asText()) || !"/v1/chat/completions".equals(body.path("endpoint").asText())) {
            return json(400, "{\"error\":{\"message\":\"completion_window must be 24h, endpoint /v1/chat/completions\"}}");
        }
        String input = files.get(body.path("input_file_id").asText());
        if (input == null) {
            return json(400, "{\"error\":{\"message\":\"unknown input_file_id\"}}");
        }
        Map<String, JsonNode> bodies = new LinkedHashMap<>();
        for (String line : input.split("\n")) {
            if (!line.isBlank()) {
                JsonNode l = JSON.readTree(line);
                bodies.put(l.get("custom_id").asText(), l.get("body"));
                submissions.computeIfAbsent(l.get("body").toString(), k -> new AtomicInteger()).incrementAndGet();
            }
        }
        Batch b = new Batch("batch_stub" + ids.incrementAndGet(), bodies, new AtomicInteger(), body.get("metadata"));
        batches.put(b.id(), b);
        order.add(b.id());
        afterCreate.run();
        return json(200, object(b, "validating", null, null).toString());
    }

    private ObjectNode list() {
        ObjectNode o = JSON.createObjectNode();
        o.put("object", "list");
        var data = o.putArray("data");
        List<String> newestFirst;
        synchronized (order) {
            newestFirst = new ArrayList<>(order);
        }
        Collections.reverse(newestFirst);
        for (String id : newestFirst) {
            data.add(object(batches.get(id), "in_progress", null, null));
        }
        o.put("has_more", false);
        return o;
    }

    private ObjectNode poll(Batch b) {
        int n = hold ? 2 : b.polls().incrementAndGet();
        if (n == 1) {
            return object(b, "validating", null, null);
        }
        if (n <= 1 + pollsInProgress) {
            return object(b, "in_progress", null, null);
        }
        if (n == 2 + pollsInProgress) {
            return object(b, "finalizing", null, null);
        }
        List<String> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : b.bodies().entrySet()) {
            String text = e.getValue().toString();
            ObjectNode line = JSON.createObjectNode();
            line.put("id", "batch_req_" + e.getKey()).put("custom_id", e.getKey());
            if (expire.test(text)) {
                line.putNull("response");
                line.putObject("error").put("code", "batch_expired")
                        .put("message", "This request could not be executed before the completion window expired.");
                errors.add(line.toString());
            } else if (error.test(text)) {
                ObjectNode response = line.putObject("response");
                response.put("status_code", 500).put("request_id", "req_" + e.getKey());
                response.putObject("body").putObject("error").put("message", "The server had an error").put("type", "server_error");
                line.putNull("error");
                errors.add(line.toString());
            } else {
                ObjectNode response = line.putObject("response");
                response.put("status_code", 200).put("request_id", "req_" + e.getKey());
                try {
                    response.set("body", JSON.readTree(answer.apply(e.getValue())));
                } catch (IOException ex) {
                    throw new IllegalStateException(ex);
                }
                line.putNull("error");
                out.add(line.toString());
            }
        }
        Collections.reverse(out); // not the input's order
        String outId = "file-out-" + b.id();
        String errId = errors.isEmpty() ? null : "file-err-" + b.id();
        files.put(outId, String.join("\n", out) + "\n");
        if (errId != null) {
            files.put(errId, String.join("\n", errors) + "\n");
        }
        return object(b, "completed", outId, errId);
    }

    private ObjectNode object(Batch b, String status, String outputFile, String errorFile) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", b.id()).put("object", "batch").put("endpoint", "/v1/chat/completions").put("status", status)
                .put("completion_window", "24h").put("created_at", 1_764_583_200L);
        o.putNull("errors");
        if (b.metadata() == null) o.putNull("metadata"); else o.set("metadata", b.metadata());
        if (outputFile == null) o.putNull("output_file_id"); else o.put("output_file_id", outputFile);
        if (errorFile == null) o.putNull("error_file_id"); else o.put("error_file_id", errorFile);
        int total = b.bodies().size();
        boolean done = outputFile != null;
        int failed = 0;
        for (JsonNode body : b.bodies().values()) {
            failed += expire.test(body.toString()) || error.test(body.toString()) ? 1 : 0;
        }
        o.putObject("request_counts").put("total", total).put("completed", done ? total - failed : 0)
                .put("failed", done ? failed : 0);
        return o;
    }

    /** How many times each distinct request body was submitted in a batch. */
    Map<String, Integer> submissionsPerRequest() {
        Map<String, Integer> m = new LinkedHashMap<>();
        submissions.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    int batches() {
        return batches.size();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }
}
