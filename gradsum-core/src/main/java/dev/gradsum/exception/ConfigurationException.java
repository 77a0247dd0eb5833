package dev.gradsum.exception;

/**
 * A mistake in what the user gave gradsum: a bad option, a malformed data file, a placeholder that is
 * not in the data. The message says where ({@code file:line:} or the setting) and what to change.
 * Never retried.
 */
public class ConfigurationException extends GradSumException {
    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @param setting the library setting the remedy concerns (see {@link #setting()}), or {@code null} */
    public ConfigurationException(String setting, String message, Throwable cause) {
        super(setting, message, cause);
    }
}
