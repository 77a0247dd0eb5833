package dev.gradsum.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.GradSum;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.modules.Gradient;
import dev.gradsum.search.Candidate;
import dev.gradsum.search.Iteration;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.search.ScoredCandidate;
import dev.gradsum.simulation.SimulatedWorld;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 11 item 9: letting rows flow through the stages changes no result. Each case runs the whole
 * search in the simulated world and compares, line for line, with a golden file recorded from the
 * search as it was before (every stage waited for the whole previous stage, commit ca1f418): the
 * candidates (ids, parents, prompts, feedback), every iteration (train scores, gradients, summaries,
 * drops, validation scores, beam), the best prompt, the test score, the stop reason, the number of
 * calls, and the events the listeners (the store, the live line) were told, in order.
 *
 * <p>To record the golden files again (only when a change is meant to alter results), run with
 * {@code -Dgradsum.golden.write=DIR}: the files are written into {@code DIR}.
 */
class StreamedSearchGoldenTest {

    @ParameterizedTest(name = "seed {0}, summarize {1}")
    @CsvSource({"7, true", "7, false", "11, true"})
    void a_seeded_search_finds_what_the_stage_by_stage_search_found(long seed, boolean summarize) throws IOException {
        String name = "golden/simulated-seed" + seed + (summarize ? "" : "-raw") + ".txt";
        EventLog events = new EventLog();
        SimulatedWorld world = SimulatedWorld.create();
        OptimizationResult result = GradSum.builder()
                .task(world.task())
                .models(world.models())
                .dataset(world.dataset())
                .summarize(summarize)
                .seed(seed)
                .stopWhenLearned(false) // the search recorded had no such stop (seed 11 would stop earlier)
                .listener(events)
                .build()
                .optimize();
        String actual = render(result, events);

        String dir = System.getProperty("gradsum.golden.write");
        if (dir != null) {
            Path file = Path.of(dir, name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual);
            return;
        }
        assertThat(actual).isEqualTo(golden(name));
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = StreamedSearchGoldenTest.class.getResourceAsStream("/" + name)) {
            assertThat(in).as("golden file " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String render(OptimizationResult r, EventLog events) {
        List<String> lines = new ArrayList<>();
        lines.add("stop " + r.stopReason());
        lines.add("best " + r.best().id());
        lines.add("calls " + (r.total().calls() + r.total().cachedCalls()));
        lines.add(r.test() == null ? "test none" : String.format(Locale.ROOT, "test rows %d initial %.6f best %.6f"
                + " interval %.6f %.6f", r.test().rows(), r.test().initial(), r.test().best(), r.test().low(),
                r.test().high()));
        for (Candidate c : r.candidates()) {
            lines.add("candidate " + c.id() + " parent " + c.parentId() + " iteration " + c.iteration()
                    + " prompt " + oneLine(c.prompt().text()) + " feedback " + oneLine(c.feedback()));
        }
        for (Iteration it : r.iterations()) {
            lines.add("iteration " + it.index() + " improved " + it.improved() + " beam " + it.beam());
            new TreeMap<>(it.trainScores()).forEach((id, s) ->
                    lines.add("  train " + id + " " + String.format(Locale.ROOT, "%.6f", s)));
            new TreeMap<>(it.gradients()).forEach((id, g) -> lines.add("  gradients " + id + " " + gradients(g)));
            new TreeMap<>(it.summaries()).forEach((id, s) -> lines.add("  summary " + id + " " + oneLine(s)));
            it.dropped().forEach(d -> lines.add("  dropped " + oneLine(d)));
            for (ScoredCandidate s : it.scored()) {
                lines.add(String.format(Locale.ROOT, "  scored %s %.6f rated %d errors %d", s.candidate().id(),
                        s.score(), s.rated(), s.errors()));
            }
        }
        lines.add("events");
        lines.addAll(events.lines);
        return String.join("\n", lines) + "\n";
    }

    private static String gradients(List<Gradient> gradients) {
        return gradients.stream().map(g -> g.exampleId() + "=" + Integer.toHexString(g.text().hashCode()))
                .collect(Collectors.joining(" "));
    }

    private static String oneLine(String text) {
        return text == null ? "-" : text.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** What the listeners are told, one line per event, in the order told. */
    private static final class EventLog implements SearchListener {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void stageStarted(int iteration, Stage stage, int plannedCalls) {
            lines.add("stage " + iteration + " " + stage + " " + plannedCalls);
        }

        @Override
        public void candidateCreated(Candidate candidate) {
            lines.add("created " + candidate.id() + " from " + candidate.parentId());
        }

        @Override
        public void evaluated(int iteration, Candidate candidate, String purpose, List<Evaluation> evaluations) {
            lines.add("evaluated " + iteration + " " + candidate.id() + " " + purpose + " " + evaluations.stream()
                    .map(e -> e.generation().example().id() + "=" + e.score().value())
                    .collect(Collectors.joining(" ")));
        }

        @Override
        public void gradientsGenerated(int iteration, Candidate parent, List<Gradient> gradients) {
            lines.add("gradients " + iteration + " " + parent.id() + " " + gradients(gradients));
        }

        @Override
        public void summarized(int iteration, Candidate parent, String summary) {
            lines.add("summarized " + iteration + " " + parent.id() + " " + Integer.toHexString(summary.hashCode()));
        }

        @Override
        public void candidateDropped(int iteration, Candidate parent, String reason) {
            lines.add("dropped " + iteration + " " + parent.id() + " " + oneLine(reason));
        }

        @Override
        public void iterationFinished(Iteration iteration) {
            lines.add("finished " + iteration.index() + " best " + iteration.best().candidate().id());
        }
    }
}
