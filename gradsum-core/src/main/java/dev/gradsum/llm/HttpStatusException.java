package dev.gradsum.llm;

import dev.langchain4j.exception.HttpException;
import java.time.Duration;
import java.util.Optional;

/**
 * An HTTP error from a provider that keeps what LangChain4j's {@link HttpException} drops: the
 * Retry-After header. Thrown by gradsum's HTTP client adapter; the retry path honours it.
 */
public class HttpStatusException extends HttpException {
    private final Duration retryAfter;

    public HttpStatusException(int statusCode, String message, Duration retryAfter) {
        super(statusCode, message);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** 408, 429 and 5xx are worth retrying ({@link Failure#retriableStatus}). */
    public boolean retriable() {
        return Failure.retriableStatus(statusCode());
    }
}
