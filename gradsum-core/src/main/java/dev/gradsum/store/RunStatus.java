package dev.gradsum.store;

import dev.gradsum.search.StopReason;
import java.util.Locale;

/** Where a stored run stands. A run is {@code running} from its start until one of the others is written. */
public enum RunStatus {
    /** A process is working on it now. */
    RUNNING,
    /** The search ended on its own: all iterations, no improvement, or a budget limit (see the stop reason). */
    FINISHED,
    /** The user stopped it (Ctrl-C); what was done is stored and {@code --resume} continues it. */
    STOPPED,
    /** It ended on an error; {@code --resume} retries from the cache. */
    FAILED,
    /** Its process died without saying so (SIGKILL, power loss); {@code --resume} continues it. */
    INTERRUPTED;

    /** The status a search ending with {@code reason} leaves its run in. */
    public static RunStatus of(StopReason reason) {
        return reason == StopReason.INTERRUPTED ? STOPPED : FINISHED;
    }

    /** Whether {@code --resume} has something left to do. */
    public boolean resumable() {
        return this == STOPPED || this == FAILED || this == INTERRUPTED;
    }

    /** Lower-case name as stored and printed: {@code running}, {@code finished}, ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RunStatus parse(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
