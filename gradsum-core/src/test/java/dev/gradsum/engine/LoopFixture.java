package dev.gradsum.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradsum.GradSum;
import dev.gradsum.data.Example;
import dev.gradsum.data.Split;
import dev.gradsum.llm.CallCache;
import dev.gradsum.metric.Metric;
import dev.gradsum.metric.Score;
import dev.gradsum.model.ModelRoles;
import dev.gradsum.model.Pricing;
import dev.gradsum.model.RetryPolicy;
import dev.gradsum.task.Task;
import dev.gradsum.testing.ScriptedChatModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted world for loop tests. Rows are {@code train-N}, {@code val-N} and {@code test-N}; a row
 * of difficulty {@code N % 5} is
 * answered right ("ok") when the prompt holds more than that many '!' marks, so each '!' adds 0.2
 * to the score on five consecutive rows. The optimizer model answers by meta-prompt tag (see the tag
 * contract in resources/dev/gradsum/prompts/README.md); its editor writes the children a test chooses.
 */
final class LoopFixture {
    static final String INITIAL = "Answer {q}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ROW = Pattern.compile("(?:train|val|test)-(\\d+)");
    private static final Pattern PROMPT = Pattern.compile("(?s)<prompt>\\n(.*?)\\n</prompt>");

    /** Passes when the answer is "ok". */
    static final Metric OK = new Metric() {
        @Override
        public String name() {
            return "ok";
        }

        @Override
        public Score score(Example example, String output) {
            return output.trim().equals("ok") ? Score.pass("said ok") : Score.fail("said " + output.trim());
        }
    };

    private LoopFixture() {
    }

    static List<Example> rows(String part, int count) {
        List<Example> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new Example(part + "-" + i, Map.of("q", part + "-" + i)));
        }
        return rows;
    }

    static Split split(int train, int validation, int test) {
        return new Split(rows("train", train), rows("val", validation), rows("test", test));
    }

    static Task task() {
        return task(INITIAL);
    }

    static Task task(String prompt) {
        return Task.builder().name("loop").description("Say ok.").prompt(prompt).metric(OK).build();
    }

    static int quality(String text) {
        return (int) text.chars().filter(ch -> ch == '!').count();
    }

    /** The target model: right on a row when the prompt's quality exceeds the row's difficulty. */
    static ScriptedChatModel target() {
        return new ScriptedChatModel("target", call -> answer(call.text()));
    }

    static String answer(String text) {
        Matcher m = ROW.matcher(text);
        if (!m.find()) {
            return "no row";
        }
        int difficulty = Integer.parseInt(m.group(1)) % 5;
        return difficulty < quality(text) ? "ok" : "no";
    }

    /** Gradient, summarizer and editor in one model; {@code editor} maps a parent prompt to its children. */
    static ScriptedChatModel optimizer(Function<String, List<String>> editor) {
        return new ScriptedChatModel("optimizer", call -> {
            String text = call.text();
            if (text.contains("<count>")) {
                return prompts(editor.apply(parentPrompt(text)));
            }
            if (text.contains("<feedback>")) {
                return "Ask more firmly: add an exclamation mark.";
            }
            if (text.contains("<evaluation>")) {
                return "The prompt is too calm; it should be more emphatic.";
            }
            throw new IllegalStateException("unexpected request to the optimizer: " + text);
        });
    }

    /** Every child adds one '!' (better) and one child adds a '?' (no better). */
    static List<String> betterAndSame(String parent) {
        return List.of(parent + "!", parent + "?");
    }

    static String parentPrompt(String request) {
        Matcher m = PROMPT.matcher(request);
        if (!m.find()) {
            throw new IllegalStateException("no <prompt> in editor request");
        }
        return m.group(1);
    }

    static String prompts(List<String> prompts) {
        try {
            return JSON.writeValueAsString(Map.of("prompts", prompts));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A builder with both models, no cache (so model calls show the search's own work), no retries. */
    static GradSum.Builder builder(ScriptedChatModel target, ScriptedChatModel optimizer, Split split) {
        return GradSum.builder()
                .task(task())
                .models(ModelRoles.builder().target(target).optimizer(optimizer).build())
                .split(split)
                .cache(CallCache.none())
                .pricing(Pricing.none())
                .retryPolicy(RetryPolicy.none())
                .sleeper(d -> { })
                .bootstrapSamples(200);
    }
}
