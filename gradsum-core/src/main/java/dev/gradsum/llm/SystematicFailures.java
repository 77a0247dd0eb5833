package dev.gradsum.llm;

import dev.gradsum.internal.Causes;
import dev.gradsum.model.Role;
import dev.langchain4j.exception.HttpException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one owner of when calls that fail one by one (not {@link Failure#fatal}) add up to a failure of
 * the whole stage, so the run stops instead of finishing with nothing rated. Per role, over the calls
 * that reached the server (cache hits do not count), two rules:
 * <ul>
 *   <li><b>Identical failures</b>: {@value #IDENTICAL_FAILURES} calls in a row that failed without a
 *       retry (not retriable, such as HTTP 400 to every call) with the same HTTP status and the same
 *       text (digits aside, which differ per request id).</li>
 *   <li><b>Error rate</b>: once the role has {@value #ERROR_RATE_MIN_CALLS} finished calls, more than
 *       the {@code maxErrorRate} of its last {@value #ERROR_RATE_WINDOW} failed for good (after their
 *       retries).</li>
 * </ul>
 * With {@code n} calls in flight at once, at most {@code n - 1} more calls than the rule needs are
 * wasted: they were sent before the rule fired. Thread-safe.
 */
final class SystematicFailures {
    /** Identical non-retriable failures in a row that stop the run. */
    static final int IDENTICAL_FAILURES = 3;
    /** How many of a role's latest calls the error rate is taken over. */
    static final int ERROR_RATE_WINDOW = 20;
    /** The error rate is judged once a role has finished this many calls. */
    static final int ERROR_RATE_MIN_CALLS = 5;

    private final double maxErrorRate;
    private final Map<Role, RoleRecord> roles = new EnumMap<>(Role.class);
    private boolean stopped;

    SystematicFailures(double maxErrorRate) {
        this.maxErrorRate = maxErrorRate;
    }

    /** A call of {@code role} was answered. */
    synchronized void succeeded(Role role) {
        record(role).add(false, null);
    }

    /**
     * A call of {@code role} failed for good with {@code failure} (its one line, cause attached).
     *
     * @return the failure that stops the run, when this one makes the failures systematic; only once
     */
    synchronized Optional<LlmException> failed(Role role, LlmException failure, boolean retriable) {
        RoleRecord r = record(role);
        r.add(true, retriable ? null : signature(failure.getCause() != null ? failure.getCause() : failure));
        Optional<LlmException> stop = stop(role, r, failure);
        if (stop.isPresent()) {
            if (stopped) {
                return Optional.empty(); // the stop was given already, by an earlier failure
            }
            stopped = true;
        }
        return stop;
    }

    private Optional<LlmException> stop(Role role, RoleRecord r, LlmException failure) {
        if (r.identical >= IDENTICAL_FAILURES) {
            return Optional.of(new LlmException(failure.setting().orElse(null), failure.getMessage()
                    + "; the last " + r.identical + " calls failed the same way, so the run stops", failure.getCause()));
        }
        if (r.finished >= ERROR_RATE_MIN_CALLS && r.failedShare() > maxErrorRate) {
            String line = r.failures() + " of the last " + r.window.size() + " " + role.key()
                    + " calls failed, more than the error rate limit of " + Math.round(maxErrorRate * 100)
                    + " %, so the run stops; the last: " + failure.getMessage();
            // a timeout's own setting is the one to change; otherwise the limit's
            return Optional.of(new LlmException(failure.setting().orElse(CallPath.MAX_ERROR_RATE_SETTING), line,
                    failure.getCause()));
        }
        return Optional.empty();
    }

    private RoleRecord record(Role role) {
        return roles.computeIfAbsent(role, k -> new RoleRecord());
    }

    /** Status and text of a failure, digits aside; two failures with one signature are "the same". */
    private static String signature(Throwable cause) {
        Optional<HttpException> http = Causes.find(cause, HttpException.class);
        String text = http.map(Throwable::getMessage).orElseGet(() -> FailureText.describe(cause));
        String status = http.map(h -> String.valueOf(h.statusCode())).orElse(cause.getClass().getName());
        return status + " " + String.valueOf(text).replaceAll("\\d+", "#");
    }

    private static final class RoleRecord {
        final Deque<Boolean> window = new ArrayDeque<>();
        int finished;
        int identical;
        String lastSignature;

        /** @param signature of a non-retriable failure, else {@code null} (an answer, or a failure after retries) */
        void add(boolean failed, String signature) {
            finished++;
            window.addLast(failed);
            if (window.size() > ERROR_RATE_WINDOW) {
                window.removeFirst();
            }
            if (signature == null) {
                identical = 0;
                lastSignature = null;
            } else {
                identical = signature.equals(lastSignature) ? identical + 1 : 1;
                lastSignature = signature;
            }
        }

        long failures() {
            return window.stream().filter(f -> f).count();
        }

        double failedShare() {
            return (double) failures() / window.size();
        }
    }
}
