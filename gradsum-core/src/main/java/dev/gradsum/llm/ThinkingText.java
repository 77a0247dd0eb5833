package dev.gradsum.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Separates a model's reasoning from its answer, the one place this is done (design: issue 9, item 2).
 * Reasoning comes two ways: a provider field LangChain4j maps to {@code AiMessage.thinking()}
 * ({@code reasoning_content}, Anthropic thinking blocks), or {@code <think>…</think>} blocks inside the
 * content (DeepSeek-R1, Qwen3 behind vLLM without a reasoning parser, llama.cpp, older Ollama). The
 * content rules: every complete {@code <think>…</think>} (or {@code <thinking>…</thinking>}) block is
 * reasoning; an answer that still holds a closing tag began with reasoning whose opening tag was left
 * out, so everything up to the last closing tag is reasoning; an opening tag never closed means the
 * model was cut while thinking, so everything from it on is reasoning. What is left, trimmed, is the answer.
 */
final class ThinkingText {
    private static final Pattern BLOCK = Pattern.compile("<(think|thinking)>(.*?)</\\1>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern CLOSE = Pattern.compile("</(think|thinking)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern OPEN = Pattern.compile("<(think|thinking)>", Pattern.CASE_INSENSITIVE);

    /** An answer and the reasoning that came with it ("" when none). */
    record Separated(String answer, String reasoning) {
    }

    private ThinkingText() {
    }

    /**
     * @param content          the message text as the provider sent it; may be {@code null}
     * @param providerThinking the reasoning the provider sent in a field of its own; may be {@code null}
     */
    static Separated separate(String content, String providerThinking) {
        List<String> reasoning = new ArrayList<>();
        if (providerThinking != null && !providerThinking.isBlank()) {
            reasoning.add(providerThinking.strip());
        }
        String text = content == null ? "" : content;
        if (!text.toLowerCase(Locale.ROOT).contains("think")) {
            return new Separated(text.strip(), String.join("\n\n", reasoning));
        }
        StringBuilder rest = new StringBuilder();
        Matcher block = BLOCK.matcher(text);
        int last = 0;
        while (block.find()) {
            rest.append(text, last, block.start());
            add(reasoning, block.group(2));
            last = block.end();
        }
        rest.append(text.substring(last));
        String answer = rest.toString();
        Matcher close = CLOSE.matcher(answer);
        int closeEnd = -1;
        int closeStart = -1;
        while (close.find()) {
            closeStart = close.start();
            closeEnd = close.end();
        }
        if (closeEnd >= 0) {
            add(reasoning, answer.substring(0, closeStart));
            answer = answer.substring(closeEnd);
        }
        Matcher open = OPEN.matcher(answer);
        if (open.find()) {
            add(reasoning, answer.substring(open.end()));
            answer = answer.substring(0, open.start());
        }
        return new Separated(answer.strip(), String.join("\n\n", reasoning));
    }

    private static void add(List<String> reasoning, String part) {
        if (!part.isBlank()) {
            reasoning.add(part.strip());
        }
    }
}
