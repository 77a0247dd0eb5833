package dev.gradsum.data;

import dev.gradsum.exception.ConfigurationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A prompt with {@code {name}} placeholders (letters, digits, {@code _}; letters include non-Latin
 * ones such as {@code {问题}}); {@code {{} and {@code }}} are literal braces. Used for user prompts and for gradsum's own meta-prompts alike. Immutable; equal
 * when the text is equal.
 *
 * <p>In GRAD-SUM the prompt is the variable being optimised: every candidate the editor writes must keep
 * exactly the placeholders of the initial prompt (design §3), which {@link #placeholders()} lets the
 * editor check. The text is parsed once into literal and placeholder segments, so {@link #render} is a
 * single pass over those segments. Values are inserted verbatim: a value that itself contains
 * {@code {x}} is not expanded again.
 *
 * <p>A prompt may also be a <em>chat prompt</em> ({@link #builder()}): a list of {@link Message}s (an
 * optional system message, optional example turns, then the user template), each a template with
 * placeholders, of which some are optimized and the others stay byte for byte; optionally the name of a
 * data field holding prior turns of the conversation ({@link #history()}). Its {@link #text()} is a JSON
 * form naming every message (what the store keeps, {@link #parse} reads back, and candidates are told
 * apart by); {@link #optimizerView()} is what the optimizer models are shown. A prompt given as one
 * string is one optimized user message, and behaves exactly as it always has.
 */
public final class PromptTemplate {
    private final String text;
    /** The messages of a chat prompt; {@code null} for a single user template. */
    private final List<Message> messages;
    private final String history;
    /** Literal text and placeholder names, alternating kind as flagged by {@link #isPlaceholder}. */
    private final String[] segments;
    private final boolean[] isPlaceholder;
    private final int literalLength;
    private final Set<String> placeholders;

    private PromptTemplate(String text, List<String> segments, List<Boolean> kinds) {
        this.text = text;
        this.messages = null;
        this.history = null;
        this.segments = segments.toArray(new String[0]);
        this.isPlaceholder = new boolean[kinds.size()];
        Set<String> names = new LinkedHashSet<>();
        int literal = 0;
        for (int i = 0; i < this.segments.length; i++) {
            isPlaceholder[i] = kinds.get(i);
            if (isPlaceholder[i]) {
                names.add(this.segments[i]);
            } else {
                literal += this.segments[i].length();
            }
        }
        this.literalLength = literal;
        this.placeholders = Collections.unmodifiableSet(names);
    }

    /** A chat prompt of {@code messages} (checked by the builder). */
    private PromptTemplate(List<Message> messages, String history) {
        this.messages = List.copyOf(messages);
        this.history = history;
        this.text = ChatForm.write(this.messages, history);
        this.segments = new String[0];
        this.isPlaceholder = new boolean[0];
        this.literalLength = 0;
        Set<String> names = new LinkedHashSet<>();
        this.messages.forEach(m -> names.addAll(m.template().placeholders()));
        this.placeholders = Collections.unmodifiableSet(names);
    }

    /**
     * Reads a prompt back from its {@link #text()}: a chat prompt's JSON form, else (plain text, as
     * every store before chat prompts holds) a single user template.
     */
    public static PromptTemplate parse(String text) {
        Objects.requireNonNull(text, "text");
        return ChatForm.isChatForm(text) ? ChatForm.read(text) : of(text);
    }

    /** A builder for a chat prompt: system message, example turns, user template, which are optimized. */
    public static Builder builder() {
        return new Builder();
    }

    /** Parses {@code text}; an unmatched or malformed brace is a ConfigurationException naming line and column. */
    public static PromptTemplate of(String text) {
        return of(text, null);
    }

    /**
     * Parses {@code text} read from {@code origin} (a file name, or {@code null}); errors then read
     * {@code origin:line:column: what is wrong}.
     */
    public static PromptTemplate of(String text, String origin) {
        Objects.requireNonNull(text, "text");
        return new Parser(text, origin).parse();
    }

    /** Doubles every brace of {@code literal}, so that it renders as itself when embedded in a template. */
    public static String escape(String literal) {
        return literal.replace("{", "{{").replace("}", "}}");
    }

    /**
     * The prompt's text: for a single template, the template itself; for a chat prompt, its JSON form
     * covering every message, which message is optimized and the history field (two chat prompts are
     * equal when their texts are).
     */
    public String text() {
        return text;
    }

    /** Whether this is a chat prompt (more than one user template, or a history field). */
    public boolean isChat() {
        return messages != null;
    }

    /**
     * The messages in order; a single template is one optimized {@link MessageRole#USER} message named
     * {@code user}.
     */
    public List<Message> messages() {
        return messages != null ? messages : List.of(new Message(MessageRole.USER, Message.USER, this, true));
    }

    /** The messages the optimizer rewrites, in order. */
    public List<Message> optimized() {
        return messages().stream().filter(Message::optimized).toList();
    }

    /** The message called {@code name} (see {@link Message#name()}), if any. */
    public java.util.Optional<Message> message(String name) {
        return messages().stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** The data field holding prior turns sent before the templated messages, or {@code null} for none. */
    public String history() {
        return history;
    }

    /**
     * What the optimizer models (gradient, summarizer, editor) are shown as the prompt: a single
     * template's text; for a chat prompt, a JSON object from each message's name to its text.
     */
    public String optimizerView() {
        return messages == null ? text : ChatForm.view(messages);
    }

    /**
     * This chat prompt with the optimized messages named in {@code texts} replaced; every other
     * message is kept byte for byte whatever {@code texts} holds for it. A single template takes
     * {@code user}.
     */
    public PromptTemplate withOptimized(Map<String, PromptTemplate> texts) {
        if (messages == null) {
            PromptTemplate user = texts.get(Message.USER);
            return user == null ? this : user;
        }
        List<Message> out = new ArrayList<>(messages.size());
        for (Message m : messages) {
            PromptTemplate replacement = m.optimized() ? texts.get(m.name()) : null;
            out.add(replacement == null ? m : new Message(m.role(), m.name(), replacement, true));
        }
        return new PromptTemplate(out, history);
    }

    /**
     * The conversation sent for {@code example}: the rendered system message, the example turns and
     * the row's prior turns ({@link #history()}), then the rendered user message. A single template
     * without history is just its rendered text.
     */
    public Conversation conversation(Example example) {
        Objects.requireNonNull(example, "example");
        if (messages == null) {
            return new Conversation(null, List.of(), render(example));
        }
        return ChatForm.conversation(messages, history, example);
    }

    /** Placeholder names in order of first appearance. */
    public Set<String> placeholders() {
        return placeholders;
    }

    /** Fills every placeholder; a missing value is a ConfigurationException naming the placeholder. */
    public String render(Map<String, String> values) {
        Objects.requireNonNull(values, "values");
        return render(values, "");
    }

    /**
     * Fills every placeholder from the example's fields; a chat prompt gives its conversation as one
     * text ({@link Conversation#transcript()}).
     */
    public String render(Example example) {
        Objects.requireNonNull(example, "example");
        if (messages != null) {
            return conversation(example).transcript();
        }
        return render(example.fields(), "example " + example.id() + ": ");
    }

    String render(Map<String, String> values, String where) {
        if (messages != null) {
            StringBuilder out = new StringBuilder();
            for (Message m : messages) {
                out.append(out.length() == 0 ? "" : "\n\n").append(m.role().label()).append(": ")
                        .append(m.template().render(values, where));
            }
            return out.toString();
        }
        String[] filled = new String[segments.length];
        int length = literalLength;
        for (int i = 0; i < segments.length; i++) {
            if (isPlaceholder[i]) {
                String value = values.get(segments[i]);
                if (value == null) {
                    throw missing(segments[i], values, where);
                }
                filled[i] = value;
                length += value.length();
            }
        }
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < segments.length; i++) {
            out.append(isPlaceholder[i] ? filled[i] : segments[i]);
        }
        return out.toString();
    }

    private static ConfigurationException missing(String name, Map<String, String> values, String where) {
        String available = values.isEmpty() ? "none" : String.join(", ", values.keySet());
        return new ConfigurationException(where + "no value for placeholder {" + name
                + "}; available fields: " + available);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PromptTemplate && ((PromptTemplate) other).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    /** Who a message of a chat prompt speaks as. */
    public enum MessageRole {
        SYSTEM("System"), USER("User"), ASSISTANT("Assistant");

        private final String label;

        MessageRole(String label) {
            this.label = label;
        }

        /** How a transcript names the speaker ({@code System}, {@code User}, {@code Assistant}). */
        public String label() {
            return label;
        }

        /** The lower-case name used in task files and JSON: {@code system}, {@code user}, {@code assistant}. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One message of a chat prompt.
     *
     * @param role      who speaks
     * @param name      how files, JSON and the editor name it: {@code system}, {@code user} (the user
     *                  template, always the last message), {@code example_N_user} and
     *                  {@code example_N_assistant} for the N-th example turn
     * @param template  the message's text, with placeholders
     * @param optimized whether the optimizer rewrites it (the others stay byte for byte)
     */
    public record Message(MessageRole role, String name, PromptTemplate template, boolean optimized) {
        public static final String SYSTEM = "system";
        public static final String USER = "user";

        public Message {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(template, "template");
            if (template.isChat()) {
                throw new IllegalArgumentException("a message's template is a single template");
            }
        }
    }

    /**
     * A filled-in chat prompt as sent: the system message or {@code null}, the turns before the user
     * message (example turns, then the row's history), and the user message.
     */
    public record Conversation(String system, List<Turn> turns, String user) {
        public Conversation {
            turns = List.copyOf(turns);
            Objects.requireNonNull(user, "user");
        }

        /**
         * The conversation as one text for the judge, gradient and summarizer models: just the user
         * message when there is nothing before it, else every message on its own paragraph, led by its
         * speaker ({@code System: …}, {@code User: …}, {@code Assistant: …}).
         */
        public String transcript() {
            if (system == null && turns.isEmpty()) {
                return user;
            }
            StringBuilder out = new StringBuilder();
            if (system != null) {
                out.append(MessageRole.SYSTEM.label()).append(": ").append(system).append("\n\n");
            }
            for (Turn t : turns) {
                out.append(t).append("\n\n");
            }
            return out.append(MessageRole.USER.label()).append(": ").append(user).toString();
        }
    }

    /** One prior turn of a conversation: a user or assistant message. */
    public record Turn(MessageRole role, String text) {
        public Turn {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(text, "text");
            if (role == MessageRole.SYSTEM) {
                throw new IllegalArgumentException("a prior turn is a user or assistant message");
            }
        }

        /**
         * The turns of a conversation field's value (a JSON list of {@code {role: user|assistant,
         * content}}), or empty when the value is no such list.
         */
        public static java.util.Optional<List<Turn>> listIn(String value) {
            if (value == null || !value.stripLeading().startsWith("[")) {
                return java.util.Optional.empty();
            }
            try {
                List<Turn> turns = ChatForm.history(new Example("-", Map.of("v", value)), "v", "");
                return turns.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(turns);
            } catch (ConfigurationException e) {
                return java.util.Optional.empty();
            }
        }

        /** {@code User: …} or {@code Assistant: …}. */
        @Override
        public String toString() {
            return role.label() + ": " + text;
        }
    }

    /**
     * Builds a chat prompt. Messages come in order: at most one {@link #system}, then any
     * {@link #example} turns, then exactly one {@link #user} template. Unless {@link #optimize} says
     * otherwise, the system message is optimized when there is one, else the user template. A prompt
     * with only a user template, optimized, and no history is the same value as {@link #of(String)}.
     */
    public static final class Builder {
        private String system;
        private final List<String[]> examples = new ArrayList<>();
        private String user;
        private String history;
        private List<String> optimize;

        private Builder() {
        }

        /** The system message (a template; placeholders allowed). */
        public Builder system(String system) {
            this.system = Objects.requireNonNull(system, "system");
            return this;
        }

        /** One example turn: a user message and the assistant's answer, sent before the user template. */
        public Builder example(String user, String assistant) {
            examples.add(new String[] {Objects.requireNonNull(user, "user"), Objects.requireNonNull(assistant, "assistant")});
            return this;
        }

        /** The user template, the last message. */
        public Builder user(String user) {
            this.user = Objects.requireNonNull(user, "user");
            return this;
        }

        /** The data field holding each row's prior turns, a list of {@code {role, content}}. */
        public Builder history(String field) {
            this.history = field;
            return this;
        }

        /** The names of the messages to optimize ({@link Message#name()}); the others stay as written. */
        public Builder optimize(String... names) {
            this.optimize = List.of(names);
            return this;
        }

        /** The prompt; a missing user template, an unknown or empty set of optimized names is a ConfigurationException. */
        public PromptTemplate build() {
            if (user == null) {
                throw new ConfigurationException("a chat prompt needs a user message (the template filled in from each row)");
            }
            List<String[]> plan = new ArrayList<>(); // {role, name, text}
            if (system != null) {
                plan.add(new String[] {"system", Message.SYSTEM, system});
            }
            for (int i = 0; i < examples.size(); i++) {
                plan.add(new String[] {"user", "example_" + (i + 1) + "_user", examples.get(i)[0]});
                plan.add(new String[] {"assistant", "example_" + (i + 1) + "_assistant", examples.get(i)[1]});
            }
            plan.add(new String[] {"user", Message.USER, user});
            List<String> names = plan.stream().map(p -> p[1]).toList();
            List<String> chosen = optimize != null ? optimize : List.of(system != null ? Message.SYSTEM : Message.USER);
            if (chosen.isEmpty()) {
                throw new ConfigurationException("optimize: name at least one message (" + String.join(", ", names) + ")");
            }
            for (String name : chosen) {
                if (!names.contains(name)) {
                    throw new ConfigurationException("optimize: no message named \"" + name + "\"; the messages are "
                            + String.join(", ", names));
                }
            }
            if (plan.size() == 1 && history == null) {
                return of(user, Message.USER + " message");
            }
            List<Message> messages = new ArrayList<>();
            for (String[] p : plan) {
                MessageRole role = MessageRole.valueOf(p[0].toUpperCase(java.util.Locale.ROOT));
                messages.add(new Message(role, p[1], of(p[2], p[1] + " message"), chosen.contains(p[1])));
            }
            return new PromptTemplate(messages, history);
        }
    }

    /** Rebuilds a chat prompt from its parts ({@link ChatForm#read}). */
    static PromptTemplate chat(List<Message> messages, String history) {
        return new PromptTemplate(messages, history);
    }

    /** One pass over the text, splitting it into segments and rejecting stray braces. */
    private static final class Parser {
        private final String text;
        private final String origin;
        private final List<String> segments = new ArrayList<>();
        private final List<Boolean> kinds = new ArrayList<>();
        private final StringBuilder literal = new StringBuilder();

        Parser(String text, String origin) {
            this.text = text;
            this.origin = origin;
        }

        PromptTemplate parse() {
            int i = 0;
            int n = text.length();
            while (i < n) {
                char c = text.charAt(i);
                if (c == '{') {
                    if (i + 1 < n && text.charAt(i + 1) == '{') {
                        literal.append('{');
                        i += 2;
                    } else {
                        i = placeholder(i);
                    }
                } else if (c == '}') {
                    if (i + 1 < n && text.charAt(i + 1) == '}') {
                        literal.append('}');
                        i += 2;
                    } else {
                        throw error(i, "stray '}' with no matching '{'; write }} for a literal '}'");
                    }
                } else {
                    literal.append(c);
                    i++;
                }
            }
            flushLiteral();
            return new PromptTemplate(text, segments, kinds);
        }

        /** Reads {@code {name}} starting at {@code open}; returns the index after the closing brace. */
        private int placeholder(int open) {
            int end = open + 1;
            while (end < text.length() && isNameChar(text.charAt(end))) {
                end++;
            }
            if (end < text.length() && text.charAt(end) == '}' && end > open + 1) {
                flushLiteral();
                segments.add(text.substring(open + 1, end));
                kinds.add(Boolean.TRUE);
                return end + 1;
            }
            int close = text.indexOf('}', open + 1);
            int nextOpen = text.indexOf('{', open + 1);
            if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
                throw error(open, "unmatched '{'; write {{ for a literal '{'");
            }
            String inside = text.substring(open + 1, close);
            String what = inside.isEmpty() ? "empty placeholder {}"
                    : "invalid placeholder name " + quote(inside);
            throw error(open, what + " (names use letters, digits and _); write {{ and }} for literal braces");
        }

        private void flushLiteral() {
            if (literal.length() > 0) {
                segments.add(literal.toString());
                kinds.add(Boolean.FALSE);
                literal.setLength(0);
            }
        }

        private ConfigurationException error(int index, String what) {
            int line = 1;
            int lineStart = 0;
            for (int k = 0; k < index; k++) {
                if (text.charAt(k) == '\n') {
                    line++;
                    lineStart = k + 1;
                }
            }
            int column = text.codePointCount(lineStart, index) + 1;
            String where = origin == null
                    ? "prompt template, line " + line + ", column " + column + ": "
                    : origin + ":" + line + ":" + column + ": ";
            return new ConfigurationException(where + what);
        }

        private static String quote(String inside) {
            String shown = inside.length() > 40 ? inside.substring(0, 40) + "…" : inside;
            return "'" + shown.replace("\n", "\\n").replace("\r", "\\r") + "'";
        }

        private static boolean isNameChar(char c) {
            return c == '_' || Character.isLetterOrDigit(c);
        }
    }
}
