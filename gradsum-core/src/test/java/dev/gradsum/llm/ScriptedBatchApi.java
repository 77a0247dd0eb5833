package dev.gradsum.llm;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.output.FinishReason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A batch API in memory that behaves as the providers document, rudely: a batch stays in progress for
 * {@code pollsInProgress} polls, then ends with its results in reverse order; a request whose prompt
 * contains {@code EXPIRE} expires, one with {@code ERROR} errors (Anthropic's result types
 * succeeded / errored / canceled / expired: platform.claude.com/docs/build-with-claude/batch-processing).
 * It answers {@code batch answer: <prompt>} with 100 input and 10 output tokens. It keeps each batch's
 * submission token, as OpenAI's batch metadata does, and finds a batch by it ({@link #find}).
 */
public final class ScriptedBatchApi implements BatchApi {
    private volatile int pollsInProgress;
    private final AtomicInteger batches = new AtomicInteger();
    private final List<List<String>> submitted = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, List<String>> prompts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
    private final Map<String, Submission> byToken = new ConcurrentHashMap<>();
    /** When set, the next create is accepted but its response lost on the way back (a 504). */
    volatile boolean loseNextCreateResponse;

    public ScriptedBatchApi(int pollsInProgress) {
        this.pollsInProgress = pollsInProgress;
    }

    @Override
    public Submission submit(List<ChatRequest> requests) {
        String id = "msgbatch_" + batches.incrementAndGet();
        List<String> texts = requests.stream().map(ScriptedBatchApi::prompt).toList();
        submitted.add(texts);
        prompts.put(id, texts);
        polls.put(id, new AtomicInteger());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            ids.add(id + "-" + i);
        }
        return new Submission(id, ids);
    }

    @Override
    public Submission submit(List<ChatRequest> requests, String token) {
        Submission created = submit(requests);
        byToken.put(token, created);
        if (loseNextCreateResponse) {
            loseNextCreateResponse = false;
            throw new HttpStatusException(504, "gateway timeout", null);
        }
        return created;
    }

    @Override
    public boolean findsByToken() {
        return true;
    }

    @Override
    public java.util.Optional<Submission> find(String token, int requests) {
        return java.util.Optional.ofNullable(byToken.get(token));
    }

    @Override
    public Status poll(String batchId, List<String> customIds) {
        int n = polls.get(batchId).incrementAndGet();
        if (n <= pollsInProgress) {
            return Status.of(n == 1 ? State.VALIDATING : State.IN_PROGRESS);
        }
        List<String> texts = prompts.get(batchId);
        Map<String, Result> results = new LinkedHashMap<>();
        for (int i = texts.size() - 1; i >= 0; i--) { // out of order
            String text = texts.get(i);
            Result r = text.contains("EXPIRE") ? Result.failed("expired")
                    : text.contains("ERROR") ? Result.failed("errored: overloaded_error")
                    : Result.answered(new BatchReply("batch answer: " + text, null, 100, 10, FinishReason.STOP.name()));
            results.put(batchId + "-" + i, r);
        }
        return new Status(State.COMPLETED, 0, 0, 0, results);
    }

    /** Every batch ends at its next poll (the provider caught up). */
    void endAtNextPoll() {
        pollsInProgress = 0;
    }

    /** The prompts of every batch submitted, in submission order. */
    public List<List<String>> submitted() {
        return List.copyOf(submitted);
    }

    /** How many times {@code prompt} was submitted in all. */
    long submissionsOf(String prompt) {
        return submitted().stream().flatMap(List::stream).filter(prompt::equals).count();
    }

    private static String prompt(ChatRequest request) {
        return ((UserMessage) request.messages().get(request.messages().size() - 1)).singleText();
    }
}
