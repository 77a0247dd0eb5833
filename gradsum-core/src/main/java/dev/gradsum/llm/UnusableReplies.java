package dev.gradsum.llm;

import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Counts the replies of a run that were no answer ({@link UnusableReplyException}) and says, one line
 * per role and kind, what to change, e.g. {@code 12 editor answers cut at max tokens 40: raise the
 * editor model's max tokens}. Register it as a call listener; thread-safe.
 */
public final class UnusableReplies implements CallListener {
    /** One line's facts: how many replies of {@code role} were unusable for {@code kind}. */
    public record Tally(Role role, UnusableReplyException.Kind kind, Integer maxTokens, int count) {
        public Tally {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(kind, "kind");
        }

        /** The line for the user, in the library's words. */
        public String line() {
            String answers = count + " " + role.key() + (count == 1 ? " answer" : " answers");
            String model = "the " + role.key() + " model's max tokens";
            return switch (kind) {
                case TRUNCATED -> answers + " cut at " + (maxTokens == null ? "the provider's default max tokens" : "max tokens " + maxTokens)
                        + ": raise " + model;
                case EMPTY -> answers + " empty (a reasoning model may spend its whole budget thinking): raise " + model
                        + " or lower its reasoning effort";
                case REFUSED -> answers + " refused by the model or a content filter: "
                        + (role == Role.TARGET ? "they count as failed answers (score 0)" : "those calls failed");
            };
        }
    }

    private record Key(Role role, UnusableReplyException.Kind kind, Integer maxTokens) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = role.compareTo(o.role);
            if (c == 0) {
                c = kind.compareTo(o.kind);
            }
            return c != 0 ? c : Integer.compare(maxTokens == null ? -1 : maxTokens, o.maxTokens == null ? -1 : o.maxTokens);
        }
    }

    private final Map<Key, Integer> counts = new TreeMap<>();

    /** Answers are not its business. */
    @Override
    public void onCall(Role role, LlmReply reply, Usage total) {
    }

    @Override
    public synchronized void onUnusableReply(UnusableReplyException failure) {
        counts.merge(new Key(failure.role(), failure.kind(), failure.maxTokens()), 1, Integer::sum);
    }

    /** Every tally so far, by role then kind. */
    public synchronized List<Tally> tallies() {
        List<Tally> out = new ArrayList<>();
        counts.forEach((k, n) -> out.add(new Tally(k.role(), k.kind(), k.maxTokens(), n)));
        return out;
    }

    /** {@link Tally#line()} of every tally. */
    public List<String> lines() {
        return tallies().stream().map(Tally::line).toList();
    }
}
