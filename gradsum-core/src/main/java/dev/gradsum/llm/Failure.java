package dev.gradsum.llm;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RetriableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one failed attempt means for step 5 (retry). Retriable: LangChain4j's
 * {@link RetriableException} (rate limit, server error, timeout), HTTP 408/429/5xx, I/O timeouts and
 * dropped connections. Not retriable: {@link NonRetriableException} (bad key, bad request, unknown
 * model), other 4xx, a host that cannot be reached at all, and anything unknown. The first cause
 * in the chain that is one of these decides. A Retry-After is taken from a
 * {@link HttpStatusException} anywhere in the chain.
 */
record Failure(boolean retriable, Optional<Duration> retryAfter) {

    static Failure of(Throwable error) {
        List<Throwable> chain = chain(error);
        Optional<Duration> retryAfter = chain.stream()
                .filter(HttpStatusException.class::isInstance)
                .map(HttpStatusException.class::cast)
                .map(HttpStatusException::retryAfter)
                .flatMap(Optional::stream)
                .findFirst();
        for (Throwable t : chain) {
            Boolean decided = decide(t);
            if (decided != null) {
                return new Failure(decided, retryAfter);
            }
        }
        return new Failure(false, retryAfter);
    }

    static boolean retriableStatus(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /** The throwable and its causes, outermost first, each once. */
    static List<Throwable> chain(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
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
