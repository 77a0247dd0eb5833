package dev.gradsum.llm;

import dev.gradsum.exception.GradSumException;

/**
 * A model call that failed for good (retries exhausted, or not retriable such as a bad API key).
 * {@link #setting()} names the setting that would change the outcome, when there is one (a timeout's:
 * {@link CallPath#timeoutSetting}).
 */
public class LlmException extends GradSumException {
    public LlmException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @param setting the setting the remedy concerns, or {@code null} */
    public LlmException(String setting, String message, Throwable cause) {
        super(setting, message, cause);
    }
}
