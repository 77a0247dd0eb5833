package dev.gradsum.bench.peers;

import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.llm.LlmRequest;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.modules.GradientGenerator;
import dev.gradsum.task.Task;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ProTeGi's expansion step (Pryzant et al. 2023, §2.1, Algorithm 2): a prompt answers a training
 * minibatch; from its errors, {@code gradientGroups} groups of {@code errorsPerGroup} are drawn and
 * each group gets a textual gradient ({@code protegi_gradient.md}, the paper's ∇); every reason is
 * applied by an edit ({@code protegi_edit.md}, δ) that sees the same errors; each edited prompt gets
 * Monte-Carlo paraphrases ({@code protegi_paraphrase.md}); at most {@code maxSuccessors} successors
 * are kept, a seeded random subset. Unlike GRAD-SUM there is no summary: each edit acts on one
 * gradient. Successors that lose or invent a placeholder cannot run and are dropped (counted).
 */
final class ProTeGiExpander {
    private static final Pattern REASON = Pattern.compile("<reason>(.*?)</reason>", Pattern.DOTALL);

    private final PeerContext context;
    private final ProTeGiOptions options;
    private final PeerPrompts prompts;
    private final Task task;

    ProTeGiExpander(PeerContext context, ProTeGiOptions options, PeerPrompts prompts) {
        this.context = context;
        this.options = options;
        this.prompts = prompts;
        this.task = context.task();
    }

    /** What expanding one prompt gave: its successors and how many candidates were dropped. */
    record Expansion(List<PromptTemplate> successors, int dropped) {
    }

    Expansion expand(PromptTemplate prompt, List<Example> train, Random random) {
        List<Example> minibatch = Sampling.sample(train, options.minibatchSize(), random);
        List<Evaluation> errors = context.rate(prompt, minibatch).stream().filter(ProTeGiExpander::isError).toList();
        if (errors.isEmpty()) {
            return new Expansion(List.of(), 0);
        }
        List<List<Evaluation>> groups = new ArrayList<>();
        for (int g = 0; g < options.gradientGroups(); g++) {
            groups.add(Sampling.sample(errors, options.errorsPerGroup(), random));
        }
        List<Edit> edits = new ArrayList<>();
        List<List<String>> reasons = PeerContext.waitForAll(context.executor(), groups, group -> gradient(prompt, group));
        for (int g = 0; g < groups.size(); g++) {
            for (String reason : reasons.get(g)) {
                edits.add(new Edit(groups.get(g), reason));
            }
        }
        int[] dropped = {0};
        List<List<String>> edited = PeerContext.waitForAll(context.executor(), edits, e -> edit(prompt, e));
        Set<String> successors = new LinkedHashSet<>();
        edited.forEach(successors::addAll);
        if (options.paraphrasesPerEdit() > 0) {
            List<String> base = List.copyOf(successors);
            PeerContext.waitForAll(context.executor(), base, p -> paraphrase(prompt, p)).forEach(successors::addAll);
        }
        List<PromptTemplate> valid = new ArrayList<>();
        for (String text : successors) {
            PromptTemplate candidate = PeerEdits.usable(prompt, text);
            if (candidate == null) {
                dropped[0]++;
            } else if (!candidate.text().equals(prompt.text())) {
                valid.add(candidate);
            }
        }
        List<PromptTemplate> kept = valid.size() > options.maxSuccessors()
                ? Sampling.sample(valid, options.maxSuccessors(), random) : valid;
        return new Expansion(kept, dropped[0]);
    }

    private record Edit(List<Evaluation> errors, String reason) {
    }

    /** A real failure: rated, not passed, and the answer exists. */
    static boolean isError(Evaluation e) {
        return !e.score().error() && !e.score().passed() && !e.generation().failed();
    }

    private List<String> gradient(PromptTemplate prompt, List<Evaluation> errors) {
        String request = prompts.get(PeerPrompts.PROTEGI_GRADIENT).render(Map.of(
                "task", task.description(),
                "prompt", PeerEdits.edited(prompt),
                "errors", errors(errors),
                "count", String.valueOf(options.reasonsPerGradient())));
        String text = call(LlmRequest.user(request), true);
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> reasons = new ArrayList<>();
        Matcher m = REASON.matcher(text);
        while (m.find() && reasons.size() < options.reasonsPerGradient()) {
            if (!m.group(1).isBlank()) {
                reasons.add(m.group(1).strip());
            }
        }
        return reasons.isEmpty() ? List.of(text.strip()) : reasons;
    }

    private List<String> edit(PromptTemplate prompt, Edit edit) {
        String request = prompts.get(PeerPrompts.PROTEGI_EDIT).render(Map.of(
                "task", task.description(),
                "prompt", PeerEdits.edited(prompt),
                "errors", errors(edit.errors()),
                "gradient", edit.reason(),
                "count", String.valueOf(options.editsPerReason()),
                "placeholders", PeerEdits.placeholders(prompt)));
        return PeerEdits.promptsIn(call(LlmRequest.user(request).asJson(), false), options.editsPerReason());
    }

    private List<String> paraphrase(PromptTemplate original, String prompt) {
        String request = prompts.get(PeerPrompts.PROTEGI_PARAPHRASE).render(Map.of(
                "prompt", prompt,
                "count", String.valueOf(options.paraphrasesPerEdit()),
                "placeholders", PeerEdits.placeholders(original)));
        return PeerEdits.promptsIn(call(LlmRequest.user(request).asJson(), false), options.paraphrasesPerEdit());
    }

    /** The call's text, or {@code null} when it failed for good (that piece is skipped, as in the core). */
    private String call(LlmRequest request, boolean gradientRole) {
        return PeerEdits.call(gradientRole ? context.gradient() : context.editor(), request);
    }

    private String errors(List<Evaluation> errors) {
        StringBuilder out = new StringBuilder();
        for (Evaluation e : errors) {
            out.append("<example>\n<input>\n").append(e.generation().input()).append("\n</input>\n<output>\n")
                    .append(e.generation().output()).append("\n</output>\n");
            String expected = GradientGenerator.expected(task, e.generation().example());
            if (expected != null) {
                out.append("<expected>\n").append(expected).append("\n</expected>\n");
            }
            out.append("<evaluation>\n")
                    .append(String.format(Locale.ROOT, "Rated as a failure (score %.2f on a 0-1 scale). ", e.score().value()))
                    .append(e.score().reason().strip()).append("\n</evaluation>\n</example>\n");
        }
        return out.toString().strip();
    }
}
