package dev.gradsum.llm;

import dev.gradsum.exception.GradSumException;

/** A model call that failed for good (retries exhausted, or not retriable such as a bad API key). */
public class LlmException extends GradSumException {
    public LlmException(String message, Throwable cause) {
        super(message, cause);
    }
}
