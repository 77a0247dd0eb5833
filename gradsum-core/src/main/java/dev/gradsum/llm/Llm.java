package dev.gradsum.llm;

import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/**
 * One model in one role, reached through the single call path of gradsum:
 * cache lookup → budget check (paid calls only) → concurrency limit per provider → call with
 * timeout → retry with exponential backoff and jitter on 429/5xx/timeouts (honouring Retry-After)
 * → reply stored in the cache before it is returned → usage and cost added to the run's account (tokens
 * counted by gradsum and marked estimated when the answer reports none: {@link ReplyTokens}) →
 * listener told. Cache hits are free: they are counted as cached calls, never refused by the budget (in a
 * resumed run, hits that replay an earlier attempt's requests are not counted again: {@link LlmReply#replayed()}).
 * Identical requests in flight at the same time make one call: the others wait for its reply and get
 * it as a cache hit (when the call fails for good, they fail the same way). With a cache that never
 * answers ({@link CallCache#writeOnly}) every request is sent.
 * Made by {@link CallPath#batchLlm} (the held-out ratings), a model with a batch API sends a missed request through
 * its {@link BatchQueue} instead (a provider batch, at the batch price), then reads the answer as an online
 * one; a request its batch gave no answer goes into the next batch or online ({@link BatchOptions}).
 * Thread-safe. Made by {@link CallPath#llm(Role, dev.langchain4j.model.chat.ChatModel)}.
 *
 * <p>The reply's text is the answer alone: reasoning ({@code <think>} blocks in the content, the
 * provider's reasoning field) is separated from it here, before any module reads it, and kept on
 * {@link LlmReply#reasoning()}. A reply that is no answer — cut at the output-token limit, empty, or
 * refused — is a failed call: an {@link UnusableReplyException}, never cached, counted as a failure of
 * the role with the tokens it cost, and told to {@link CallListener#onUnusableReply}.
 *
 * <p>An interrupted caller gets an {@link LlmException} promptly, with its interrupt flag still set.
 */
public final class Llm {
    private final Role role;
    private final ChatModel model;
    private final String provider;
    private final String modelName;
    private final String limitKey;
    private final Integer maxTokens;
    private final CallPath path;
    private final BatchQueue batch;

    Llm(Role role, ChatModel model, CallPath path, boolean batches) {
        this.role = Objects.requireNonNull(role, "role");
        this.model = Objects.requireNonNull(model, () -> role.key() + " model");
        this.path = path;
        this.provider = model.provider() == null ? "OTHER" : model.provider().name();
        this.modelName = modelNameOf(model);
        this.limitKey = path.limitKey(model, provider);
        ChatRequestParameters parameters = model.defaultRequestParameters();
        this.maxTokens = parameters == null ? null : parameters.maxOutputTokens();
        this.batch = batches ? path.batchQueue(model, provider, modelName) : null;
    }

    /**
     * @throws UnusableReplyException when the reply was no answer (cut, empty, refused)
     * @throws LlmException when the call failed for good; {@link BudgetExceededException} when a limit would be crossed
     */
    public LlmReply chat(LlmRequest request) {
        return chat(request, text -> true);
    }

    /**
     * Like {@link #chat(LlmRequest)}, for a caller that reads the answer ({@code usable} says whether it
     * can): an answer it cannot use is still returned (so the caller can say why and ask again), but it
     * is never stored in the cache, so a rerun asks the model again instead of replaying it as if it
     * were good; a cached answer it cannot use is not replayed either.
     */
    public LlmReply chat(LlmRequest request, Predicate<String> usable) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(usable, "usable");
        String key = CacheKey.of(provider, modelName, model, request);
        try {
            while (true) {
                Optional<LlmReply> hit = lookUp(key, request, usable);
                if (hit.isPresent()) {
                    return cached(hit.get());
                }
                if (!path.cache.answers()) {
                    return paid(key, request, usable);
                }
                InFlightCalls.Call call = path.inFlight.join(key);
                if (call.makes()) {
                    return make(call, key, request, usable);
                }
                Optional<LlmReply> shared;
                try {
                    shared = call.await();
                } catch (Retrier.GaveUp e) {
                    throw countFailure(e); // the maker's failure is this caller's too, and counted for it
                }
                if (shared.isPresent()) {
                    return cached(shared.get());
                }
                // the first caller did not finish (interrupted, or refused by the budget): try again ourselves
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException(who() + ": interrupted while waiting for the call", e);
        } catch (Retrier.GaveUp e) {
            throw e.counted().orElseGet(() -> failedForGood(e)); // counted by the retrier before the slot was free
        }
    }

    /**
     * The one owner of what a call that failed for good does to the run: it is counted as a failure of the
     * role, and, when it makes the failures systematic, the run's stop is latched ({@link CallPath#fatal}).
     * For a call sent here the retrier runs this while the call still holds its slot, so no waiting call goes
     * out between the failure and the stop.
     *
     * @return the failure the caller gets
     */
    private RuntimeException failedForGood(Retrier.GaveUp e) {
        RuntimeException failure = countFailure(e);
        e.countedAs(failure);
        return failure;
    }

    private RuntimeException countFailure(Retrier.GaveUp e) {
        if (path.fatalFailure().filter(f -> f == e.getCause()).isPresent()) {
            return (LlmException) e.getCause(); // not sent: the run is stopping on that failure
        }
        path.account.add(role, UsageAccount.ONE_FAILURE);
        if (e.getCause() instanceof ContentFilteredException refusal) {
            // LangChain4j turns an OpenAI refusal (content null, a refusal string) into this exception
            return unusable(UnusableReplyException.Kind.REFUSED, new LlmReply("", 0, 0, false), refusal.getMessage());
        }
        LlmException failure = failure(e.getCause(), e.attempts(), e.outOfTime() ? e.waited() : null);
        path.systematic.failed(role, failure, Failure.of(e.getCause()).retriable()).ifPresent(path::fatal);
        return failure;
    }

    /**
     * A stored reply the caller can use: stored text is separated again (entries written before
     * reasoning was taken out still hold it), and an empty or unusable answer is not replayed.
     */
    private Optional<LlmReply> lookUp(String key, LlmRequest request, Predicate<String> usable) {
        Optional<LlmReply> stored;
        try {
            stored = path.cache.get(key, new CallCache.Asked(role, provider, modelName, request));
        } catch (RecordingMissException miss) {
            path.fatal(miss); // no answer to replay: every later miss would fail the same way, so the run stops
            throw miss;
        }
        return stored
                .map(Llm::separated)
                .filter(r -> !r.text().isBlank() && usable.test(r.text()));
    }

    private static LlmReply separated(LlmReply stored) {
        ThinkingText.Separated s = ThinkingText.separate(stored.text(), stored.reasoning());
        return new LlmReply(s.answer(), s.reasoning(), stored.inputTokens(), stored.outputTokens(), stored.cached());
    }

    private UnusableReplyException unusable(UnusableReplyException.Kind kind, LlmReply reply, String detail) {
        UnusableReplyException e = new UnusableReplyException(who(), role, kind, reply, maxTokens, detail);
        path.listener.onUnusableReply(e);
        return e;
    }

    /**
     * The one-line failure of a call that failed for good after {@code attempts} attempts; a timeout names
     * its setting ({@link CallPath#timeoutSetting}).
     *
     * @param retryTime the retry time spent, when the call gave up because the policy's retry time ran out
     */
    private LlmException failure(Throwable cause, int attempts, java.time.Duration retryTime) {
        String tries = retryTime != null
                ? " (gave up after " + attempts + " attempts and " + FailureText.duration(retryTime)
                        + " of waiting: the retry time limit, maxRetryTime of the retry policy)"
                : attempts > 1 ? " (gave up after " + attempts + " attempts)" : "";
        String setting = Failure.timedOut(cause) ? CallPath.timeoutSetting(role) : null;
        return new LlmException(setting,
                Failure.report(cause).orElseGet(() -> who() + ": " + FailureText.describe(cause) + tries), cause);
    }

    /** The first of identical concurrent requests: makes the call and hands its outcome to the waiters. */
    private LlmReply make(InFlightCalls.Call call, String key, LlmRequest request, Predicate<String> usable)
            throws InterruptedException, Retrier.GaveUp {
        Optional<LlmReply> outcome = Optional.empty();
        try {
            // an identical call may have stored its reply between our lookup and join
            Optional<LlmReply> hit = lookUp(key, request, usable);
            if (hit.isPresent()) {
                outcome = hit;
                return cached(hit.get());
            }
            LlmReply reply = paid(key, request, usable);
            outcome = Optional.of(reply);
            return reply;
        } catch (Retrier.GaveUp e) {
            call.end(e);
            throw e;
        } finally {
            call.end(outcome);
        }
    }

    private LlmReply cached(LlmReply stored) {
        if (path.account.replay(role)) {
            LlmReply replayed = stored.asReplayed(); // an earlier attempt counted it
            path.listener.onCall(role, replayed, path.account.total());
            return replayed;
        }
        LlmReply reply = stored.asCached();
        path.listener.onCall(role, reply, path.account.add(role, UsageAccount.ONE_CACHED));
        return reply;
    }

    private LlmReply paid(String key, LlmRequest request, Predicate<String> usable)
            throws InterruptedException, Retrier.GaveUp {
        ChatRequest chatRequest = ChatRequests.from(request);
        path.budget.reserve();
        Usage total;
        LlmReply reply;
        ReplyTokens tokens;
        UnusableReplyException.Kind unusable;
        try {
            ChatResponse fromBatch = batch != null ? fromBatch(key, chatRequest) : null;
            boolean batched = fromBatch != null;
            Answer answer = batched ? read(chatRequest, fromBatch) : online(chatRequest);
            reply = answer.reply();
            tokens = answer.tokens();
            unusable = answer.unusable();
            double cost = batched
                    ? path.pricing.batchCost(provider, modelName, reply.inputTokens(), reply.outputTokens())
                    : path.pricing.cost(modelName, reply.inputTokens(), reply.outputTokens());
            if (unusable != null) {
                // paid for, but no answer: a failure of the role, with what it cost; never cached
                path.account.add(role, UsageAccount.failed(reply.inputTokens(), reply.outputTokens(), cost));
                total = null;
            } else {
                try {
                    if (usable.test(reply.text())) {
                        path.cache.put(key, new CallRecord(role, provider, modelName, request, reply, cost));
                    }
                } finally {
                    total = path.account.add(role, UsageAccount.paid(reply.inputTokens(), reply.outputTokens(), cost,
                            tokens.estimated(), path.pricing.knows(modelName)));
                }
            }
        } finally {
            path.budget.release();
        }
        if (unusable != null) {
            throw unusable(unusable, reply, unusable == UnusableReplyException.Kind.REFUSED ? "content filter" : null);
        }
        path.listener.onCall(role, reply, total);
        return reply;
    }

    /** One call sent online: retries, backoff, the concurrency limit and the timeout of the call path. */
    private Answer online(ChatRequest chatRequest) throws InterruptedException, Retrier.GaveUp {
        return path.retrier.call(limitKey,
                    attempt -> {
                        path.throwIfFatal(); // after a failure every call will get, nothing more is sent
                        if (attempt > 1) {
                            path.account.add(role, UsageAccount.ONE_RETRY); // counted as it is sent, so it matches the server's count
                        }
                        ChatResponse response;
                        try {
                            response = path.timedChat.chat(model, chatRequest);
                        } catch (RuntimeException e) {
                            if (Failure.fatal(e)) {
                                path.fatal(failure(e, 1, null)); // before the slot is free, so no other call goes out
                            }
                            throw e;
                        }
                        return read(chatRequest, response); // an answer that is none is counted before the slot is free
                    },
                    this::failedForGood);
    }

    /** A reply as read: the answer and its tokens, and why it is no answer ({@code null} when it is one). */
    private record Answer(LlmReply reply, ReplyTokens tokens, UnusableReplyException.Kind unusable) {
    }

    /**
     * Reads a reply (reasoning separated, tokens counted) and counts it for {@link SystematicFailures}: an
     * answer, or one that is no answer. Cut and empty answers that repeat are systematic: a run whose every
     * answer is cut stops with the limit to raise. Not a refusal (for the target it is an answer), nor the
     * editor's cut answers, whose complete prompts are still used. Online, it runs while the call holds its slot.
     */
    private Answer read(ChatRequest chatRequest, ChatResponse response) {
        String content = textOf(response);
        String thinking = response.aiMessage() == null ? null : response.aiMessage().thinking();
        ThinkingText.Separated separated = ThinkingText.separate(content, thinking);
        ReplyTokens tokens = ReplyTokens.of(model, chatRequest, response.tokenUsage(),
                thinking == null ? content : content + thinking);
        LlmReply reply = new LlmReply(separated.answer(), separated.reasoning(), tokens.input(), tokens.output(), false);
        UnusableReplyException.Kind unusable = unusableKind(response, reply);
        if (unusable == null) {
            path.systematic.succeeded(role);
        } else if (unusable != UnusableReplyException.Kind.REFUSED && role != Role.EDITOR) {
            UnusableReplyException e = new UnusableReplyException(who(), role, unusable, reply, maxTokens, null);
            path.systematic.failed(role, e, false).ifPresent(path::fatal);
        }
        return new Answer(reply, tokens, unusable);
    }

    /**
     * The answer of a provider batch ({@link BatchQueue}), or {@code null} when the batches gave none and the
     * call is to be sent online: a request that errored, expired or was cancelled goes into the next batch
     * while {@link BatchOptions#failedRequests} says so and it has batch tries left, else online (counted).
     */
    private ChatResponse fromBatch(String key, ChatRequest chatRequest) throws InterruptedException {
        BatchOptions options = batch.options();
        for (int tries = 1; ; tries++) {
            path.throwIfFatal();
            BatchApi.Result result;
            try {
                result = batch.request(key, chatRequest, path.cache.answers()).get();
            } catch (ExecutionException e) {
                result = BatchApi.Result.failed(FailureText.describe(e.getCause()));
            } catch (CancellationException e) {
                throw new LlmException(who() + ": the run ended before its batch did", e);
            }
            if (result.succeeded()) {
                return result.reply().toChatResponse();
            }
            boolean nextBatch = options.failedRequests() == BatchOptions.FailedRequests.NEXT_BATCH
                    && tries < options.maxBatchTries();
            batch.retried(!nextBatch);
            if (!nextBatch) {
                return null;
            }
        }
    }

    /** Why the reply is no answer, or {@code null} when it is one: a refusal, a cut, or no text at all. */
    private static UnusableReplyException.Kind unusableKind(ChatResponse response, LlmReply reply) {
        FinishReason finish = response.finishReason();
        if (finish == FinishReason.CONTENT_FILTER) {
            return UnusableReplyException.Kind.REFUSED;
        }
        if (finish == FinishReason.LENGTH) {
            return UnusableReplyException.Kind.TRUNCATED;
        }
        return reply.text().isBlank() ? UnusableReplyException.Kind.EMPTY : null;
    }

    public Role role() {
        return role;
    }

    /** Provider name (e.g. {@code OPEN_AI}, {@code OTHER}) used for the cache key and the concurrency limit. */
    public String provider() {
        return provider;
    }

    public String modelName() {
        return modelName;
    }

    /** The temperature the model was built with (a model section's {@code temperature}), if any. */
    public Optional<Double> defaultTemperature() {
        ChatRequestParameters parameters = model.defaultRequestParameters();
        return Optional.ofNullable(parameters == null ? null : parameters.temperature());
    }

    /** {@code target model gpt-4o-mini (OPEN_AI)}: how error messages name this call's origin. */
    private String who() {
        return role.key() + " model " + modelName + " (" + provider + ")";
    }

    /** The answer's text as the model sent it, reasoning and all ("" when none). */
    private static String textOf(ChatResponse response) {
        return response.aiMessage() == null || response.aiMessage().text() == null
                ? "" : response.aiMessage().text();
    }

    private static String modelNameOf(ChatModel model) {
        ChatRequestParameters parameters = model.defaultRequestParameters();
        String name = parameters == null ? null : parameters.modelName();
        return name == null || name.isBlank() ? "unknown" : name;
    }
}
