package dev.gradsum.llm;

import dev.langchain4j.exception.HttpException;
import java.time.Duration;
import java.util.Optional;

/**
 * An HTTP error from a provider that keeps what LangChain4j's {@link HttpException} drops: the
 * Retry-After header, which the retry path honours, and, for an answer that every call will get
 * ({@link Failure#fatalStatus}: a refused key, an unknown model), the one line to tell the user.
 * Thrown by gradsum's HTTP client adapter.
 */
public class HttpStatusException extends HttpException {
    private final Duration retryAfter;
    private final String report;

    public HttpStatusException(int statusCode, String message, Duration retryAfter) {
        this(statusCode, message, retryAfter, null);
    }

    /**
     * @param report for an answer every call will get, the one line for the user (model, server, status,
     *               the server's text, what to check); {@code null} otherwise
     */
    public HttpStatusException(int statusCode, String message, Duration retryAfter, String report) {
        super(statusCode, message);
        this.retryAfter = retryAfter;
        this.report = report;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The one line for the user when every call will get this answer. */
    public Optional<String> report() {
        return Optional.ofNullable(report);
    }

    /** 408, 429 and 5xx are worth retrying ({@link Failure#retriableStatus}). */
    public boolean retriable() {
        return Failure.retriableStatus(statusCode());
    }
}
