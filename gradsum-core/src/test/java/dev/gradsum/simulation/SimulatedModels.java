package dev.gradsum.simulation;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.List;
import java.util.Map;

/** Test conveniences around the simulated models: one user message in, the answer text out. */
final class SimulatedModels {
    static final SimulatedTarget TARGET = new SimulatedTarget();
    static final SimulatedJudge JUDGE = new SimulatedJudge();
    static final SimulatedGradientModel GRADIENT = new SimulatedGradientModel();
    static final SimulatedSummarizer SUMMARIZER = new SimulatedSummarizer();
    static final SimulatedEditor EDITOR = new SimulatedEditor();
    static final String TASK = "SIMULATED TASK: reply with the amount the customer pays.";
    static final String CRITERIA = "The answer must be exactly <EXPECTED ANSWER>, and nothing else.";

    private SimulatedModels() {
    }

    static String ask(ChatModel model, String text) {
        return model.chat(ChatRequest.builder().messages(UserMessage.from(text)).build()).aiMessage().text();
    }

    static String ask(ChatModel model, String text, double temperature) {
        return model.chat(ChatRequest.builder().messages(UserMessage.from(text)).temperature(temperature).build())
                .aiMessage().text();
    }

    static String fill(String prompt, Order order) {
        return prompt.replace("{order}", order.text());
    }

    /** The share of {@code orders} the simulated target answers exactly right with {@code prompt}. */
    static double accuracy(String prompt, List<Order> orders) {
        long right = orders.stream()
                .filter(o -> Diagnosis.normalised(ask(TARGET, fill(prompt, o))).equals(Diagnosis.normalised(o.answer())))
                .count();
        return (double) right / orders.size();
    }

    /** The initial prompt with {@code instructions} inserted as the simulated editor does. */
    static String promptWith(List<String> instructions) {
        return SimulatedEditor.insert(SimulatedWorld.INITIAL_PROMPT, instructions);
    }

    static String judgeRequest(Order order, String output) {
        return MetaRequest.render("evaluator", Map.of("task", TASK, "criteria",
                CRITERIA.replace("<EXPECTED ANSWER>", order.answer()), "input", fill(SimulatedWorld.INITIAL_PROMPT, order),
                "output", output, "expected", "<expected>\n" + order.answer() + "\n</expected>",
                "scale", "binary: 1 if the answer meets the criteria, 0 if it does not"));
    }

    static String gradientRequest(String prompt, Order order, String output, String evaluation) {
        return MetaRequest.render("gradient_generator", Map.of("task", TASK, "criteria", CRITERIA, "prompt", prompt,
                "input", fill(prompt, order), "output", output,
                "expected", "<expected>\n" + order.answer() + "\n</expected>", "evaluation", evaluation));
    }

    static String summaryRequest(String prompt, List<String> gradients) {
        StringBuilder tagged = new StringBuilder();
        for (String g : gradients) {
            tagged.append("<gradient>\n").append(g).append("\n</gradient>\n");
        }
        return MetaRequest.render("gradient_summarizer", Map.of("task", TASK, "prompt", prompt,
                "gradients", tagged.toString().strip()));
    }

    static String editRequest(String prompt, String summary, int count) {
        return MetaRequest.render("prompt_editor", Map.of("task", TASK, "prompt", prompt, "summary", summary,
                "placeholders", "{order}", "count", String.valueOf(count)));
    }

    static String rawEditRequest(String prompt, List<String> gradients, int count) {
        StringBuilder tagged = new StringBuilder();
        for (String g : gradients) {
            tagged.append("<gradient>\n").append(g).append("\n</gradient>\n");
        }
        return MetaRequest.render("prompt_editor_raw_gradients", Map.of("task", TASK, "prompt", prompt,
                "gradients", tagged.toString().strip(), "placeholders", "{order}", "count", String.valueOf(count)));
    }
}
