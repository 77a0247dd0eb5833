package dev.gradsum.cli.provider;

import dev.langchain4j.exception.NonRetriableException;

/**
 * A model server could not be reached at all (connection refused, unknown host). Not retried: the
 * message tells the user which model, which URL, and to check that the server runs.
 */
public class ServerUnreachableException extends NonRetriableException {
    public ServerUnreachableException(String message) {
        super(message);
    }
}
