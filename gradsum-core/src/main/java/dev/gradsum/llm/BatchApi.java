package dev.gradsum.llm;

import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A provider's batch API as gradsum uses it: submit many chat requests at once (about half the online
 * price), then poll until the batch has ended and read each request's result, matched by custom id.
 * Implementations talk to one model of one provider (the CLI's {@code LangChain4jBatches} over
 * LangChain4j's {@code AnthropicBatchChatModel} and {@code GoogleAiGeminiBatchChatModel}, its
 * {@code OpenAiBatches} over OpenAI's documented Files and Batches endpoints); the call path ({@link BatchQueue}) decides what goes into a batch, keeps the batch
 * ids in a {@link BatchLedger} and answers the waiting calls. Thread-safe; calls may block on the network
 * and throw a {@link RuntimeException} when the provider cannot be reached.
 */
public interface BatchApi {
    /**
     * Creates one batch of {@code requests}.
     *
     * @return the provider's batch id and each request's custom id, in the order of {@code requests}
     */
    Submission submit(List<ChatRequest> requests);

    /**
     * Creates one batch of {@code requests} tagged with {@code token} (gradsum's submission token, written to
     * the {@link BatchLedger} as an {@link BatchLedger.Intent intent} before this call), where the provider
     * keeps such a tag ({@link #findsByToken}). The default ignores the token.
     */
    default Submission submit(List<ChatRequest> requests, String token) {
        return submit(requests);
    }

    /**
     * Whether {@link #submit(List, String)} tags the batch so that {@link #find} can find it again: then a
     * process that died after the provider created a batch but before its id reached the store loses
     * nothing, the next one finds the batch by its token. Without it, that window (from the provider's
     * acceptance of the create request to the store's commit of the batch id) stays open: the requests of
     * such a batch are submitted again.
     */
    default boolean findsByToken() {
        return false;
    }

    /**
     * The batch created with {@code token} by {@link #submit(List, String)}, if the provider has one (it looks
     * through its recent batches); {@code requests} is how many requests it was created with. Empty when none
     * was created, or when this API cannot tell ({@link #findsByToken} false).
     */
    default Optional<Submission> find(String token, int requests) {
        return Optional.empty();
    }

    /**
     * The batch's state now; once it has {@link State#ended() ended}, every result the provider has, by
     * custom id ({@code customIds} are the ones {@link #submit} returned, in order). A custom id missing
     * from an ended batch's results is a lost request: the caller retries it.
     */
    Status poll(String batchId, List<String> customIds);

    /** What {@link #submit} created: the batch id and the custom id of each request, in order. */
    record Submission(String batchId, List<String> customIds) {
        public Submission {
            Objects.requireNonNull(batchId, "batchId");
            customIds = List.copyOf(customIds);
        }
    }

    /**
     * A batch's state, its request counts as the provider reports them (0 when it reports none), and,
     * once ended, the results by custom id.
     */
    record Status(State state, int succeeded, int failed, int processing, Map<String, Result> results) {
        public Status {
            Objects.requireNonNull(state, "state");
            results = Map.copyOf(results);
        }

        /** A state without counts or results (a batch still running). */
        public static Status of(State state) {
            return new Status(state, 0, 0, 0, Map.of());
        }
    }

    /**
     * The states of a batch across providers: OpenAI's validating, in_progress, finalizing, completed,
     * failed, expired, cancelling and cancelled; Anthropic's in_progress, canceling and ended (ended is
     * {@link #COMPLETED}).
     */
    enum State {
        VALIDATING, IN_PROGRESS, FINALIZING, COMPLETED, FAILED, EXPIRED, CANCELLING, CANCELLED;

        /** Whether the batch will change no more: its results (if any) can be read. */
        public boolean ended() {
            return this == COMPLETED || this == FAILED || this == EXPIRED || this == CANCELLED;
        }

        /** {@code in progress}: how the progress line names it. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    /**
     * One request's result: an answer, or why there is none ({@code errored: …}, {@code expired},
     * {@code canceled}): such a request is retried, online or in the next batch ({@link BatchOptions}).
     */
    record Result(BatchReply reply, String failure) {
        public Result {
            if ((reply == null) == (failure == null)) {
                throw new IllegalArgumentException("a batch result is either a reply or a failure");
            }
        }

        public static Result answered(BatchReply reply) {
            return new Result(Objects.requireNonNull(reply, "reply"), null);
        }

        public static Result failed(String why) {
            return new Result(null, Objects.requireNonNull(why, "why"));
        }

        public boolean succeeded() {
            return reply != null;
        }
    }
}
