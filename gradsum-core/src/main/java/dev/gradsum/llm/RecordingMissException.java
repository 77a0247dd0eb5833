package dev.gradsum.llm;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A replayed run ({@code --replay FILE}) asked something the recording has no answer for: the message
 * names the role, the model and the first line of the prompt. Every later call could miss too and the
 * run has no model to ask, so the call path stops the run at once ({@code CallPath} latches it).
 */
public final class RecordingMissException extends LlmException {
    RecordingMissException(Path file, CallCache.Asked asked) {
        super("--replay " + file + ": no recorded answer for the " + asked.role().name().toLowerCase(Locale.ROOT)
                + " (" + asked.model() + ") to the prompt \"" + firstLine(asked.request()) + "\"; the prompt, data or"
                + " model settings changed since it was recorded: record it again with --record", null);
    }

    private static String firstLine(LlmRequest request) {
        String text = request.user().isBlank() && request.system() != null ? request.system() : request.user();
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 120 ? line.substring(0, 117) + "..." : line;
    }
}
