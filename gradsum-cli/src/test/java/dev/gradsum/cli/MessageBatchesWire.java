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
 * Anthropic's Message Batches on the wire, as documented (and rude where the documentation allows):
 * <ul>
 *   <li>{@code POST /v1/messages/batches} with {@code {"requests": [{"custom_id", "params"}]}} creates a
 *       {@code message_batch} with {@code processing_status: in_progress} and {@code request_counts}
 *       (processing, succeeded, errored, canceled, expired);</li>
 *   <li>{@code GET /v1/messages/batches/{id}} polls it: it stays {@code in_progress} for
 *       {@link #pollsInProgress} polls (or while {@link #hold held}), then is {@code ended} with its
 *       {@code results_url};</li>
 *   <li>{@code GET /v1/messages/batches/{id}/results} serves JSONL, one line per request with its
 *       {@code custom_id} and {@code result.type} succeeded (with the {@code message}), errored (an
 *       {@code error} object), canceled or expired, in reverse order (the documentation: results "may not
 *       match the ordering of requests", match them by custom_id).</li>
 *   <li>A batch canceled at the provider (a cancel from the console or the API; the first
 *       {@link #canceledBatches} created) goes
 *       {@code canceling} for one poll, then {@code ended} with {@code cancel_initiated_at} set; the requests
 *       {@link #cancel} matches (the ones not yet sent to the model) end as {@code canceled} lines, counted in
 *       {@code request_counts.canceled}, the rest as usual (platform.claude.com/docs/en/api/canceling-message-batches:
 *       "the batch enters a canceling state" while in-progress requests finish, the number of canceled
 *       requests is in request_counts, which ones in the individual results; a result of type canceled:
 *       MessageBatchCanceledResult in the SDKs).</li>
 * </ul>
 * Sources: platform.claude.com/docs/en/build-with-claude/batch-processing (results unordered, result
 * types, 24 h expiry) and platform.claude.com/docs/en/api/messages/batches/retrieve (the message_batch
 * object: processing_status in_progress / canceling / ended, request_counts, results_url).
 */
final class MessageBatchesWire {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<JsonNode, String> answer;
    private final String baseUrl;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<String, Batch> batches = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> submissions = new ConcurrentHashMap<>();
    private final List<String> batchIds = Collections.synchronizedList(new ArrayList<>());
    volatile int pollsInProgress = 2;
    volatile boolean hold;
    volatile Predicate<String> expire = text -> false;
    volatile Predicate<String> error = text -> false;
    /** Requests whose result line is {@code canceled}. */
    volatile Predicate<String> cancel = text -> false;
    /** How many of the first batches created are canceled at the provider (they pass through {@code canceling}). */
    volatile int canceledBatches;

    private record Batch(String id, Map<String, JsonNode> params, AtomicInteger polls, boolean canceled) {
    }

    /**
     * @param answer  the Anthropic message body answering one request's {@code params}
     * @param baseUrl {@code http://127.0.0.1:PORT/v1}, for the results_url
     */
    MessageBatchesWire(Function<JsonNode, String> answer, String baseUrl) {
        this.answer = answer;
        this.baseUrl = baseUrl;
    }

    static boolean handles(String path) {
        return path.contains("/messages/batches");
    }

    MockResponse dispatch(RecordedRequest request, String body) throws IOException {
        String path = request.getUrl().encodedPath();
        String tail = path.substring(path.indexOf("/messages/batches") + "/messages/batches".length());
        if ("POST".equals(request.getMethod()) && tail.isEmpty()) {
            return create(JSON.readTree(body));
        }
        String[] parts = tail.replaceFirst("^/", "").split("/");
        Batch b = batches.get(parts[0]);
        if (b == null) {
            return json(404, "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"no batch " + parts[0] + "\"}}");
        }
        if (parts.length == 2 && parts[1].equals("results")) {
            return results(b);
        }
        int polls = b.polls().incrementAndGet();
        boolean ended = polls > pollsInProgress + (b.canceled() ? 1 : 0) && !hold;
        ObjectNode status = status(b, ended);
        if (b.canceled() && polls > pollsInProgress && !ended) {
            status.put("processing_status", "canceling");
        }
        if (b.canceled() && polls > pollsInProgress) {
            status.put("cancel_initiated_at", "2026-12-01T10:04:00Z");
        }
        return json(200, status.toString());
    }

    private MockResponse create(JsonNode body) {
        String id = "msgbatch_stub" + ids.incrementAndGet();
        Map<String, JsonNode> params = new LinkedHashMap<>();
        for (JsonNode r : body.get("requests")) {
            params.put(r.get("custom_id").asText(), r.get("params"));
            submissions.computeIfAbsent(r.get("params").toString(), k -> new AtomicInteger()).incrementAndGet();
        }
        Batch b = new Batch(id, params, new AtomicInteger(), ids.get() <= canceledBatches);
        batches.put(id, b);
        batchIds.add(id);
        return json(200, status(b, false).toString());
    }

    private ObjectNode status(Batch b, boolean ended) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", b.id()).put("type", "message_batch").put("processing_status", ended ? "ended" : "in_progress");
        ObjectNode counts = o.putObject("request_counts");
        int expired = 0;
        int errored = 0;
        int cancelled = 0;
        for (JsonNode p : b.params().values()) {
            String type = resultType(b, p.toString());
            expired += type.equals("expired") ? 1 : 0;
            errored += type.equals("errored") ? 1 : 0;
            cancelled += type.equals("canceled") ? 1 : 0;
        }
        int n = b.params().size();
        counts.put("processing", ended ? 0 : n).put("succeeded", ended ? n - expired - errored - cancelled : 0)
                .put("errored", ended ? errored : 0).put("canceled", ended ? cancelled : 0)
                .put("expired", ended ? expired : 0);
        o.put("created_at", "2026-12-01T10:00:00Z").put("expires_at", "2026-12-02T10:00:00Z");
        if (ended) {
            o.put("ended_at", "2026-12-01T10:05:00Z");
            o.put("results_url", baseUrl + "/messages/batches/" + b.id() + "/results");
        } else {
            o.putNull("ended_at");
            o.putNull("results_url");
        }
        o.putNull("cancel_initiated_at").putNull("archived_at");
        return o;
    }

    private MockResponse results(Batch b) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : b.params().entrySet()) {
            ObjectNode line = JSON.createObjectNode();
            line.put("custom_id", e.getKey());
            ObjectNode result = line.putObject("result");
            String text = e.getValue().toString();
            String type = resultType(b, text);
            if (type.equals("expired") || type.equals("canceled")) {
                result.put("type", type);
            } else if (type.equals("errored")) {
                result.put("type", "errored");
                result.putObject("error").put("type", "error").putObject("error")
                        .put("type", "overloaded_error").put("message", "Overloaded");
            } else {
                result.put("type", "succeeded");
                result.set("message", JSON.readTree(answer.apply(e.getValue())));
            }
            lines.add(line.toString());
        }
        Collections.reverse(lines); // out of order: matched by custom_id, never by position
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/binary")
                .body(String.join("\n", lines) + "\n").build();
    }

    /** The result type of the request {@code params}: expired, canceled, errored or succeeded. */
    private String resultType(Batch b, String params) {
        return expire.test(params) ? "expired" : b.canceled() && cancel.test(params) ? "canceled"
                : error.test(params) ? "errored" : "succeeded";
    }

    /** How many times each distinct request ({@code params}) was submitted in a batch. */
    Map<String, Integer> submissionsPerRequest() {
        Map<String, Integer> m = new LinkedHashMap<>();
        submissions.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    List<String> batchIds() {
        synchronized (batchIds) {
            return List.copyOf(batchIds);
        }
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

}
