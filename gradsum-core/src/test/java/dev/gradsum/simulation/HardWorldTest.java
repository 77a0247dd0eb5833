package dev.gradsum.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.llm.CallCache;
import dev.gradsum.llm.CallPath;
import dev.gradsum.metric.Score;
import dev.gradsum.model.Role;
import dev.gradsum.modules.LlmJudge;
import dev.gradsum.prompts.MetaPrompts;
import dev.gradsum.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The hard simulated world: rows need different rules, the truth follows the prompt, the editor errs at its rates. */
class HardWorldTest {
    private static final HardWorld WORLD = HardWorld.create(3);

    private static PromptTemplate withRules(String... rules) {
        List<String> lines = new ArrayList<>();
        for (String r : rules) {
            lines.add(HardWorld.statement(r));
        }
        return PromptTemplate.of(SimulatedEditor.insert(HardWorld.INITIAL_PROMPT, lines));
    }

    @Test
    void rows_need_different_rules_from_several_families() {
        List<Example> rows = WORLD.dataset().examples();
        Set<Set<String>> distinct = new java.util.HashSet<>();
        Set<String> families = new java.util.HashSet<>();
        for (Example row : rows) {
            Set<String> needed = WORLD.rulesNeeded(row);
            distinct.add(needed);
            needed.forEach(r -> families.add(HardWorld.family(r)));
        }
        assertThat(distinct).hasSizeGreaterThan(20);
        assertThat(families).containsExactlyInAnyOrder("weight", "destination", "contents", "service");
        long none = rows.stream().filter(r -> WORLD.rulesNeeded(r).isEmpty()).count();
        assertThat(none).as("rows the initial prompt can get right").isBetween(5L, 40L);
    }

    @Test
    void a_row_is_right_only_when_the_prompt_states_every_rule_it_needs() {
        PromptTemplate heavyOnly = withRules("HEAVY");
        PromptTemplate islandOnly = withRules("ISLAND");
        int rightWhenStated = 0;
        int statedRows = 0;
        for (Example row : WORLD.dataset().examples()) {
            Set<String> needed = WORLD.rulesNeeded(row);
            if (!Set.of("HEAVY").containsAll(needed)) {
                assertThat(WORLD.correct(heavyOnly, row)).as(row.id() + " needs " + needed).isFalse();
            } else {
                statedRows++;
                rightWhenStated += WORLD.correct(heavyOnly, row) ? 1 : 0;
            }
            if (needed.equals(Set.of("HEAVY"))) {
                assertThat(WORLD.correct(islandOnly, row)).as("an ISLAND rule does not fix " + row.id()).isFalse();
            }
        }
        assertThat(statedRows).isPositive();
        assertThat(rightWhenStated / (double) statedRows).as("right when every needed rule is stated (slips aside)")
                .isGreaterThan(0.9);
        PromptTemplate all = withRules(HardWorld.hiddenRules().toArray(String[]::new));
        long right = WORLD.dataset().examples().stream().filter(r -> WORLD.correct(all, r)).count();
        assertThat(right).isGreaterThan(135L);
    }

    @Test
    void a_rule_narrowed_to_one_item_helps_only_rows_of_that_item() {
        PromptTemplate narrowed = PromptTemplate.of(SimulatedEditor.insert(HardWorld.INITIAL_PROMPT,
                List.of(HardPrompt.NARROW_LEAD + "wine: " + HardWorld.statement("HEAVY"))));
        for (Example row : WORLD.dataset().examples()) {
            if (WORLD.rulesNeeded(row).equals(Set.of("HEAVY")) && !row.get("parcel").contains(" of wine ")) {
                assertThat(WORLD.correct(narrowed, row)).isFalse();
            }
        }
    }

    @Test
    void the_judge_errs_at_its_rate_and_only_there() {
        HardJudge judge = new HardJudge(0.2, 1);
        HardTarget target = new HardTarget();
        int wrong = 0;
        int total = 0;
        for (long seed = 1; seed <= 4; seed++) {
            for (Example row : HardWorld.create(seed).dataset().examples()) {
                for (PromptTemplate p : List.of(PromptTemplate.of(HardWorld.INITIAL_PROMPT), withRules("HEAVY", "ISLAND"))) {
                    String input = p.render(row);
                    String output = target.answer(input + "\n", null);
                    boolean truth = output.strip().equals(row.get("answer"));
                    boolean verdict = judged(judge, input, output, row.get("answer"));
                    wrong += verdict != truth ? 1 : 0;
                    total++;
                    assertThat(verdict != truth).isEqualTo(judge.errs(input, output));
                }
            }
        }
        assertThat(wrong / (double) total).isBetween(0.16, 0.24);
        HardJudge exact = new HardJudge(0, 1);
        Example row = WORLD.dataset().examples().get(0);
        String input = PromptTemplate.of(HardWorld.INITIAL_PROMPT).render(row);
        assertThat(judged(exact, input, row.get("answer"), row.get("answer"))).isTrue();
        assertThat(judged(exact, input, "PCL-XYZ", row.get("answer"))).isFalse();
    }

    private static boolean judged(HardJudge judge, String input, String output, String expected) {
        String request = MetaRequest.render("evaluator", Map.of("task", "t", "criteria", "c", "input", input,
                "output", output, "expected", "<expected>\n" + expected + "\n</expected>", "scale", "0 or 1"));
        try {
            return new ObjectMapper().readTree(judge.answer(request, null)).get("score").asInt() == 1;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void the_editor_sometimes_drops_a_rule_and_sometimes_narrows_one() {
        HardEditor editor = new HardEditor();
        String prompt = withRules("HEAVY", "ISLAND", "FRAGILE").text();
        int candidates = 0;
        int regressed = 0;
        int narrowed = 0;
        for (int i = 0; i < 200; i++) {
            String request = MetaRequest.render("prompt_editor", Map.of("task", "t " + i, "prompt", prompt,
                    "summary", HardWorld.statement("EXPRESS") + " " + HardWorld.statement("LIQUID"),
                    "placeholders", "{parcel}", "count", "3"));
            for (String c : prompts(editor.answer(request, null))) {
                candidates++;
                HardPrompt read = HardPrompt.read(c);
                if (!read.general().containsAll(Set.of(HardRule.HEAVY, HardRule.ISLAND, HardRule.FRAGILE))) {
                    regressed++;
                }
                if (!read.narrowed().isEmpty()) {
                    narrowed++;
                }
                assertThat(c).contains("{parcel}");
            }
        }
        assertThat(regressed / (double) candidates).isBetween(0.08, 0.22);
        assertThat(narrowed / (double) candidates).isBetween(0.08, 0.22);
    }

    private static List<String> prompts(String json) {
        try {
            List<String> out = new ArrayList<>();
            new ObjectMapper().readTree(json).get("prompts").forEach(p -> out.add(p.asText()));
            return out;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void the_same_seed_draws_the_same_rows() {
        assertThat(HardWorld.create(9).dataset().examples()).isEqualTo(HardWorld.create(9).dataset().examples());
        assertThat(HardWorld.create(9).dataset().examples()).isNotEqualTo(HardWorld.create(10).dataset().examples());
    }

    /** A judge of {@code world} rating each answer {@code samples} times, on a call path with an in-memory cache. */
    private static LlmJudge sampledJudge(HardWorld world, int samples) {
        Task task = world.task();
        CallPath path = CallPath.builder().cache(CallCache.inMemory()).build();
        return new LlmJudge(path.llm(Role.JUDGE, world.models().model(Role.JUDGE)), task.criteria(), task.description(),
                MetaPrompts.defaults(), samples);
    }

    /** Each of the first {@code rows} rows' right answer, rated by a fresh 5-sample judge of world seed 5 at 30% error. */
    private static List<Score> fiveSamplesOfRightAnswers(int rows) {
        HardWorld world = HardWorld.create(5, 0.3);
        LlmJudge judge = sampledJudge(world, 5);
        return world.dataset().examples().subList(0, rows).stream().map(r -> judge.score(r, r.get("answer"))).toList();
    }

    @Test
    void judge_samples_of_one_answer_err_independently_at_the_rate() {
        List<Score> scores = fiveSamplesOfRightAnswers(60);

        // a right answer's 5 samples: the share that passed is the score; were the samples one verdict, always 0 or 1
        long mixed = scores.stream().filter(s -> s.value() > 0 && s.value() < 1).count();
        assertThat(mixed).as("answers whose 5 samples disagree").isGreaterThan(30);
        double wrongSamples = scores.stream().mapToDouble(s -> 1 - s.value()).average().orElseThrow();
        assertThat(wrongSamples).as("share of samples that fail a right answer").isBetween(0.22, 0.38);
        // the majority of 5 is wrong less often than one sample (about 16% against 30%)
        long majorityWrong = scores.stream().filter(s -> !s.passed()).count();
        assertThat(majorityWrong / (double) scores.size()).isLessThan(wrongSamples);
    }

    @Test
    void judge_samples_are_the_same_on_every_run_whatever_the_threads_timing() throws Exception {
        List<Score> first = fiveSamplesOfRightAnswers(20);
        assertThat(fiveSamplesOfRightAnswers(20)).isEqualTo(first);

        // the same answers asked by 4 threads at once on one call path: each sample is still the s-th draw
        HardWorld world = HardWorld.create(5, 0.3);
        LlmJudge judge = sampledJudge(world, 5);
        List<Example> rows = world.dataset().examples().subList(0, 20);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Score>>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> rows.stream().map(r -> judge.score(r, r.get("answer"))).toList()));
            }
            for (Future<List<Score>> run : runs) {
                assertThat(run.get()).isEqualTo(first);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void an_unsampled_judge_gives_the_same_answer_the_same_verdict_every_time() {
        HardWorld world = HardWorld.create(5, 0.3);
        Example row = world.dataset().examples().get(0);
        Score once = sampledJudge(world, 1).score(row, row.get("answer"));
        for (int i = 0; i < 5; i++) {
            assertThat(sampledJudge(world, 1).score(row, row.get("answer"))).isEqualTo(once);
        }
    }
}
