package dev.gradsum.llm;

import dev.gradsum.internal.Causes;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The one owner of what a failed call means. Two rules:
 * <ul>
 *   <li>Retriable (step 5, retry), {@link #of}: LangChain4j's {@link RetriableException} (rate limit,
 *       server error, timeout), HTTP 408/429/5xx ({@link #retriableStatus}), I/O timeouts and dropped
 *       connections. Not retriable: {@link NonRetriableException} (bad key, bad request, unknown
 *       model), other 4xx, a host that cannot be reached at all, and anything unknown. The first cause
 *       in the chain that is one of these decides. A Retry-After is taken from a
 *       {@link HttpStatusException} anywhere in the chain.</li>
 *   <li>Fatal, "will hit every call" of the model, so carrying on is pointless:
 *       {@link #fatalStatus} (a refused key, an unknown model or path) and {@link #unreachable} (a
 *       server that cannot be reached at all). HTTP clients ask these; stopping the run is theirs.</li>
 * </ul>
 */
public final class Failure {
    private final boolean retriable;
    private final Optional<Duration> retryAfter;
    private final boolean throttled;
    private final boolean timedOut;

    private Failure(boolean retriable, Optional<Duration> retryAfter, boolean throttled, boolean timedOut) {
        this.retriable = retriable;
        this.retryAfter = retryAfter;
        this.throttled = throttled;
        this.timedOut = timedOut;
    }

    /**
     * Whether the server said it has no capacity for us now, rather than that this one request failed: HTTP
     * 429 (rate limit), 503 (unavailable, "slow down") or Anthropic's 529 ({@code overloaded_error}), or
     * LangChain4j's {@link RateLimitException}. The retry waits longer after these ({@link
     * dev.gradsum.model.RetryPolicy}).
     */
    boolean throttled() {
        return throttled;
    }

    /** Whether the attempt got no answer in time ({@link #timedOut(Throwable)}). */
    boolean timeout() {
        return timedOut;
    }

    /** Whether an HTTP status says the server is throttling or overloaded: 429, 503 and 529. */
    static boolean throttlingStatus(int status) {
        return status == 429 || status == 503 || status == 529;
    }

    /** Whether another attempt may succeed. */
    boolean retriable() {
        return retriable;
    }

    /** How long the server asked us to wait before the next attempt, if it said. */
    Optional<Duration> retryAfter() {
        return retryAfter;
    }

    static Failure of(Throwable error) {
        List<Throwable> chain = Causes.chain(error);
        Optional<Duration> retryAfter = chain.stream()
                .filter(HttpStatusException.class::isInstance)
                .map(HttpStatusException.class::cast)
                .map(HttpStatusException::retryAfter)
                .flatMap(Optional::stream)
                .findFirst();
        boolean throttled = chain.stream().anyMatch(t -> t instanceof RateLimitException
                || t instanceof HttpException h && throttlingStatus(h.statusCode()));
        boolean timedOut = timedOut(error);
        for (Throwable t : chain) {
            Boolean decided = decide(t);
            if (decided != null) {
                return new Failure(decided, retryAfter, throttled, timedOut);
            }
        }
        return new Failure(false, retryAfter, throttled, timedOut);
    }

    /** Whether an HTTP answer with {@code status} is worth another attempt: 408, 429 and 5xx. */
    public static boolean retriableStatus(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /**
     * Whether an HTTP answer with {@code status} and error {@code body} will be the answer to every call
     * of the model: a refused key (401, 403, or Google's 400 with reason {@code API_KEY_INVALID}) or an
     * unknown model or path (404).
     *
     * @param body the error body as the server sent it; may be {@code null}
     */
    public static boolean fatalStatus(int status, String body) {
        return status == 401 || status == 403 || status == 404 || refusedGoogleKey(status, body);
    }

    /** Google's Gemini API refuses a bad key with 400 INVALID_ARGUMENT, reason {@code API_KEY_INVALID}. */
    private static boolean refusedGoogleKey(int status, String body) {
        return status == 400 && body != null && body.contains("\"API_KEY_INVALID\"");
    }

    /**
     * Whether {@code connectFailure}, thrown while sending a request, says the server cannot be reached
     * at all, so every call will fail the same way: connection refused ({@link ConnectException}), or an
     * unknown host ({@link UnknownHostException}, {@link UnresolvedAddressException}, also as the direct
     * cause of an {@link IOException}). A read timeout or a dropped connection is not: it may pass. Nor is a
     * connect timeout ({@link HttpConnectTimeoutException}): a server that is running but busy (its queue
     * of connections not yet accepted is full) times out connections too; it is a {@link #timedOut timeout}.
     */
    public static boolean unreachable(Throwable connectFailure) {
        return connectFailure instanceof ConnectException
                || connectFailure instanceof UnknownHostException || connectFailure instanceof UnresolvedAddressException
                || connectFailure instanceof IOException && connectFailure.getCause() instanceof UnresolvedAddressException;
    }

    /**
     * Whether {@code error}, a call's failure, will be every call's failure, so that carrying on is
     * pointless: a refused key or unknown model (an HTTP status of {@link #fatalStatus}, LangChain4j's
     * {@link AuthenticationException} or {@link ModelNotFoundException}), or a server that cannot be
     * reached ({@link ServerUnreachableException}, or a connect failure of {@link #unreachable}).
     */
    public static boolean fatal(Throwable error) {
        for (Throwable t : Causes.chain(error)) {
            if (t instanceof HttpStatusException h) {
                return h.report().isPresent() || fatalStatus(h.statusCode(), h.getMessage());
            }
            if (t instanceof HttpException h) {
                return fatalStatus(h.statusCode(), h.getMessage());
            }
            if (t instanceof AuthenticationException || t instanceof ModelNotFoundException
                    || t instanceof ServerUnreachableException || unreachable(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code error} is an attempt that got no answer in time: LangChain4j's
     * {@link dev.langchain4j.exception.TimeoutException}, or the JDK's {@link HttpTimeoutException} (a
     * connect timeout too) or {@link SocketTimeoutException}.
     */
    public static boolean timedOut(Throwable error) {
        return Causes.chain(error).stream().anyMatch(t -> t instanceof dev.langchain4j.exception.TimeoutException
                || t instanceof HttpTimeoutException || t instanceof SocketTimeoutException);
    }

    /** The one line a fatal failure carries for the user ({@link HttpStatusException#report}, an unreachable server), if any. */
    static Optional<String> report(Throwable error) {
        for (Throwable t : Causes.chain(error)) {
            if (t instanceof HttpStatusException h && h.report().isPresent()) {
                return h.report();
            }
            if (t instanceof ServerUnreachableException u) {
                return Optional.ofNullable(u.getMessage());
            }
        }
        return Optional.empty();
    }

    private static Boolean decide(Throwable t) {
        if (t instanceof HttpStatusException h) {
            return h.retriable();
        }
        if (t instanceof HttpException h) {
            return retriableStatus(h.statusCode());
        }
        if (t instanceof RetriableException) {
            return true;
        }
        if (t instanceof NonRetriableException) {
            return false;
        }
        if (t instanceof ConnectException || t instanceof UnknownHostException) {
            return false;
        }
        if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException || t instanceof IOException) {
            return true;
        }
        return null;
    }
}
