package dev.gradsum.store;

import dev.gradsum.GradSum;
import dev.gradsum.model.Budget;
import dev.gradsum.model.ModelRoles;
import dev.gradsum.model.Role;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.simulation.SimulatedWorld;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * A child process for {@link ResumeTest}: one optimize run of the simulated world recorded in the store,
 * as a library user writes it: {@code GradSum.builder().store(store)}, then resume the run the store
 * offers to continue, else start one. Every model answer is logged (a hash of the request) before it is
 * returned; with {@code haltAfter} the process halts like a SIGKILL (no finally, no shutdown hook) once
 * that many answers were given.
 * Args: db, haltAfter (-1: never), requestLog, resultFile, budgetCalls (-1: none), concurrency.
 */
public final class ResumeChild {

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        int haltAfter = Integer.parseInt(args[1]);
        Path requestLog = Path.of(args[2]);
        Path resultFile = Path.of(args[3]);
        long budgetCalls = Long.parseLong(args[4]);
        int concurrency = Integer.parseInt(args[5]);
        SimulatedWorld world = SimulatedWorld.create();
        try (SqliteStore store = SqliteStore.open(db)) {
            Set<String> answered = new HashSet<>();
            ModelRoles.Builder models = ModelRoles.builder();
            for (Role role : Role.values()) {
                models.role(role, new Logged(world.models().model(role), requestLog, answered, haltAfter,
                        () -> store.stats().entries()));
            }
            GradSum gradSum = GradSum.builder()
                    .task(world.task()).models(models.build()).dataset(world.dataset())
                    .splitSizes(12, 12, 12).beamSize(2).iterations(3).candidatesPerPrompt(2).minibatchSize(12)
                    .seed(7).maxConcurrency(concurrency)
                    .budget(budgetCalls < 0 ? Budget.unlimited() : new Budget(null, budgetCalls, null))
                    .store(store)
                    .build();
            List<RunSummary> unfinished = gradSum.continuableRuns();
            OptimizationResult r = unfinished.isEmpty() ? gradSum.optimize() : gradSum.resume(unfinished.get(0).id());
            Files.writeString(resultFile, String.join("\n", r.best().id(), r.bestPrompt().text().replace("\n", "\\n"),
                    String.valueOf(r.test()), r.stopReason().name(), String.valueOf(r.iterations().size())));
        }
    }

    /**
     * Delegates to a simulated model, logging each answered request. After {@code haltAfter} answers it
     * waits until every answer given has reached the store (a reply still travelling is not "answered"
     * yet), then halts the JVM.
     */
    private static final class Logged implements ChatModel {
        private final ChatModel model;
        private final Path log;
        private final Set<String> answered;
        private final int haltAfter;
        private final LongSupplier stored;

        Logged(ChatModel model, Path log, Set<String> answered, int haltAfter, LongSupplier stored) {
            this.model = model;
            this.log = log;
            this.answered = answered;
            this.haltAfter = haltAfter;
            this.stored = stored;
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            ChatResponse response = model.chat(request);
            synchronized (answered) {
                if (haltAfter >= 0 && answered.size() >= haltAfter) {
                    long deadline = System.nanoTime() + 30_000_000_000L;
                    while (stored.getAsLong() < answered.size() && System.nanoTime() < deadline) {
                        try {
                            Thread.sleep(5);
                        } catch (InterruptedException e) {
                            break;
                        }
                    }
                    Runtime.getRuntime().halt(137);
                }
                String h = hash(request.toString());
                append(h + "\n");
                answered.add(h);
            }
            return response;
        }

        private void append(String line) {
            try {
                Files.writeString(log, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public ChatRequestParameters defaultRequestParameters() {
            return model.defaultRequestParameters();
        }

        @Override
        public ModelProvider provider() {
            return model.provider();
        }

        private static String hash(String text) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
