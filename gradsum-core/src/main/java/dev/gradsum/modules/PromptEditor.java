package dev.gradsum.modules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.llm.Llm;
import dev.gradsum.llm.LlmException;
import dev.gradsum.llm.LlmRequest;
import dev.gradsum.llm.UnusableReplyException;
import dev.gradsum.prompts.MetaPrompts;
import dev.gradsum.task.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Paper step 5, prompt editing: rewrites the prompt from the summary (meta-prompt
 * {@code prompt_editor.md}) or, with {@code summarize=false}, from the raw gradients
 * ({@code prompt_editor_raw_gradients.md}) into K candidates. Candidates keep every placeholder and
 * the prompt's language; one that does not is repaired once, then dropped (and the drop recorded).
 *
 * <p>Contract: the editor answers {@code {"prompts": [...]}}, loose JSON tolerated, or the prompts as a
 * numbered list or separated by rule lines ({@link EditorAnswer}). An answer cut at the token limit keeps
 * every complete prompt it holds (a cut answer with none is a failed call); an unusable answer is never
 * kept in the call cache, so a rerun asks again instead of replaying it. Each candidate must parse as a
 * {@link PromptTemplate}, carry exactly the parent's placeholders, differ from the parent and from the
 * other candidates, and be written in the parent's script ({@link LanguageCheck}). An invalid candidate
 * is sent back once with {@code prompt_editor_repair.md}, saying exactly what is wrong; if still
 * invalid it is dropped and {@link Edit#dropped()} gets one line, e.g.
 * {@code candidate 2 dropped: lost placeholder {question}}. An unusable answer is asked again once
 * ({@code answer_retry.md}); a second one, or a call that fails for good, gives an edit with no
 * candidates and one line saying why. Calls are sampled: at the editor model's own temperature when it
 * has one (its model section's), else 0.7; the sample index distinguishes the retry from the first call.
 * A model that takes no temperature (a reasoning model) is left at its default and still writes distinct
 * candidates, since one call asks for all K of them.
 *
 * <p>A chat prompt ({@link PromptTemplate#isChat()}) is edited with the {@code *_chat.md} meta-prompts:
 * the editor sees every message ({@link PromptTemplate#optimizerView()}), is told which are optimized,
 * and answers one JSON object per candidate from each optimized message's name to its new text. Each
 * optimized message is checked on its own (present, well-formed, exactly its own placeholders, its own
 * language), then the candidate as a whole (differs from the parent and the other candidates). The
 * messages that are not optimized are always the parent's, byte for byte, whatever the editor wrote.
 */
public final class PromptEditor {
    /** The editor's default sampling temperature: candidates should differ. */
    public static final double DEFAULT_TEMPERATURE = 0.7;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Llm editor;
    private final MetaPrompts prompts;
    private final double temperature;

    /** An editor sampling at {@code editor}'s own temperature, or {@link #DEFAULT_TEMPERATURE} when it has none. */
    public PromptEditor(Llm editor, MetaPrompts prompts) {
        this(editor, prompts, editor.defaultTemperature().orElse(DEFAULT_TEMPERATURE));
    }

    public PromptEditor(Llm editor, MetaPrompts prompts, double temperature) {
        this.editor = Objects.requireNonNull(editor, "editor");
        this.prompts = Objects.requireNonNull(prompts, "prompts");
        if (temperature < 0 || temperature > 2) {
            throw new IllegalArgumentException("editor temperature must be in [0, 2], was " + temperature);
        }
        this.temperature = temperature;
    }

    /** Edits from a summary paragraph. */
    public Edit edit(Task task, PromptTemplate prompt, String summary, int k) {
        Map<String, String> values = commonValues(task, prompt, k);
        values.put("summary", summary);
        return propose(task, prompt, prompt.isChat() ? MetaPrompts.PROMPT_EDITOR_CHAT : MetaPrompts.PROMPT_EDITOR,
                values, k);
    }

    /** The ablation: edits from the raw gradient list. */
    public Edit editFromGradients(Task task, PromptTemplate prompt, List<Gradient> gradients, int k) {
        Map<String, String> values = commonValues(task, prompt, k);
        values.put("gradients", TaggedSections.gradients(gradients));
        return propose(task, prompt, prompt.isChat() ? MetaPrompts.PROMPT_EDITOR_RAW_GRADIENTS_CHAT
                : MetaPrompts.PROMPT_EDITOR_RAW_GRADIENTS, values, k);
    }

    private Map<String, String> commonValues(Task task, PromptTemplate prompt, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("number of candidates must be >= 1, was " + k);
        }
        Map<String, String> values = new HashMap<>();
        values.put("task", task.description());
        values.put("prompt", prompt.optimizerView());
        values.put("placeholders", placeholderList(prompt));
        values.put("count", String.valueOf(k));
        if (prompt.isChat()) {
            values.put("optimized", optimizedNames(prompt));
        }
        return values;
    }

    private Edit propose(Task task, PromptTemplate parent, String metaPrompt, Map<String, String> values, int k) {
        String request = prompts.get(metaPrompt).render(values);
        Answer answer = ask(request);
        if (answer.prompts == null) {
            return new Edit(List.of(), List.of("no candidates: " + answer.problem));
        }
        List<PromptTemplate> kept = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        Map<String, Integer> keptTexts = new LinkedHashMap<>();
        List<String> proposed = answer.prompts.subList(0, Math.min(k, answer.prompts.size()));
        for (int i = 0; i < proposed.size(); i++) {
            int number = i + 1;
            Checked first = check(parent, proposed.get(i), keptTexts);
            Checked result = first.problem == null ? first : repair(task, parent, proposed.get(i), first.problem, keptTexts);
            if (result.problem == null) {
                kept.add(result.template);
                keptTexts.put(identity(result.template), number);
            } else {
                dropped.add("candidate " + number + " dropped: " + result.problem);
            }
        }
        return new Edit(kept, dropped);
    }

    private Checked repair(Task task, PromptTemplate parent, String candidate, String problem, Map<String, Integer> keptTexts) {
        Map<String, String> values = new HashMap<>(Map.of(
                "task", task.description(),
                "prompt", parent.optimizerView(),
                "candidate", candidate,
                "problem", problem,
                "placeholders", placeholderList(parent)));
        if (parent.isChat()) {
            values.put("optimized", optimizedNames(parent));
        }
        String request = prompts.get(parent.isChat() ? MetaPrompts.PROMPT_EDITOR_REPAIR_CHAT
                : MetaPrompts.PROMPT_EDITOR_REPAIR).render(values);
        Answer answer = call(request, 0);
        if (answer.prompts == null || answer.prompts.isEmpty()) {
            String why = answer.prompts == null ? answer.problem : "the repair answer held no prompt";
            return Checked.invalid(problem + " (repair failed: " + why + ")");
        }
        return check(parent, answer.prompts.get(0), keptTexts);
    }

    /** The first call, and once more if its answer is unusable. */
    private Answer ask(String request) {
        Answer first = call(request, 0);
        if (first.prompts != null || first.callFailed) {
            return first;
        }
        String retry = prompts.get(MetaPrompts.ANSWER_RETRY).render(Map.of("request", request, "problem", first.problem));
        Answer second = call(retry, 1);
        return second.prompts != null || second.callFailed
                ? second
                : Answer.unusable("editor answer unusable twice: " + second.problem, false);
    }

    private Answer call(String request, int sample) {
        LlmRequest sent = LlmRequest.user(request).withTemperature(temperature).withSample(sample).asJson();
        String text;
        try {
            text = editor.chat(sent, answer -> EditorAnswer.read(answer).usable()).text();
        } catch (UnusableReplyException e) {
            if (e.kind() == UnusableReplyException.Kind.TRUNCATED) {
                List<String> complete = EditorAnswer.readCut(e.reply().text());
                if (!complete.isEmpty()) {
                    return new Answer(complete, null, false);
                }
            }
            return Answer.unusable("editor call failed: " + e.getMessage(), true);
        } catch (LlmException e) {
            Interrupts.rethrowIfInterrupted(e);
            return Answer.unusable("editor call failed: " + e.getMessage(), true);
        }
        EditorAnswer.Read read = EditorAnswer.read(text);
        return read.usable() ? new Answer(read.prompts(), null, false) : Answer.unusable(read.problem(), false);
    }

    /** Everything a candidate must satisfy; every broken rule is spelled out for the repair. */
    static Checked check(PromptTemplate parent, String text, Map<String, Integer> keptTexts) {
        if (parent.isChat()) {
            return checkChat(parent, text, keptTexts);
        }
        if (text.isBlank()) {
            return Checked.invalid("empty prompt");
        }
        PromptTemplate candidate;
        try {
            candidate = PromptTemplate.of(text);
        } catch (ConfigurationException e) {
            return Checked.invalid("malformed braces: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        String placeholders = placeholderProblem(parent.placeholders(), candidate.placeholders());
        if (placeholders != null) {
            problems.add(placeholders);
        }
        String stripped = candidate.text().strip();
        if (stripped.equals(parent.text().strip())) {
            problems.add("identical to the original prompt");
        }
        Integer same = keptTexts.get(stripped);
        if (same != null) {
            problems.add("duplicate of candidate " + same);
        }
        LanguageCheck.problem(parent.text(), candidate.text()).ifPresent(problems::add);
        return problems.isEmpty() ? new Checked(candidate, null) : Checked.invalid(String.join("; ", problems));
    }

    /** A chat candidate: a JSON object naming each optimized message; each is checked, then the whole. */
    private static Checked checkChat(PromptTemplate parent, String text, Map<String, Integer> keptTexts) {
        JsonNode answer;
        try {
            answer = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            answer = null;
        }
        if (answer == null || !answer.isObject()) {
            return Checked.invalid("not a JSON object from message name to text (messages to write: "
                    + optimizedNames(parent) + ")");
        }
        List<String> problems = new ArrayList<>();
        Map<String, PromptTemplate> texts = new LinkedHashMap<>();
        for (PromptTemplate.Message m : parent.optimized()) {
            String where = "message " + m.name() + ": ";
            JsonNode value = answer.get(m.name());
            if (value == null || !value.isTextual()) {
                problems.add(where + "missing");
                continue;
            }
            if (value.asText().isBlank()) {
                problems.add(where + "empty");
                continue;
            }
            PromptTemplate written;
            try {
                written = PromptTemplate.of(value.asText());
            } catch (ConfigurationException e) {
                problems.add(where + "malformed braces: " + e.getMessage());
                continue;
            }
            String placeholders = placeholderProblem(m.template().placeholders(), written.placeholders());
            if (placeholders != null) {
                problems.add(where + placeholders);
            }
            LanguageCheck.problem(m.template().text(), written.text()).ifPresent(p -> problems.add(where + p));
            texts.put(m.name(), written);
        }
        if (!problems.isEmpty()) {
            return Checked.invalid(String.join("; ", problems));
        }
        PromptTemplate candidate = parent.withOptimized(texts);
        if (identity(candidate).equals(identity(parent))) {
            problems.add("identical to the original prompt");
        }
        Integer same = keptTexts.get(identity(candidate));
        if (same != null) {
            problems.add("duplicate of candidate " + same);
        }
        return problems.isEmpty() ? new Checked(candidate, null) : Checked.invalid(String.join("; ", problems));
    }

    /** What tells candidates apart: the optimized messages' texts, ignoring surrounding white space. */
    private static String identity(PromptTemplate prompt) {
        if (!prompt.isChat()) {
            return prompt.text().strip();
        }
        return prompt.optimized().stream().map(m -> m.template().text().strip()).collect(Collectors.joining("\u0000"));
    }

    private static String optimizedNames(PromptTemplate prompt) {
        return prompt.optimized().stream().map(PromptTemplate.Message::name).collect(Collectors.joining(", "));
    }

    private static String placeholderProblem(Set<String> expected, Set<String> actual) {
        Set<String> lost = new LinkedHashSet<>(expected);
        lost.removeAll(actual);
        Set<String> invented = new LinkedHashSet<>(actual);
        invented.removeAll(expected);
        List<String> problems = new ArrayList<>();
        if (!lost.isEmpty()) {
            problems.add(named("lost", lost));
        }
        if (!invented.isEmpty()) {
            problems.add(named("invented", invented));
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    private static String named(String what, Set<String> names) {
        return what + (names.size() == 1 ? " placeholder " : " placeholders ")
                + names.stream().map(n -> "{" + n + "}").collect(Collectors.joining(", "));
    }

    private static String placeholderList(PromptTemplate prompt) {
        if (prompt.isChat()) {
            return prompt.optimized().stream().map(m -> "- " + m.name() + ": " + (m.template().placeholders().isEmpty()
                    ? "none (it must not gain any)"
                    : m.template().placeholders().stream().map(n -> "{" + n + "}").collect(Collectors.joining(", "))))
                    .collect(Collectors.joining("\n"));
        }
        if (prompt.placeholders().isEmpty()) {
            return "(none: this prompt has no placeholders, and new prompts must not add any)";
        }
        return prompt.placeholders().stream().map(n -> "{" + n + "}").collect(Collectors.joining(", "));
    }

    /** A parsed editor answer: the prompt texts, or why there are none. */
    private record Answer(List<String> prompts, String problem, boolean callFailed) {
        static Answer unusable(String problem, boolean callFailed) {
            return new Answer(null, problem, callFailed);
        }
    }

    /** A checked candidate: the template when valid, otherwise the problem. */
    record Checked(PromptTemplate template, String problem) {
        static Checked invalid(String problem) {
            return new Checked(null, problem);
        }
    }
}
