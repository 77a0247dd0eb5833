package dev.gradsum.recording;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Predicate;

/** Run ids that sort by start time and name the task: {@code 20261125-023000-gsm8k-mini}. */
public final class RunIds {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private RunIds() {
    }

    /**
     * The id of a run of {@code taskName} started at {@code now} that {@code taken} does not have (the
     * store's runs, a folder of that name…): two runs started in the same second are two runs, the
     * second gets {@code -2}, and so on.
     */
    public static String next(String taskName, Instant now, Predicate<String> taken) {
        String slug = taskName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        String base = STAMP.format(now) + (slug.isEmpty() ? "" : "-" + slug);
        String id = base;
        for (int n = 2; taken.test(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }
}
