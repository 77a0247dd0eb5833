import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A STUB, not a language model: a local server speaking OpenAI's chat-completions API, used to make this
 * example's committed recording without a key ({@code ./record-with-stub.sh}). Run with
 * {@code java stub/CapitalsModelServer.java PORT} (Java 17, no dependencies).
 *
 * <p>As the target it names the capital only when the prompt asks for "the city name only", and talks
 * about the country otherwise; as the judge (a request holding gradsum's {@code <scale>} section) it passes
 * an answer that contains the expected city, in the JSON verdict gradsum's judge prompt asks for.
 */
public class CapitalsModelServer {
    private static final Map<String, String> CAPITALS = Map.of("France", "Paris", "Japan", "Tokyo", "Kenya", "Nairobi",
            "Peru", "Lima", "Canada", "Ottawa", "Norway", "Oslo");

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.createContext("/v1/chat/completions", CapitalsModelServer::answer);
        server.setExecutor(Executors.newFixedThreadPool(8)); // gradsum sends up to 8 calls at once
        server.start();
        System.out.println("stub model server on http://127.0.0.1:" + port + "/v1");
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String text = contents(request);
            String reply = text.contains("\n<scale>\n") ? verdict(text) : targetAnswer(text);
            String body = "{\"id\":\"stub-1\",\"object\":\"chat.completion\",\"created\":0,\"model\":\"stub\","
                    + "\"choices\":[{\"index\":0,\"finish_reason\":\"stop\",\"message\":{\"role\":\"assistant\",\"content\":"
                    + json(reply) + "}}],\"usage\":{\"prompt_tokens\":" + words(text) + ",\"completion_tokens\":"
                    + words(reply) + ",\"total_tokens\":" + (words(text) + words(reply)) + "}}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static String targetAnswer(String prompt) {
        String country = CAPITALS.keySet().stream().filter(prompt::contains).findFirst().orElse("that country");
        return prompt.contains("city name only") ? CAPITALS.getOrDefault(country, "I do not know.")
                : country + " has a long history, and its capital is full of museums and old streets.";
    }

    private static String verdict(String text) {
        String expected = section(text, "expected").replace("<", "").trim();
        boolean right = !expected.isEmpty() && section(text, "output").contains(expected);
        return "{\"reasoning\": \"" + (right ? "The answer names " + expected + "." : "The answer does not name the capital city.")
                + "\", \"score\": " + (right ? 1 : 0) + "}";
    }

    /** The text between {@code <tag>} and {@code </tag>} on their own lines, or "". */
    private static String section(String text, String tag) {
        int start = text.indexOf("\n<" + tag + ">\n");
        if (start < 0) {
            return "";
        }
        start += tag.length() + 4;
        int end = text.indexOf("\n</" + tag + ">", start);
        return end < 0 ? text.substring(start) : text.substring(start, end);
    }

    /** Every "content" string of the request's messages, unescaped and joined by new lines. */
    private static String contents(String request) {
        StringBuilder all = new StringBuilder("\n");
        Matcher m = Pattern.compile("\"(?:content|text)\"\\s*:\\s*\"((?:[^\"\\\\]++|\\\\.)*+)\"").matcher(request);
        while (m.find()) {
            all.append(unescape(m.group(1))).append('\n');
        }
        return all.toString();
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> b.append(n);
            }
        }
        return b.toString();
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return b.append('"').toString();
    }

    private static int words(String s) {
        String t = s.trim();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }
}
