package dev.gradsum.data;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the read-only benchmark samples in the workspace's {@code shared/datasets} folder (next to the
 * checkout), so tests can use real data when it is there and be skipped when it is not.
 */
public final class SharedDatasets {
    private SharedDatasets() {
    }

    /** The sample at {@code relative} under the nearest {@code shared/datasets} above the working directory, or null. */
    public static Path find(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("datasets").resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
