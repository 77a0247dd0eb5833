package dev.gradsum.cli.report;

import dev.gradsum.model.Usage;
import java.util.Locale;

/**
 * How every output counts calls, in the same words: {@code 2701 requests (1638 paid, 1063 from cache)},
 * with {@code , N failed} when requests failed for good. The figures are result.json's
 * {@code requests}, {@code calls}, {@code cached_calls} and {@code failures}.
 */
public final class UsageText {
    private UsageText() {
    }

    public static String requests(Usage u) {
        return String.format(Locale.ROOT, "%d requests (%d paid, %d from cache%s)", u.requests(), u.calls(),
                u.cachedCalls(), u.failures() > 0 ? ", " + u.failures() + " failed" : "");
    }
}
