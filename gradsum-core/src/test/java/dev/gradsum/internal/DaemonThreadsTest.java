package dev.gradsum.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DaemonThreadsTest {
    @Test
    void threads_are_daemons_named_by_the_prefix_and_a_running_number() {
        DaemonThreads factory = new DaemonThreads("gradsum-test-");
        Thread first = factory.newThread(() -> { });
        Thread second = factory.newThread(() -> { });
        assertThat(first.isDaemon()).isTrue();
        assertThat(second.isDaemon()).isTrue();
        assertThat(first.getName()).isEqualTo("gradsum-test-1");
        assertThat(second.getName()).isEqualTo("gradsum-test-2");
        assertThat(new DaemonThreads("other-").newThread(() -> { }).getName()).isEqualTo("other-1");
    }
}
