package dev.gradsum.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradsum.cli.taskfile.TaskFile;
import dev.gradsum.cli.taskfile.TaskSetup;
import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.internal.DaemonThreads;
import dev.gradsum.llm.CallCache;
import dev.gradsum.llm.CallPath;
import dev.gradsum.model.Budget;
import dev.gradsum.model.ModelRoles;
import dev.gradsum.model.Pricing;
import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import dev.gradsum.modules.Generation;
import dev.gradsum.modules.Generator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The bench's second-turn protocol (MT-Bench's, as FastChat runs it: the model answers turn 1, and turn
 * 2 is asked after that answer). A task file saying {@code bench: {first_turn: {turns: FIELD}}} names a
 * data field holding each row's user turns; before the task runs, the target answers every row's first
 * turn ({@code FIELD[0]}) once, sent with the task's initial system message (if it has one) and nothing
 * else. Each row then gets its {@code data.history} field set to {@code [{user: turn 1}, {assistant: the
 * answer}]}, in a copy of the data file outside the repository, and the task's prompt (whose user
 * template takes the second turn, e.g. {@code fields: {request: turns[1]}}) is optimized on that
 * conversation: the target, judge, gradient and summarizer all see both turns.
 *
 * <p>The answers are fixed data, the same for every optimizer and every candidate (a candidate's own
 * system message does not re-answer turn 1), so the columns of the table compare second-turn prompts on
 * one conversation. They are paid on a call path of their own whose cache is the task's store
 * ({@code store:}, default {@code .gradsum/gradsum.db}), so a rerun replays them without a call; what they
 * cost is named in the row's data label.
 */
final class FirstTurn {
    /** The task file's top-level key this class reads; {@code gradsum} itself rejects it as unknown. */
    static final String KEY = "bench";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The placeholder the first turn fills in the turn-1 prompt; a name no task file's data is likely to use. */
    private static final String TURN = "gradsum_first_turn";

    private FirstTurn() {
    }

    /**
     * The option as written in a task file.
     *
     * @param turns the data field holding each row's user turns (a list of at least two texts)
     */
    record Option(String turns) {
        /** Reads the {@code bench:} section of {@code label}; anything but {@code first_turn: {turns: FIELD}} is an error. */
        static Option read(JsonNode bench, String label) {
            String where = label + ": " + KEY;
            if (bench == null || !bench.isObject()) {
                throw new ConfigurationException(where + ": expected a map with first_turn");
            }
            for (Iterator<String> keys = bench.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!key.equals("first_turn")) {
                    throw new ConfigurationException(where + "." + key + ": unknown key (known: first_turn)");
                }
            }
            JsonNode first = bench.path("first_turn");
            if (!first.isObject() || first.size() != 1 || !first.path("turns").isTextual()
                    || first.path("turns").asText().isBlank()) {
                throw new ConfigurationException(where + ".first_turn: expected {turns: FIELD}, the data field "
                        + "holding each row's user turns");
            }
            return new Option(first.path("turns").asText());
        }
    }

    /**
     * The data file with every row's history set, and what answering the first turns used.
     *
     * @param data  the copy of the data file, each row with its {@code data.history} field added
     * @param usage the first-turn calls (paid and answered from the cache)
     */
    record Answered(Path data, Usage usage) {
        /** How the bench table's data label names the first turns. */
        String label() {
            return "first turns answered by the target: " + usage.calls() + " paid, " + usage.cachedCalls()
                    + " from the cache";
        }
    }

    /**
     * Has {@code models}' target answer the first turn of every row of {@code file}'s data (a JSONL file),
     * each once through a call path on {@code cache}, and writes the rows with their history into
     * {@code folder}.
     */
    static Answered answer(TaskFile file, Option option, ModelRoles models, CallCache cache, int concurrency,
                           Duration timeout, Path folder) {
        PromptTemplate prompt = TaskSetup.prompt(file, file.prompt(), file.promptKey());
        String history = prompt.history();
        if (history == null) {
            throw new ConfigurationException(file.label() + ": " + KEY + ".first_turn: give data.history, the field "
                    + "each row's conversation (turn 1 and the target's answer) is written to");
        }
        List<ObjectNode> rows = rows(file);
        List<Example> firstTurns = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            ObjectNode row = rows.get(i);
            JsonNode turns = row.path(option.turns());
            String at = file.label() + ": " + KEY + ".first_turn.turns: row " + (i + 1) + " of " + file.data().pathAsWritten();
            if (!turns.isArray() || turns.size() < 2 || !turns.get(0).isTextual()) {
                throw new ConfigurationException(at + ": field \"" + option.turns()
                        + "\" must be a list of at least two user turns");
            }
            if (row.has(history)) {
                throw new ConfigurationException(at + ": the row already has a field \"" + history
                        + "\" (data.history); name another field");
            }
            Map<String, String> fields = new HashMap<>();
            row.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().isTextual()
                    ? e.getValue().asText() : e.getValue().toString()));
            fields.put(TURN, turns.get(0).asText());
            firstTurns.add(new Example(row.path("id").asText("row-" + (i + 1)), fields));
        }
        List<Generation> answers;
        Usage usage;
        CallPath path = CallPath.builder().cache(cache).pricing(Pricing.none()).budget(Budget.unlimited())
                .maxConcurrency(concurrency).timeout(timeout).build();
        ExecutorService executor = Executors.newCachedThreadPool(new DaemonThreads("gradsum-first-turn-"));
        try {
            Generator target = new Generator(path.llm(Role.TARGET, models.model(Role.TARGET)), executor);
            answers = target.generate(turnOnePrompt(prompt), firstTurns);
            usage = path.total();
        } finally {
            executor.shutdownNow();
            path.close();
        }
        for (int i = 0; i < rows.size(); i++) {
            Generation g = answers.get(i);
            if (g.error() != null || g.refusal() != null) {
                throw new IllegalStateException(file.label() + ": the target did not answer the first turn of row "
                        + g.example().id() + ": " + (g.error() != null ? g.error() : "refused: " + g.refusal()));
            }
            ArrayNode conversation = JSON.createArrayNode();
            conversation.addObject().put("role", "user").put("content", firstTurns.get(i).get(TURN));
            conversation.addObject().put("role", "assistant").put("content", g.output());
            rows.get(i).set(history, conversation);
        }
        return new Answered(write(rows, folder.resolve(file.data().path().getFileName())), usage);
    }

    /** The initial prompt's system message (if any) with the first turn as the user message, nothing else. */
    static PromptTemplate turnOnePrompt(PromptTemplate prompt) {
        String user = "{" + TURN + "}";
        return prompt.message(PromptTemplate.Message.SYSTEM)
                .map(system -> PromptTemplate.builder().system(system.template().text()).user(user)
                        .optimize(PromptTemplate.Message.SYSTEM).build())
                .orElseGet(() -> PromptTemplate.of(user));
    }

    private static List<ObjectNode> rows(TaskFile file) {
        Path data = file.data().path();
        String format = file.data().format() != null ? file.data().format() : "";
        if (!data.getFileName().toString().endsWith(".jsonl") && !format.equals("jsonl")) {
            throw new ConfigurationException(file.label() + ": " + KEY + ".first_turn needs a JSON Lines data file, got "
                    + file.data().pathAsWritten());
        }
        List<ObjectNode> rows = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(data, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    JsonNode node = JSON.readTree(line);
                    if (!node.isObject()) {
                        throw new ConfigurationException(file.data().pathAsWritten() + ": row " + (rows.size() + 1)
                                + " is not a JSON object");
                    }
                    rows.add((ObjectNode) node);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static Path write(List<ObjectNode> rows, Path file) {
        StringBuilder out = new StringBuilder();
        try {
            for (ObjectNode row : rows) {
                out.append(JSON.writeValueAsString(row)).append('\n');
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
