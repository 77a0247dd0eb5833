package dev.gradsum.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.metric.Score;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.modules.Generation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UcbSelectionTest {
    private static final List<Example> ROWS = rows(40);

    private static List<Example> rows(int n) {
        List<Example> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new Example("r" + i, Map.of("q", String.valueOf(i))));
        }
        return rows;
    }

    /** A prompt "pN" passes a row when the row's number modulo 10 is below N. */
    private static List<Evaluation> rate(PromptTemplate prompt, List<Example> rows) {
        int strength = Integer.parseInt(prompt.text().substring(1, 2));
        return rows.stream().map(r -> {
            boolean pass = Integer.parseInt(r.get("q")) % 10 < strength;
            return new Evaluation(new Generation(r, "", "", null), pass ? Score.pass("") : Score.fail(""));
        }).toList();
    }

    @Test
    void keeps_the_best_prompts_by_mean_score_best_first() {
        ExecutorService executor = Executors.newCachedThreadPool();
        List<PromptTemplate> pool = List.of(PromptTemplate.of("p2 {q}"), PromptTemplate.of("p9 {q}"),
                PromptTemplate.of("p5 {q}"), PromptTemplate.of("p7 {q}"));
        UcbSelection selection = new UcbSelection(new UcbSelection.Options(8, 2, 10, 1.0), UcbSelectionTest::rate, executor);

        List<UcbSelection.Ranked> kept = selection.select(pool, ROWS, 2, new Random(1));

        assertThat(kept).extracting(r -> r.prompt().text()).containsExactly("p9 {q}", "p7 {q}");
        executor.shutdownNow();
    }

    @Test
    void rates_only_prompts_per_round_each_round_trying_unrated_prompts_first() {
        ExecutorService executor = Executors.newCachedThreadPool();
        AtomicInteger rated = new AtomicInteger();
        List<PromptTemplate> pool = List.of(PromptTemplate.of("p1 {q}"), PromptTemplate.of("p2 {q}"),
                PromptTemplate.of("p3 {q}"), PromptTemplate.of("p4 {q}"));
        UcbSelection selection = new UcbSelection(new UcbSelection.Options(2, 2, 5, 1.0), (p, rows) -> {
            rated.incrementAndGet();
            return rate(p, rows);
        }, executor);

        List<UcbSelection.Ranked> all = selection.select(pool, ROWS, 4, new Random(1));

        assertThat(rated).hasValue(4);
        assertThat(all).allSatisfy(r -> assertThat(r.rated()).isEqualTo(5));
        executor.shutdownNow();
    }
}
