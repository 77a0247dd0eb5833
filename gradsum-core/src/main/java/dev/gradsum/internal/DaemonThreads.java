package dev.gradsum.internal;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The thread factory of every pool gradsum opens: daemon threads (a pool left running never keeps the
 * JVM alive) named {@code prefix} and a running number, e.g. {@code gradsum-search-3}, so a thread
 * dump or a leak test can tell whose threads they are.
 */
public final class DaemonThreads implements ThreadFactory {
    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    /** @param prefix the start of every thread's name; the number follows it directly ({@code "gradsum-llm-"}) */
    public DaemonThreads(String prefix) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    @Override
    public Thread newThread(Runnable work) {
        Thread thread = new Thread(work, prefix + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
