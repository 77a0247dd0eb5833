package dev.gradsum.cli;

/** The exit codes of {@code gradsum}, as documented in the README. */
public final class ExitCode {
    /** Done. */
    public static final int OK = 0;
    /**
     * A model or provider failed at run time and the run stopped: unreachable server, refused key, unknown
     * model, or calls failing systematically (identical refusals in a row, or the error rate over its limit).
     */
    public static final int RUN_FAILED = 1;
    /** A user mistake: bad flag, task file, data file. Nothing was called. */
    public static final int USAGE = 2;
    /**
     * The run stopped on its budget: {@code optimize} wrote its outputs with the best prompt found so far;
     * {@code eval} gives no score.
     */
    public static final int BUDGET = 3;

    /**
     * {@code eval}'s quality gate failed: the score is below {@code --min-score}, or the prompt is worse than
     * {@code --baseline} beyond {@code --margin} at {@code --confidence}.
     */
    public static final int GATE_FAILED = 4;

    private ExitCode() {
    }
}
