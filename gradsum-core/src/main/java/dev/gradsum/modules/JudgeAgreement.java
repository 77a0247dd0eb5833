package dev.gradsum.modules;

import dev.gradsum.data.Example;
import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.internal.Samples;
import dev.gradsum.metric.Metric;
import dev.gradsum.metric.Score;
import dev.gradsum.task.Criteria;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * How well an LLM judge agrees with a trusted reference on the same answers (what {@code gradsum
 * judge-check} reports before money goes into optimizing against that judge): the 2×2 confusion table
 * of pass/fail verdicts, accuracy (share of rows where both agree) and Cohen's kappa, the agreement
 * beyond what the two verdicts' pass rates would give by chance:
 * {@code kappa = (po - pe) / (1 - pe)}, {@code po} the observed agreement, {@code pe = pJ·pR +
 * (1-pJ)·(1-pR)} with {@code pJ}, {@code pR} the judge's and the reference's pass rates. Kappa is
 * undefined ({@code NaN}) when both give one verdict only ({@code pe = 1}). Rows either side could not
 * rate are counted apart and left out.
 *
 * @param bothPass       judge pass, reference pass
 * @param judgeOnlyPass  judge pass, reference fail (the judge is too lenient)
 * @param referenceOnlyPass judge fail, reference pass (the judge is too strict)
 * @param bothFail       judge fail, reference fail
 * @param unrated        rows left out: the judge or the reference could not rate them
 */
public record JudgeAgreement(int bothPass, int judgeOnlyPass, int referenceOnlyPass, int bothFail, int unrated) {
    /** The default {@code --min-kappa}: "substantial" agreement on the Landis and Koch scale starts at 0.6. */
    public static final double DEFAULT_MIN_KAPPA = 0.6;

    /** The agreement of {@code judged} with {@code reference}, row by row ({@code null}: could not rate). */
    public static JudgeAgreement of(List<Boolean> judged, List<Boolean> reference) {
        if (judged.size() != reference.size()) {
            throw new IllegalArgumentException("one reference verdict per judged row: " + judged.size() + " vs " + reference.size());
        }
        int a = 0, b = 0, c = 0, d = 0, unrated = 0;
        for (int i = 0; i < judged.size(); i++) {
            Boolean j = judged.get(i);
            Boolean r = reference.get(i);
            if (j == null || r == null) {
                unrated++;
            } else if (j && r) {
                a++;
            } else if (j) {
                b++;
            } else if (r) {
                c++;
            } else {
                d++;
            }
        }
        return new JudgeAgreement(a, b, c, d, unrated);
    }

    /** Rows both rated. */
    public int rated() {
        return bothPass + judgeOnlyPass + referenceOnlyPass + bothFail;
    }

    /** Share of rated rows where the judge and the reference agree; {@code NaN} with none. */
    public double accuracy() {
        return rated() == 0 ? Double.NaN : (bothPass + bothFail) / (double) rated();
    }

    /** Cohen's kappa; {@code NaN} with no rated row or when both sides give a single verdict only. */
    public double kappa() {
        double n = rated();
        if (n == 0) {
            return Double.NaN;
        }
        double po = (bothPass + bothFail) / n;
        double judgePass = (bothPass + judgeOnlyPass) / n;
        double referencePass = (bothPass + referenceOnlyPass) / n;
        double pe = judgePass * referencePass + (1 - judgePass) * (1 - referencePass);
        return pe >= 1 ? Double.NaN : (po - pe) / (1 - pe);
    }

    /** Whether the agreement is good enough to optimize against: kappa defined and at least {@code minKappa}. */
    public boolean atLeast(double minKappa) {
        return !Double.isNaN(kappa()) && kappa() >= minKappa - 1e-12;
    }

    /** The judge's verdict on one row: pass or fail, {@code null} when it could not rate it. */
    public static Boolean verdict(Evaluation e) {
        return e.score().error() || e.generation().failed() ? null : e.score().passed();
    }

    /** A programmatic metric's verdict on the answer the judge rated ({@code null} when it cannot rate it). */
    public static Boolean verdict(Metric metric, Evaluation e) {
        if (e.generation().failed()) {
            return null;
        }
        Score s = metric.score(e.generation().example(), e.generation().output());
        return s.error() ? null : s.passed();
    }

    /**
     * A human verdict written in a data field: {@code pass}/{@code fail}, {@code yes}/{@code no},
     * {@code true}/{@code false}, or a number on the judge's scale (binary: 1 passes, 0 fails; 1..N:
     * normalised to [0, 1] and passing at the criteria's threshold, as the judge's own scores).
     *
     * @throws ConfigurationException for a value that is none of these (naming the row and field)
     */
    public static Boolean humanVerdict(Example row, String field, Criteria criteria) {
        String raw = row.get(field);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String v = raw.strip().toLowerCase(Locale.ROOT);
        switch (v) {
            case "pass", "passed", "yes", "true", "correct" -> {
                return true;
            }
            case "fail", "failed", "no", "false", "incorrect" -> {
                return false;
            }
            default -> {
                double x;
                try {
                    x = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw new ConfigurationException("row " + row.id() + ": field '" + field + "' holds '" + raw
                            + "'; a human score must be pass/fail, yes/no, true/false or a number on the judge's scale");
                }
                double normalised = criteria.binary() ? x : (x - 1) / (criteria.scaleMax() - 1);
                return normalised >= criteria.passThreshold();
            }
        }
    }

    /** A seeded sample of {@code n} rows (all of them, in a seeded order, when there are fewer). */
    public static List<Example> sample(List<Example> rows, int n, long seed) {
        return Samples.withoutReplacement(rows, n, new Random(seed));
    }
}
