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
import java.util.Map;

/**
 * A SIMULATION, not a language model: deterministic models for every role over a synthetic task with
 * hidden rules, where prompts that state the right instructions score measurably higher. Backs the
 * tests and {@code gradsum demo}; lets the whole loop run offline with no API key.
 *
 * <p>The task: price a small order ({@code 3 boxes of pens at 4.50 EUR each, customer in Germany,
 * express shipping}) and reply with what the customer pays ({@code 21.07 EUR}). The initial prompt
 * states only the answer format; four rules stay hidden ({@link #rules()}): a bulk discount, VAT for EU
 * customers, an express fee, rounding. Each matters on a subset of the rows, so the initial prompt is
 * right on roughly a quarter of them. The simulated models:
 * <ul>
 *   <li>{@code simulated-target} follows a rule only when the prompt states it in words it recognises
 *       (English or Chinese), else makes that rule's characteristic mistake; it slips on ~5% of rows and
 *       is tempted by answers of single examples quoted in the prompt;</li>
 *   <li>{@code simulated-judge} compares with the expected answer and names the symptom;</li>
 *   <li>{@code simulated-gradient} names the missed rules as general instructions, plus a remark that
 *       only fits the one example;</li>
 *   <li>{@code simulated-summarizer} keeps instructions recommended by at least two gradients;</li>
 *   <li>{@code simulated-editor} adds instructions from the summary (or, with {@code summarize=false},
 *       from one gradient at a time, remark included) and keeps every placeholder.</li>
 * </ul>
 * Whether GRAD-SUM improves the prompt in this world, and how fast, comes out of these mechanics; no
 * score is set anywhere. Everything is a pure function of the seed and the request text.
 */
public final class SimulatedWorld {
    /** The seed of {@link #create()}. */
    public static final long DEFAULT_SEED = 20240717L;
    /** Rows in {@link #dataset()}. */
    public static final int ROWS = 150;
    static final String INITIAL_PROMPT = "You are a billing assistant for an online shop. Work out what the customer "
            + "pays for the order below. Reply with the final amount only, followed by the currency code.\n\n"
            + "Order: {order}\n\nAmount:";

    private final long seed;
    private final List<Order> orders;

    private SimulatedWorld(long seed) {
        this.seed = seed;
        this.orders = Order.generate(seed, ROWS);
    }

    /** The world everyone sees: the same rows for the same seed on every machine. */
    public static SimulatedWorld create() {
        return create(DEFAULT_SEED);
    }

    /** A world whose rows are drawn from {@code seed}; the rules and models are the same for every seed. */
    public static SimulatedWorld create(long seed) {
        return new SimulatedWorld(seed);
    }

    public long seed() {
        return seed;
    }

    /** The task: its description and name say it is simulated; judged against the {@code answer} field. */
    public Task task() {
        return Task.builder()
                .name("simulated-orders")
                .description("SIMULATED TASK (gradsum's offline simulation, no real language model): read a small "
                        + "order record and reply with the amount the customer pays.")
                .prompt(INITIAL_PROMPT)
                .criteria(Criteria.binary("The answer must be exactly <EXPECTED ANSWER>: the amount the customer "
                        + "pays, with its currency code, and nothing else.").expecting("answer"))
                .build();
    }

    /** {@value #ROWS} rows with fields {@code order} and {@code answer}, ids {@code order-001}…. */
    public Dataset dataset() {
        return Dataset.of("simulated-orders (seed " + seed + ")", examples());
    }

    /** A simulated model for every role: target, judge, gradient, summarizer and editor. */
    public ModelRoles models() {
        return ModelRoles.builder()
                .target(new SimulatedTarget())
                .judge(new SimulatedJudge())
                .gradient(new SimulatedGradientModel())
                .summarizer(new SimulatedSummarizer())
                .editor(new SimulatedEditor())
                .build();
    }

    /**
     * The rules of the world, in plain English, for documentation and demos: the first is stated by the
     * initial prompt, the others are hidden and must be discovered.
     */
    public static List<String> rules() {
        return Instruction.RULES.stream().map(Instruction::statement).toList();
    }

    /**
     * The ground truth: whether the simulated target, given {@code prompt} filled with {@code row}, answers
     * right. Makes no call. (This world's judge is exact, so it agrees with the judge's verdict.)
     */
    public boolean correct(PromptTemplate prompt, Example row) {
        String answer = new SimulatedTarget().answer(prompt.render(row) + "\n", null);
        return Diagnosis.normalised(answer).equals(Diagnosis.normalised(row.get("answer")));
    }

    List<Example> examples() {
        List<Example> rows = new ArrayList<>(orders.size());
        for (int i = 0; i < orders.size(); i++) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("order", orders.get(i).text());
            fields.put("answer", orders.get(i).answer());
            rows.add(new Example(String.format("order-%03d", i + 1), fields));
        }
        return rows;
    }

    List<Order> orders() {
        return orders;
    }
}
