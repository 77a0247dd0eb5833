package dev.gradsum.cli.report;

import dev.gradsum.data.PromptTemplate;
import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.recording.RecordedRun;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.store.RunDetails;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * Writes a run folder (design §4): {@code best_prompt.txt} (the best prompt exactly, UTF-8),
 * {@code result.json} (everything the run found, schema in {@code docs/result-json.md}) and
 * {@code report.html} (one self-contained page). For a chat prompt also {@code best_prompt.json} (its
 * messages, the same JSON as {@code best_prompt.txt}) and one {@code best_prompt.<message>.txt} per
 * message holding that message's text exactly (e.g. {@code best_prompt.system.txt}, for LangChain4j's
 * {@code @SystemMessage(fromResource = …)}). Each file is written to a temporary name and moved
 * into place, so a reader never sees half a file. Nothing written holds an API key.
 */
public final class RunOutputs {
    public static final String BEST_PROMPT = "best_prompt.txt";
    public static final String RESULT_JSON = "result.json";
    public static final String REPORT_HTML = "report.html";
    /** A chat prompt's messages as JSON (beside {@value #BEST_PROMPT}). */
    public static final String BEST_PROMPT_JSON = "best_prompt.json";

    private RunOutputs() {}

    /** Writes the three files without per-row test outcomes (the report then shows no sample failures). */
    public static Written write(Path runDir, RunInfo info, OptimizationResult result) {
        return write(runDir, info, result, TestEvaluations.none());
    }

    /**
     * Writes the three files into {@code runDir}, creating it if needed.
     *
     * @param tests the initial and best prompt's per-row test evaluations, for sample failures
     * @throws ConfigurationException when the folder cannot be created or written, naming the path
     */
    public static Written write(Path runDir, RunInfo info, OptimizationResult result, TestEvaluations tests) {
        Objects.requireNonNull(runDir, "runDir");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(result, "result");
        tests = tests == null ? TestEvaluations.none() : tests;
        CandidateIndex index = new CandidateIndex(result);
        Written written = new Written(runDir.resolve(BEST_PROMPT), runDir.resolve(RESULT_JSON), runDir.resolve(REPORT_HTML));
        try {
            Files.createDirectories(runDir);
        } catch (IOException e) {
            throw new ConfigurationException(runDir + ": cannot create the run folder (" + e + "); choose another with --output", e);
        }
        writeAtomically(written.bestPrompt(), result.bestPrompt().text());
        if (result.bestPrompt().isChat()) {
            writeAtomically(runDir.resolve(BEST_PROMPT_JSON), result.bestPrompt().text());
            for (PromptTemplate.Message m : result.bestPrompt().messages()) {
                writeAtomically(messageFile(runDir, m.name()), m.template().text());
            }
        }
        writeAtomically(written.resultJson(), new ResultJson(info, result, tests, index).render());
        writeAtomically(written.reportHtml(), new ReportHtml(info, result, tests, index).render());
        return written;
    }

    /**
     * Writes the three files of a run read back from the store into {@code runDir}: what
     * {@code optimize} writes when the run ends and what {@code gradsum report ID} writes later are the
     * same files.
     */
    public static Written write(Path runDir, RecordedRun run) {
        return write(runDir, RunInfo.of(run), run.result(), TestEvaluations.of(run.tests()));
    }

    /** The file of a run folder whose search did not return: the stored run in words ({@link RunDetailsText}). */
    public static final String RUN_TXT = "run.txt";
    /** The best prompt of the iterations that finished, in a run folder whose search did not return. */
    public static final String BEST_PROMPT_SO_FAR = "best_prompt_so_far.txt";

    /**
     * Writes what the store has of a run whose search did not return (it failed, or stopped before it
     * could): {@value #RUN_TXT}, and {@value #BEST_PROMPT_SO_FAR} when an iteration finished. No
     * result.json or report.html: there is no result, and no final test, to show.
     *
     * @param resume the command that continues the run
     * @return the folder written
     */
    public static Path writeUnfinished(Path runDir, RunDetails run, String resume) {
        try {
            Files.createDirectories(runDir);
        } catch (IOException e) {
            throw new ConfigurationException(runDir + ": cannot create the run folder (" + e + "); choose another with --output", e);
        }
        writeAtomically(runDir.resolve(RUN_TXT), String.join("\n", RunDetailsText.lines(run, resume)) + "\n");
        if (!run.iterations().isEmpty() && run.bestPrompt() != null) {
            writeAtomically(runDir.resolve(BEST_PROMPT_SO_FAR), run.bestPrompt());
        }
        return runDir;
    }

    /** The file holding the best prompt's message {@code name}: {@code best_prompt.<name>.txt}. */
    public static Path messageFile(Path runDir, String name) {
        return runDir.resolve("best_prompt." + name + ".txt");
    }

    /** The paths written. */
    public record Written(Path bestPrompt, Path resultJson, Path reportHtml) {}

    private static void writeAtomically(Path target, String text) {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ConfigurationException(target + ": cannot write (" + e + "); check the folder's permissions and free space", e);
        }
    }
}
