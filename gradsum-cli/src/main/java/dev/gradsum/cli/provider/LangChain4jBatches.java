package dev.gradsum.cli.provider;

import dev.gradsum.llm.BatchApi;
import dev.gradsum.llm.BatchReply;
import dev.langchain4j.model.batch.BatchItemResult;
import dev.langchain4j.model.batch.BatchRequest;
import dev.langchain4j.model.batch.BatchResponse;
import dev.langchain4j.model.chat.BatchChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A provider's batch API through a LangChain4j {@link BatchChatModel} whose results come back in submission
 * order: Anthropic's Message Batches ({@code AnthropicBatchChatModel}: {@code POST /v1/messages/batches},
 * {@code GET /v1/messages/batches/{id}}, JSONL results at {@code /v1/messages/batches/{id}/results}; it names
 * the requests {@code request-0}, {@code request-1}, ... and sorts the results, which come in any order,
 * back by that index) and Gemini's batch mode ({@code GoogleAiGeminiBatchChatModel}: inline requests to
 * {@code models/{model}:batchGenerateContent}, the operation {@code batches/{id}} polled; its inlined
 * responses are "in the same order as the input requests", Gemini API reference, GenerateContentBatchOutput).
 * The custom ids kept here are {@code request-<index>}. A batch with fewer results than requests makes
 * every request of it count as missing, so each is retried rather than answered with another's reply.
 *
 * <p>Gradsum's submission token goes with the batch where the provider has room for it ({@link Tagging}):
 * Gemini's display name ({@link GeminiBatchTagging}). Anthropic's create request has none: its body is
 * {@code requests} only, each {@code custom_id} and {@code params} (platform.claude.com/docs/en/api/messages/batches/create),
 * and the custom ids are LangChain4j's {@code request-<index>}; so for Anthropic the window between the
 * provider's acceptance of a batch and the store's commit of its id stays open (a crash right there
 * submits those requests again, once).
 */
public final class LangChain4jBatches implements BatchApi {
    /** The custom id of the request at index {@code i}. */
    static final String CUSTOM_ID_PREFIX = "request-";

    private final BatchChatModel model;
    private final Tagging tagging;

    /**
     * How a provider's batch carries gradsum's submission token ({@link BatchApi#submit(List, String)}) and
     * is found by it again ({@link BatchApi#find}).
     */
    public interface Tagging {
        /** Creates the batch tagged with {@code token}. */
        BatchResponse<ChatResponse> submit(List<ChatRequest> requests, String token);

        /** The id of the batch tagged with {@code token}, if the provider has one. */
        java.util.Optional<String> find(String token);
    }

    /** A batch model whose batches carry no token. */
    public LangChain4jBatches(BatchChatModel model) {
        this(model, null);
    }

    /** @param tagging how the batches carry the submission token; {@code null} when they cannot */
    public LangChain4jBatches(BatchChatModel model, Tagging tagging) {
        this.model = Objects.requireNonNull(model, "model");
        this.tagging = tagging;
    }

    @Override
    public Submission submit(List<ChatRequest> requests) {
        return new Submission(model.submit(new BatchRequest<>(requests)).batchId(), customIds(requests.size()));
    }

    @Override
    public Submission submit(List<ChatRequest> requests, String token) {
        if (tagging == null) {
            return submit(requests);
        }
        return new Submission(tagging.submit(requests, token).batchId(), customIds(requests.size()));
    }

    @Override
    public boolean findsByToken() {
        return tagging != null;
    }

    @Override
    public java.util.Optional<Submission> find(String token, int requests) {
        return tagging == null ? java.util.Optional.empty()
                : tagging.find(token).map(id -> new Submission(id, customIds(requests)));
    }

    private static List<String> customIds(int requests) {
        List<String> ids = new ArrayList<>(requests);
        for (int i = 0; i < requests; i++) {
            ids.add(CUSTOM_ID_PREFIX + i);
        }
        return ids;
    }

    @Override
    public Status poll(String batchId, List<String> customIds) {
        BatchResponse<ChatResponse> r = model.retrieve(batchId);
        State state = switch (r.state()) {
            case PENDING -> State.VALIDATING;
            case SUCCEEDED -> State.COMPLETED;
            case FAILED -> State.FAILED;
            case CANCELLED -> State.CANCELLED;
            case EXPIRED -> State.EXPIRED;
            case RUNNING, UNSPECIFIED -> State.IN_PROGRESS;
        };
        if (!state.ended()) {
            return Status.of(state);
        }
        List<BatchItemResult<ChatResponse>> items = r.results() == null ? List.of() : r.results();
        Map<String, Result> results = new HashMap<>();
        int succeeded = 0;
        if (items.size() == customIds.size()) {
            for (int i = 0; i < items.size(); i++) {
                BatchItemResult<ChatResponse> item = items.get(i);
                if (item.isSuccess() && item.response() != null) {
                    results.put(customIds.get(i), Result.answered(BatchReply.of(item.response())));
                    succeeded++;
                } else {
                    String why = item.error() == null ? "no result" : item.error().message();
                    results.put(customIds.get(i), Result.failed(why == null ? "errored" : why));
                }
            }
        }
        return new Status(state, succeeded, results.size() - succeeded, 0, results);
    }
}
