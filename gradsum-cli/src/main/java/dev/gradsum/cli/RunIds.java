package dev.gradsum.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Predicate;

/** Run ids that sort by start time and name the task: {@code 20261125-023000-gsm8k-mini}. */
final class RunIds {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private RunIds() {
    }

    /** A fresh id whose folder does not exist yet under {@code root}. */
    static String next(Path root, String taskName, Instant now) {
        return next(root, taskName, now, id -> false);
    }

    /**
     * A fresh id whose folder does not exist yet under {@code root} and that {@code known} (the store's
     * runs) does not have: two runs started in the same second are two runs, whatever their folders.
     */
    static String next(Path root, String taskName, Instant now, Predicate<String> known) {
        String slug = taskName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        String base = STAMP.format(now) + (slug.isEmpty() ? "" : "-" + slug);
        String id = base;
        for (int n = 2; Files.exists(root.resolve(id)) || known.test(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }
}
