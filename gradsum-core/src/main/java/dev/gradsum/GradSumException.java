package dev.gradsum;

/**
 * Root of gradsum's exceptions. Unchecked. The message is one line a user can act on: it names the
 * file, line or field at fault and what to do.
 */
public class GradSumException extends RuntimeException {
    public GradSumException(String message) {
        super(message);
    }

    public GradSumException(String message, Throwable cause) {
        super(message, cause);
    }
}
