package dev.gradsum.exception;

import java.util.Optional;

/**
 * Root of gradsum's exceptions. Unchecked. The message is one line a user can act on: it names the
 * file, line or setting at fault and what to do, in the library's words. {@link #setting()} names the
 * library setting the remedy concerns (for example {@code "store"}), so that a command line can say
 * which of its own flags or keys sets it.
 */
public class GradSumException extends RuntimeException {
    private final String setting;

    public GradSumException(String message) {
        this(null, message, null);
    }

    public GradSumException(String message, Throwable cause) {
        this(null, message, cause);
    }

    /** @param setting the library setting the remedy concerns, or {@code null} */
    public GradSumException(String setting, String message, Throwable cause) {
        super(message, cause);
        this.setting = setting;
    }

    /** The library setting the remedy concerns ({@code "store"}: the path given to {@code SqliteStore.open}), if any. */
    public Optional<String> setting() {
        return Optional.ofNullable(setting);
    }
}
