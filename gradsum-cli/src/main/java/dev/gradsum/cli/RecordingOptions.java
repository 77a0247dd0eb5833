package dev.gradsum.cli;

import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.llm.CallCache;
import dev.gradsum.llm.RecordingCallCache;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/**
 * {@code --record FILE} and {@code --replay FILE} of {@code eval} and {@code optimize} (docs/recordings.md):
 * the cache layer they put over the store's cache, and the recording written at the end.
 */
final class RecordingOptions {
    @Option(names = "--record", paramLabel = "FILE", description = "Write every answered call of the run to FILE (JSON lines, docs/recordings.md).")
    Path record;

    @Option(names = "--replay", paramLabel = "FILE", description = {"Answer only from a recording made with --record: no key, no network.",
            "A request it has no answer for stops the run (exit 1)."})
    Path replay;

    private RecordingCallCache recording;

    void check() {
        if (record != null && replay != null) {
            throw new ConfigurationException("--record and --replay: give one of them (a replay sends no call to record)");
        }
    }

    boolean replaying() {
        return replay != null;
    }

    /** The layer over the run's cache: recording it, replacing it by the recording, or leaving it. */
    UnaryOperator<CallCache> layer() {
        if (replay != null) {
            CallCache replayed = CallCache.replaying(replay);
            return c -> replayed;
        }
        if (record != null) {
            return c -> {
                recording = CallCache.recording(c, record);
                return recording;
            };
        }
        return c -> c;
    }

    /** Writes the recording, if one was asked for and the run got as far as calling. */
    void finish() {
        if (recording != null) {
            recording.close();
        }
    }
}
