package dev.gradsum.engine;

import dev.gradsum.data.Example;
import dev.gradsum.internal.Fanout;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.search.Candidate;
import dev.gradsum.search.TestScore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * The paper's final rating, made once after the search: the initial and the best prompt answer the
 * test rows (never seen during search) and are rated; the means are over rows rated for both, with a
 * paired bootstrap 95% interval of best − initial. When the best prompt is the initial one it is
 * rated once and compared with itself.
 */
final class FinalTest {
    private final SearchModules modules;
    private final ExecutorService executor;
    private final SearchEvents events;
    private final PairedBootstrap bootstrap;
    private final int callsPerRow;

    FinalTest(SearchModules modules, ExecutorService executor, SearchEvents events, PairedBootstrap bootstrap,
              int callsPerRow) {
        this.modules = modules;
        this.executor = executor;
        this.events = events;
        this.bootstrap = bootstrap;
        this.callsPerRow = callsPerRow;
    }

    /** @return the comparison, or {@code null} when there are no test rows */
    TestScore run(int iteration, Candidate initial, Candidate best, List<Example> rows) throws InterruptedException {
        if (rows.isEmpty()) {
            return null;
        }
        boolean same = best.prompt().text().equals(initial.prompt().text());
        List<Candidate> toRate = same ? List.of(initial) : List.of(initial, best);
        events.stageStarted(iteration, Stage.TEST, toRate.size() * rows.size() * callsPerRow);
        List<List<Evaluation>> rated = Fanout.waitForAll(executor, toRate,
                c -> modules.rate(c.prompt(), rows));
        events.evaluated(iteration, initial, "test", rated.get(0));
        if (!same) {
            events.evaluated(iteration, best, "test", rated.get(1));
        }
        return compare(rated.get(0), same ? rated.get(0) : rated.get(1));
    }

    TestScore compare(List<Evaluation> initial, List<Evaluation> best) {
        Map<String, Evaluation> bestByRow = new HashMap<>();
        for (Evaluation e : best) {
            bestByRow.put(e.generation().example().id(), e);
        }
        List<double[]> pairs = new ArrayList<>();
        for (Evaluation i : initial) {
            Evaluation b = bestByRow.get(i.generation().example().id());
            if (b != null && !i.score().error() && !b.score().error()) {
                pairs.add(new double[] {i.score().value(), b.score().value()});
            }
        }
        double sumInitial = 0;
        double sumBest = 0;
        double[] differences = new double[pairs.size()];
        for (int r = 0; r < pairs.size(); r++) {
            sumInitial += pairs.get(r)[0];
            sumBest += pairs.get(r)[1];
            differences[r] = pairs.get(r)[1] - pairs.get(r)[0];
        }
        int n = pairs.size();
        double[] interval = bootstrap.interval(differences);
        return new TestScore(n, sumInitial / n, sumBest / n, interval[0], interval[1],
                Scores.errors(initial), Scores.errors(best));
    }
}
