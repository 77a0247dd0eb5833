package dev.gradsum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
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
 * Gemini's batch mode on the wire, inline requests, as documented in the Gemini API reference
 * (ai.google.dev/api/batch-api; ai.google.dev/api/batch-mode): {@code POST .../models/{model}:batchGenerateContent}
 * with {@code batch.inputConfig.requests.requests[]} of {@code {request: GenerateContentRequest, metadata}}
 * returns a long-running operation {@code batches/{id}} whose {@code metadata.state} is a BatchState
 * (BATCH_STATE_PENDING, BATCH_STATE_RUNNING, BATCH_STATE_SUCCEEDED, ...); {@code GET .../batches/{id}} polls
 * it: pending, running for {@link #pollsInProgress} polls, then {@code done} with
 * {@code response.inlinedResponses.inlinedResponses[]}, each a {@code response} or an {@code error} status,
 * "in the same order as the input requests" (GenerateContentBatchOutput). A request {@link #error} matches
 * gets an error status (code 13, INTERNAL). The batch keeps its {@code displayName} (required at create) in
 * its metadata; {@code GET .../batches} lists the operations, newest first ({@code operations[]},
 * {@code nextPageToken}: the ListOperationsResponse of batches.list, ai.google.dev/api/batch-api).
 */
final class GeminiBatchesWire {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<JsonNode, String> answer;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<String, Batch> batches = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> submissions = new ConcurrentHashMap<>();
    volatile int pollsInProgress = 2;
    volatile Predicate<String> error = text -> false;
    /** While set, every batch stays running. */
    volatile boolean hold;

    /** Run once a create request has been accepted, before its response goes back (a test kills the process). */
    volatile Runnable afterCreate = () -> { };
    private final List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());

    private record Batch(String name, List<JsonNode> requests, AtomicInteger polls, String displayName) {
    }

    /** @param answer the GenerateContentResponse body answering one GenerateContentRequest */
    GeminiBatchesWire(Function<JsonNode, String> answer) {
        this.answer = answer;
    }

    static boolean handles(String path) {
        return path.endsWith(":batchGenerateContent") || path.contains("/v1beta/batches/") || path.endsWith("/v1beta/batches");
    }

    MockResponse dispatch(RecordedRequest request, String body) throws IOException {
        String path = request.getUrl().encodedPath();
        if (path.endsWith(":batchGenerateContent")) {
            // proto3 JSON: a parser accepts the lowerCamelCase name and the proto field name alike
            // (protobuf.dev/programming-guides/json); LangChain4j sends input_config
            JsonNode batch = JSON.readTree(body).path("batch");
            JsonNode config = batch.has("inputConfig") ? batch.path("inputConfig") : batch.path("input_config");
            JsonNode inlined = config.path("requests").path("requests");
            List<JsonNode> requests = new ArrayList<>();
            for (JsonNode r : inlined) {
                requests.add(r.get("request"));
                submissions.computeIfAbsent(r.get("request").toString(), k -> new AtomicInteger()).incrementAndGet();
            }
            String displayName = batch.has("displayName") ? batch.path("displayName").asText() : batch.path("display_name").asText();
            Batch b = new Batch("batches/stub" + ids.incrementAndGet(), requests, new AtomicInteger(), displayName);
            batches.put(b.name(), b);
            order.add(b.name());
            afterCreate.run();
            return json(200, operation(b, "BATCH_STATE_PENDING", false).toString());
        }
        if (path.endsWith("/v1beta/batches")) {
            ObjectNode list = JSON.createObjectNode();
            ArrayNode operations = list.putArray("operations");
            List<String> newestFirst;
            synchronized (order) {
                newestFirst = new ArrayList<>(order);
            }
            java.util.Collections.reverse(newestFirst);
            for (String name : newestFirst) {
                operations.add(operation(batches.get(name), "BATCH_STATE_RUNNING", false));
            }
            return json(200, list.toString());
        }
        String name = path.substring(path.indexOf("batches/"));
        Batch b = batches.get(name);
        if (b == null) {
            return json(404, "{\"error\":{\"code\":404,\"message\":\"Batch " + name + " not found\",\"status\":\"NOT_FOUND\"}}");
        }
        int n = b.polls().incrementAndGet();
        boolean done = n > pollsInProgress && !hold;
        return json(200, operation(b, done ? "BATCH_STATE_SUCCEEDED" : "BATCH_STATE_RUNNING", done).toString());
    }

    private ObjectNode operation(Batch b, String state, boolean done) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", b.name());
        ObjectNode metadata = o.putObject("metadata");
        metadata.put("@type", "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch")
                .put("model", "models/gemini-2.5-flash").put("displayName", b.displayName()).put("state", state)
                .put("name", b.name());
        metadata.putObject("batchStats").put("requestCount", String.valueOf(b.requests().size()));
        o.put("done", done);
        if (done) {
            ObjectNode response = o.putObject("response");
            response.put("@type", "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput");
            ArrayNode items = response.putObject("inlinedResponses").putArray("inlinedResponses");
            for (JsonNode r : b.requests()) {
                ObjectNode item = items.addObject();
                if (error.test(r.toString())) {
                    item.putObject("error").put("code", 13).put("message", "Internal error encountered.");
                } else {
                    item.set("response", JSON.readTree(answer.apply(r)));
                }
            }
        }
        return o;
    }

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
