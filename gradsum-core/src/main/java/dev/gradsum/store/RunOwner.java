package dev.gradsum.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The process working on a run, written as {@code host:pid:start-millis}. A run marked {@code running}
 * whose owner is gone was interrupted (killed, crashed); the process start time guards against a reused
 * pid. For an owner on another host, only a stale heartbeat tells.
 */
record RunOwner(String host, long pid, long startMillis) {
    /** A run on another host whose last heartbeat is older than this is taken for dead. */
    static final Duration FOREIGN_STALE_AFTER = Duration.ofHours(1);

    static RunOwner current() {
        ProcessHandle me = ProcessHandle.current();
        return new RunOwner(hostName(), me.pid(), startMillis(me));
    }

    static Optional<RunOwner> parse(String text) {
        if (text == null) return Optional.empty();
        int b = text.lastIndexOf(':');
        int a = b < 0 ? -1 : text.lastIndexOf(':', b - 1);
        if (a < 0) return Optional.empty();
        try {
            return Optional.of(new RunOwner(text.substring(0, a), Long.parseLong(text.substring(a + 1, b)),
                    Long.parseLong(text.substring(b + 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    String text() {
        return host + ":" + pid + ":" + startMillis;
    }

    /** Whether this owner may still be working, judged from here at {@code now} with its last heartbeat. */
    boolean mayBeAlive(Instant lastHeartbeat, Instant now) {
        if (!host.equals(hostName())) {
            return lastHeartbeat.plus(FOREIGN_STALE_AFTER).isAfter(now);
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(p -> startMillis == 0 || startMillis(p) == 0 || startMillis(p) == startMillis)
                .orElse(false);
    }

    private static long startMillis(ProcessHandle p) {
        return p.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    private static final String HOST = lookUpHostName();

    private static String hostName() {
        return HOST;
    }

    private static String lookUpHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
