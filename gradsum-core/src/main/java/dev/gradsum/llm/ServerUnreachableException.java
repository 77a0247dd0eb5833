package dev.gradsum.llm;

import dev.langchain4j.exception.NonRetriableException;

/**
 * A model server could not be reached at all (connection refused, unknown host, connect timeout), so
 * every call will fail the same way ({@link Failure#fatal}). Not retried: the message is the one line
 * for the user, naming the model, the URL, and that the server should be checked.
 */
public class ServerUnreachableException extends NonRetriableException {
    public ServerUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
