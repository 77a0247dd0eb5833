package dev.gradsum.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class CausesTest {
    @Test
    void the_chain_is_the_throwable_and_its_causes_outermost_first() {
        IOException root = new IOException("root");
        IllegalStateException middle = new IllegalStateException(root);
        RuntimeException top = new RuntimeException(middle);
        assertThat(Causes.chain(top)).containsExactly(top, middle, root);
        assertThat(Causes.chain(null)).isEmpty();
    }

    @Test
    void a_chain_with_a_cycle_ends_and_lists_each_throwable_once() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(Causes.chain(a)).containsExactly(a, b);
        assertThat(Causes.find(a, IOException.class)).isEmpty();
    }

    @Test
    void find_returns_the_outermost_of_the_type_anywhere_in_the_chain() {
        IllegalArgumentException inner = new IllegalArgumentException("inner");
        IllegalArgumentException outer = new IllegalArgumentException("outer", new RuntimeException(inner));
        RuntimeException top = new RuntimeException(outer);
        assertThat(Causes.find(top, IllegalArgumentException.class)).containsSame(outer);
        assertThat(Causes.find(top, RuntimeException.class)).containsSame(top);
        assertThat(Causes.find(top, IOException.class)).isEmpty();
        assertThat(Causes.has(top, IllegalArgumentException.class)).isTrue();
        assertThat(Causes.has(top, IOException.class)).isFalse();
    }

    @Test
    void a_suppressed_throwable_counts_only_where_asked_for() {
        RuntimeException cause = new RuntimeException("cause");
        cause.addSuppressed(new IOException("also failed"));
        RuntimeException top = new RuntimeException(cause);
        assertThat(Causes.has(top, IOException.class)).isFalse();
        assertThat(Causes.suppresses(top, IOException.class)).isFalse();
        assertThat(Causes.suppresses(cause, IOException.class)).isTrue();
        assertThat(Causes.hasOrSuppresses(top, IOException.class)).isTrue();
        assertThat(Causes.hasOrSuppresses(top, IllegalStateException.class)).isFalse();
    }

    @Test
    void unwrap_skips_the_named_wrappers_and_stops_at_the_first_other() {
        IllegalStateException real = new IllegalStateException("real");
        Throwable wrapped = new ExecutionException(new CompletionException(real));
        assertThat(Causes.unwrap(wrapped, ExecutionException.class, CompletionException.class)).isSameAs(real);
        assertThat(Causes.unwrap(real, ExecutionException.class)).isSameAs(real);
        ExecutionException empty = new ExecutionException("no cause", null);
        assertThat(Causes.unwrap(empty, ExecutionException.class)).isSameAs(empty);
    }

    @Test
    void unchecked_keeps_runtime_exceptions_throws_errors_and_wraps_checked_ones() {
        IllegalStateException runtime = new IllegalStateException("r");
        assertThat(Causes.unchecked(runtime)).isSameAs(runtime);
        IOException checked = new IOException("c");
        assertThat(Causes.unchecked(checked)).isExactlyInstanceOf(IllegalStateException.class).hasCause(checked);
        AssertionError error = new AssertionError("e");
        assertThatThrownBy(() -> Causes.unchecked(error)).isSameAs(error);
    }
}
