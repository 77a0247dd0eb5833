package dev.gradsum.simulation;

import dev.gradsum.data.Dataset;
import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.model.ModelRoles;
import dev.gradsum.task.Criteria;
import dev.gradsum.task.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A harder SIMULATION beside {@link SimulatedWorld} (which stays the demo's world), for the bench:
 * deterministic models over a synthetic task whose rows fail for different reasons, a judge that is
 * wrong at a set rate, and an editor that sometimes makes things worse. No language model, no score set
 * anywhere: a row is right exactly when the prompt states every rule that row needs.
 *
 * <p>The task: give a parcel ({@code a 23.5 kg parcel of glassware to Crete, express service, signature
 * required}) its handling code ({@code PCL-HVY-ISL-FRG-EXP-SIG}). The initial prompt states only the
 * format; eight rules stay hidden, in four independent families: weight (HVY for 20 kg or more, LTR
 * under 1 kg), destination (ISL for islands, CUS outside the EU), contents (FRG for glassware and
 * ceramics, LIQ for wine and olive oil) and service (EXP for express, SIG for a signature). Each row
 * needs its own subset (one row HVY, another ISL, another HVY and EXP), so the initial prompt is right
 * on about one row in nine. The models:
 * <ul>
 *   <li>{@code simulated-hard-target} adds a tag only when the prompt states its rule (for every
 *       parcel, or for this parcel's item); slips on ~3%, copies codes quoted by single-parcel notes;</li>
 *   <li>{@code simulated-hard-judge} knows the truth (the expected code) but its verdict is flipped on
 *       {@link #judgeErrorRate()} of the answers, and when it wrongly fails a right answer it names a
 *       rule the parcel does not need; asked with a temperature (judge samples), each sample errs
 *       independently at that rate, a fresh draw per call;</li>
 *   <li>{@code simulated-hard-gradient} trusts the judge's reasoning and quotes the rules it names;</li>
 *   <li>{@code simulated-hard-summarizer} keeps rules recommended by at least two gradients;</li>
 *   <li>{@code simulated-hard-editor} adds the rules asked for, but on 15% of candidates deletes a rule
 *       the prompt had and on 15% narrows a new rule to one kind of item.</li>
 * </ul>
 * The truth is known: {@link #correct} says whether the target's answer under a prompt is truly right,
 * whatever the judge said, so the bench can tell when an accepted prompt is truly worse. Everything is a
 * pure function of the seed, the error rate and the request text (for a sampled judge request, also of
 * how many times that text was asked before).
 */
public final class HardWorld {
    /** The seed of {@link #create()}. */
    public static final long DEFAULT_SEED = 20240801L;
    /** The judge's error rate of {@link #create(long)}. */
    public static final double DEFAULT_JUDGE_ERROR_RATE = 0.1;
    /** Rows in {@link #dataset()}. */
    public static final int ROWS = 150;
    static final String INITIAL_PROMPT = "You assign handling codes to parcels for a courier. Work out the code of "
            + "the parcel below. " + HardRule.FORMAT.statement() + "\n\nParcel: {parcel}\n\nCode:";

    private final long seed;
    private final double judgeErrorRate;
    private final List<Parcel> parcels;
    private final HardTarget target = new HardTarget();

    private HardWorld(long seed, double judgeErrorRate) {
        if (judgeErrorRate < 0 || judgeErrorRate > 1) {
            throw new IllegalArgumentException("judgeErrorRate must be in [0, 1], was " + judgeErrorRate);
        }
        this.seed = seed;
        this.judgeErrorRate = judgeErrorRate;
        this.parcels = Parcel.generate(seed, ROWS);
    }

    public static HardWorld create() {
        return create(DEFAULT_SEED);
    }

    /** Rows drawn from {@code seed}, the judge wrong on {@value #DEFAULT_JUDGE_ERROR_RATE} of answers. */
    public static HardWorld create(long seed) {
        return new HardWorld(seed, DEFAULT_JUDGE_ERROR_RATE);
    }

    /** Rows drawn from {@code seed}, the judge's verdict wrong on {@code judgeErrorRate} of the answers. */
    public static HardWorld create(long seed, double judgeErrorRate) {
        return new HardWorld(seed, judgeErrorRate);
    }

    public long seed() {
        return seed;
    }

    public double judgeErrorRate() {
        return judgeErrorRate;
    }

    /** The task: its description and name say it is simulated; judged against the {@code answer} field. */
    public Task task() {
        return Task.builder()
                .name("simulated-parcels")
                .description("SIMULATED TASK (gradsum's offline hard simulation, no real language model): read a "
                        + "parcel record and reply with its handling code.")
                .prompt(INITIAL_PROMPT)
                .criteria(Criteria.binary("The answer must be exactly <EXPECTED ANSWER>: the parcel's handling code, "
                        + "and nothing else.").expecting("answer"))
                .build();
    }

    /** {@value #ROWS} rows with fields {@code parcel} and {@code answer}, ids {@code parcel-001}…. */
    public Dataset dataset() {
        List<Example> rows = new ArrayList<>(parcels.size());
        for (int i = 0; i < parcels.size(); i++) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("parcel", parcels.get(i).text());
            fields.put("answer", parcels.get(i).answer());
            rows.add(new Example(String.format(Locale.ROOT, "parcel-%03d", i + 1), fields));
        }
        return Dataset.of("simulated-parcels (seed " + seed + ")", rows);
    }

    /** A simulated model for every role. */
    public ModelRoles models() {
        return ModelRoles.builder()
                .target(new HardTarget())
                .judge(new HardJudge(judgeErrorRate, seed))
                .gradient(new HardGradientModel())
                .summarizer(new SimulatedSummarizer("simulated-hard-summarizer", HardWorld::canonical))
                .editor(new HardEditor())
                .build();
    }

    /** The hidden rules' names ({@code HEAVY}, {@code ISLAND}, …), in tag order. */
    public static List<String> hiddenRules() {
        return HardRule.HIDDEN.stream().map(Enum::name).toList();
    }

    /** The family of a hidden rule ({@code weight}, {@code destination}, {@code contents}, {@code service}). */
    public static String family(String rule) {
        return HardRule.valueOf(rule).family();
    }

    /** The plain statement of a rule, as a prompt would carry it. */
    public static String statement(String rule) {
        return HardRule.valueOf(rule).statement();
    }

    /** The hidden rules {@code row} needs (its answer changes with each), by name. */
    public Set<String> rulesNeeded(Example row) {
        Set<String> names = new TreeSet<>();
        Parcel.findIn(row.get("parcel")).orElseThrow().rulesThatMatter().forEach(r -> names.add(r.name()));
        return names;
    }

    /**
     * The ground truth: whether the simulated target, given {@code prompt} filled with {@code row}, truly
     * answers right (whatever the judge would say). Makes no call.
     */
    public boolean correct(PromptTemplate prompt, Example row) {
        String answer = target.answer(prompt.render(row) + "\n", null);
        return Diagnosis.normalised(answer).equals(Diagnosis.normalised(row.get("answer")));
    }

    private static String canonical(String quoted) {
        Set<HardRule> known = HardRule.recognisedIn(quoted);
        return known.size() == 1 ? known.iterator().next().statement() : quoted;
    }
}
