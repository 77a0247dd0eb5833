package dev.gradsum.llm;

import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Step 4: one attempt of a call, on a worker thread, waited for at most the per-attempt timeout.
 * A late attempt is cancelled (its worker interrupted) and reported as LangChain4j's retriable
 * {@link TimeoutException}; the model's own exception is rethrown as it is.
 *
 * <p>{@link #onCaller()} runs the attempt on the calling thread instead, for models that time out on
 * their own (LangChain4j HTTP clients built with a timeout): no hand-over to a worker and back, which
 * costs two thread wake-ups per call.
 *
 * <p>{@link #close()} stops the worker pool; the owner of the pool (the {@link CallPath}) calls it when
 * its run ends.
 */
final class TimedChat implements AutoCloseable {
    private final ExecutorService workers;
    private final Duration timeout;

    TimedChat(ExecutorService workers, Duration timeout) {
        this.workers = workers;
        this.timeout = timeout;
    }

    /** Attempts on the calling thread; the model enforces its own timeout. */
    static TimedChat onCaller() {
        return new TimedChat(null, null);
    }

    ChatResponse chat(ChatModel model, ChatRequest request) throws InterruptedException {
        if (workers == null) {
            return model.chat(request);
        }
        Future<ChatResponse> attempt = workers.submit(() -> model.chat(request));
        try {
            return attempt.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            attempt.cancel(true);
            throw new TimeoutException("timed out after " + seconds(timeout) + " (the per-attempt timeout)");
        } catch (InterruptedException e) {
            attempt.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new LangChain4jException(cause);
        }
    }

    /** Stops the workers: attempts still running are interrupted, new ones refused. */
    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    private static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }
}
