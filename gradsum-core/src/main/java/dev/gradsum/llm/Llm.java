package dev.gradsum.llm;

import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.Objects;
import java.util.Optional;

/**
 * One model in one role, reached through the single call path of gradsum:
 * cache lookup → budget check (paid calls only) → concurrency limit per provider → call with
 * timeout → retry with exponential backoff and jitter on 429/5xx/timeouts (honouring Retry-After)
 * → reply stored in the cache before it is returned → usage and cost added to the run's account (tokens
 * counted by gradsum and marked estimated when the answer reports none: {@link ReplyTokens}) →
 * listener told. Cache hits are free: they are counted as cached calls, never refused by the budget.
 * Identical requests in flight at the same time make one call: the others wait for its reply and get
 * it as a cache hit (when the call fails for good, they fail the same way). With a cache that never
 * answers ({@link CallCache#writeOnly}) every request is sent.
 * Thread-safe. Made by {@link CallPath#llm(Role, dev.langchain4j.model.chat.ChatModel)}.
 *
 * <p>An interrupted caller gets an {@link LlmException} promptly, with its interrupt flag still set.
 */
public final class Llm {
    private final Role role;
    private final ChatModel model;
    private final String provider;
    private final String modelName;
    private final String limitKey;
    private final CallPath path;

    Llm(Role role, ChatModel model, CallPath path) {
        this.role = Objects.requireNonNull(role, "role");
        this.model = Objects.requireNonNull(model, () -> role.key() + " model");
        this.path = path;
        this.provider = model.provider() == null ? "OTHER" : model.provider().name();
        this.modelName = modelNameOf(model);
        this.limitKey = path.limitKey(model, provider);
    }

    /** @throws LlmException when the call failed for good; {@link BudgetExceededException} when a limit would be crossed */
    public LlmReply chat(LlmRequest request) {
        Objects.requireNonNull(request, "request");
        String key = CacheKey.of(provider, modelName, model, request);
        try {
            while (true) {
                Optional<LlmReply> hit = path.cache.get(key);
                if (hit.isPresent()) {
                    return cached(hit.get());
                }
                if (!path.cache.answers()) {
                    return paid(key, request);
                }
                InFlightCalls.Call call = path.inFlight.join(key);
                if (call.makes()) {
                    return make(call, key, request);
                }
                Optional<LlmReply> shared = call.await();
                if (shared.isPresent()) {
                    return cached(shared.get());
                }
                // the first caller did not finish (interrupted, or refused by the budget): try again ourselves
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException(who() + ": interrupted while waiting for the call", e);
        } catch (Retrier.GaveUp e) {
            if (path.fatalFailure().filter(f -> f == e.getCause()).isPresent()) {
                throw (LlmException) e.getCause(); // not sent: the run is stopping on that failure
            }
            path.account.add(role, UsageAccount.ONE_FAILURE);
            throw failure(e.getCause(), e.attempts());
        }
    }

    /** The one-line failure of a call that failed for good after {@code attempts} attempts. */
    private LlmException failure(Throwable cause, int attempts) {
        String tries = attempts > 1 ? " (gave up after " + attempts + " attempts)" : "";
        return new LlmException(Failure.report(cause).orElseGet(() -> who() + ": " + FailureText.describe(cause) + tries),
                cause);
    }

    /** The first of identical concurrent requests: makes the call and hands its outcome to the waiters. */
    private LlmReply make(InFlightCalls.Call call, String key, LlmRequest request)
            throws InterruptedException, Retrier.GaveUp {
        Optional<LlmReply> outcome = Optional.empty();
        try {
            // an identical call may have stored its reply between our lookup and join
            Optional<LlmReply> hit = path.cache.get(key);
            if (hit.isPresent()) {
                outcome = hit;
                return cached(hit.get());
            }
            LlmReply reply = paid(key, request);
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
        LlmReply reply = stored.asCached();
        path.listener.onCall(role, reply, path.account.add(role, UsageAccount.ONE_CACHED));
        return reply;
    }

    private LlmReply paid(String key, LlmRequest request) throws InterruptedException, Retrier.GaveUp {
        ChatRequest chatRequest = ChatRequests.from(request);
        path.budget.reserve();
        Usage total;
        LlmReply reply;
        try {
            ChatResponse response = path.retrier.call(limitKey,
                    () -> {
                        path.throwIfFatal(); // after a failure every call will get, nothing more is sent
                        try {
                            return path.timedChat.chat(model, chatRequest);
                        } catch (RuntimeException e) {
                            if (Failure.fatal(e)) {
                                path.fatal(failure(e, 1)); // before the slot is free, so no other call goes out
                            }
                            throw e;
                        }
                    },
                    () -> path.account.add(role, UsageAccount.ONE_RETRY));
            String text = textOf(response);
            ReplyTokens tokens = ReplyTokens.of(model, chatRequest, response.tokenUsage(), text);
            reply = new LlmReply(text, tokens.input(), tokens.output(), false);
            double cost = path.pricing.cost(modelName, reply.inputTokens(), reply.outputTokens());
            try {
                path.cache.put(key, new CallRecord(role, provider, modelName, request, reply, cost));
            } finally {
                total = path.account.add(role, UsageAccount.paid(reply.inputTokens(), reply.outputTokens(), cost,
                        tokens.estimated(), path.pricing.knows(modelName)));
            }
        } finally {
            path.budget.release();
        }
        path.listener.onCall(role, reply, total);
        return reply;
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
