package dev.gradsum.simulation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests shaped like gradsum's real meta-prompts, for talking to the simulated models directly: the
 * resource file {@code dev/gradsum/prompts/<name>.md} with its {@code {placeholders}} filled in (values
 * are inserted verbatim) and {@code {{ }}} unescaped, as the modules render them.
 */
final class MetaRequest {
    private static final Pattern TOKEN = Pattern.compile("\\{\\{|}}|\\{([A-Za-z0-9_]+)}");

    private MetaRequest() {
    }

    static String render(String name, Map<String, String> values) {
        String template = read(name);
        Matcher m = TOKEN.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(1) == null) {
                replacement = m.group().substring(1);
            } else if (values.containsKey(m.group(1))) {
                replacement = values.get(m.group(1));
            } else {
                throw new IllegalArgumentException(name + ".md needs a value for {" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String read(String name) {
        try (InputStream in = MetaRequest.class.getResourceAsStream("/dev/gradsum/prompts/" + name + ".md")) {
            if (in == null) {
                throw new IllegalArgumentException("no meta-prompt " + name + ".md on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
