package dev.gradsum.cli.report;

import dev.gradsum.model.Usage;
import dev.gradsum.store.RunDetails;
import dev.gradsum.store.RunSummary;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A stored run in words, as {@code gradsum runs show ID} prints it and as the {@code run.txt} of a run
 * folder whose search did not return says it: status and error, usage, iterations, the best prompt so far.
 */
public final class RunDetailsText {
    /** How times are shown (UTC). */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private RunDetailsText() {
    }

    /**
     * @param resume the command that continues the run, shown when its status is resumable
     * @return the lines, without line ends
     */
    public static List<String> lines(RunDetails d, String resume) {
        List<String> out = new ArrayList<>();
        RunSummary s = d.summary();
        out.add("Run " + s.id() + " (task " + s.task() + ")");
        out.add("  status:     " + s.status().key() + (d.stopReason() == null ? "" : " (" + d.stopReason() + ")")
                + (d.error() == null ? "" : ": " + d.error()));
        out.add("  started:    " + TIME.format(s.started()) + " UTC" + (d.finished() == null ? ""
                : ", finished " + TIME.format(d.finished()) + " UTC") + ", attempts " + d.attempts());
        if (d.stage() != null && d.finished() == null) {
            out.add("  last stage: " + d.stage());
        }
        Usage u = d.usage();
        out.add("  usage:      " + UsageText.requests(u) + ", " + UsageText.tokens(u) + ", " + UsageText.cost(u, 4));
        out.add("  candidates: " + d.candidates() + (d.dropped() == 0 ? "" : ", " + d.dropped() + " dropped"));
        for (RunDetails.IterationLine it : d.iterations()) {
            out.add("  iteration " + it.index() + ": best " + it.bestId() + " " + ScoreText.of(it.bestScore())
                    + (it.improved() ? " (improved)" : "") + ", beam " + String.join(", ", it.beam()));
        }
        if (d.bestPrompt() != null) {
            out.add("  best prompt (" + d.bestId() + ", validation " + ScoreText.of(s.bestScore()) + "):");
            d.bestPrompt().lines().forEach(l -> out.add("    " + l));
        }
        if (s.status().resumable()) {
            out.add("  continue with: " + resume);
        } else if (d.hasResult()) {
            out.add("  rewrite its run folder with: gradsum report " + s.id());
        }
        return out;
    }
}
