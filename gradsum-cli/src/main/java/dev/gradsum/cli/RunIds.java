package dev.gradsum.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Run ids that sort by start time and name the task: {@code 20261125-023000-gsm8k-mini}. */
final class RunIds {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private RunIds() {
    }

    /** A fresh id whose folder does not exist yet under {@code root}. */
    static String next(Path root, String taskName, Instant now) {
        String slug = taskName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        String base = STAMP.format(now) + (slug.isEmpty() ? "" : "-" + slug);
        String id = base;
        for (int n = 2; Files.exists(root.resolve(id)); n++) {
            id = base + "-" + n;
        }
        return id;
    }
}
