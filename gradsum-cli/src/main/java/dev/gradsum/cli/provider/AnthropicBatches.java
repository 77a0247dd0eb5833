package dev.gradsum.cli.provider;

import dev.gradsum.llm.BatchApi;
import dev.gradsum.llm.BatchReply;
import dev.langchain4j.model.anthropic.AnthropicBatchChatModel;
import dev.langchain4j.model.batch.BatchItemResult;
import dev.langchain4j.model.batch.BatchRequest;
import dev.langchain4j.model.batch.BatchResponse;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Anthropic's Message Batches ({@code POST /v1/messages/batches}, {@code GET /v1/messages/batches/{id}},
 * results as JSONL at {@code /v1/messages/batches/{id}/results}) through LangChain4j's
 * {@link AnthropicBatchChatModel}. That model names the requests {@code request-0}, {@code request-1}, ...
 * in submission order and returns an ended batch's results sorted back into that order, whatever order
 * the JSONL had; a result it could not place (fewer results than requests) makes every request of the batch
 * count as missing, so each is retried rather than answered with another's reply.
 */
public final class AnthropicBatches implements BatchApi {
    /** The custom-id prefix {@code AnthropicBatchChatModel} gives the requests of a batch (1.19.0). */
    static final String CUSTOM_ID_PREFIX = "request-";

    private final AnthropicBatchChatModel model;

    public AnthropicBatches(AnthropicBatchChatModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    @Override
    public Submission submit(List<ChatRequest> requests) {
        BatchResponse<ChatResponse> created = model.submit(new BatchRequest<>(requests));
        List<String> ids = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            ids.add(CUSTOM_ID_PREFIX + i);
        }
        return new Submission(created.batchId(), ids);
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
