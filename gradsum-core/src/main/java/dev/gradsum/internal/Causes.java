package dev.gradsum.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Walks an exception's causes: the one place that follows a cause chain past its first link. Every walk
 * visits each throwable once, so a cause chain with a cycle ends.
 */
public final class Causes {
    private Causes() {
    }

    /** {@code error} and its causes, outermost first, each once; empty for {@code null}. */
    public static List<Throwable> chain(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /** The outermost throwable of {@code type} in {@code error}'s chain (itself included). */
    public static <T extends Throwable> Optional<T> find(Throwable error, Class<T> type) {
        for (Throwable t : chain(error)) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    /** Whether a throwable of {@code type} is in {@code error}'s chain. */
    public static boolean has(Throwable error, Class<? extends Throwable> type) {
        return find(error, type).isPresent();
    }

    /** Whether {@code error} itself (not its causes) carries a suppressed throwable of {@code type}. */
    public static boolean suppresses(Throwable error, Class<? extends Throwable> type) {
        for (Throwable s : error.getSuppressed()) {
            if (type.isInstance(s)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a throwable of {@code type} is in {@code error}'s chain or suppressed by one of its
     * members (a failure that {@link Fanout#waitForAll waited for all} pieces keeps the others there).
     */
    public static boolean hasOrSuppresses(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t : chain(error)) {
            if (type.isInstance(t) || suppresses(t, type)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first throwable in {@code error}'s chain that is none of {@code wrappers} (such as
     * {@code ExecutionException}); the innermost one when all are.
     */
    @SafeVarargs
    public static Throwable unwrap(Throwable error, Class<? extends Throwable>... wrappers) {
        List<Throwable> chain = chain(error);
        for (Throwable t : chain) {
            if (!isAny(t, wrappers)) {
                return t;
            }
        }
        return chain.get(chain.size() - 1);
    }

    /**
     * {@code failure} as an unchecked exception to rethrow: itself when it is a
     * {@link RuntimeException}; an {@link Error} is thrown at once; anything else (a checked
     * exception) wrapped in an {@link IllegalStateException}.
     */
    public static RuntimeException unchecked(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(failure);
    }

    private static boolean isAny(Throwable t, Class<? extends Throwable>[] types) {
        for (Class<? extends Throwable> type : types) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
