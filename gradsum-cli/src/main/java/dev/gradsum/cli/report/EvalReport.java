package dev.gradsum.cli.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradsum.modules.Evaluation;
import java.util.List;
import java.util.Locale;

/**
 * What {@code gradsum eval} measured, written as JSON, JUnit XML or Markdown ({@code --format},
 * docs/cli.md): the score, every row (passed, failed with the judge's reason, or not rated), and the
 * comparison with a baseline prompt when one was given.
 *
 * @param split    the split scored
 * @param prompt   where the prompt came from
 * @param score    the mean over rated rows, or {@code null} when none was rated
 * @param rows     every row's answer and rating
 * @param baseline the comparison with {@code --baseline}, or {@code null}
 * @param seconds  the eval's wall time (answering and rating every row, the baseline's too)
 */
public record EvalReport(String split, String prompt, Double score, List<Evaluation> rows, Comparison baseline,
                         double seconds) {
    public EvalReport {
        rows = List.copyOf(rows);
    }

    /**
     * The paired difference (new − baseline) over the rows both rated.
     *
     * @param prompt     where the baseline prompt came from
     * @param score      the baseline's score over the rows both rated
     * @param difference mean of new − baseline
     * @param low        the interval's low end
     * @param high       the interval's high end
     * @param confidence the interval's confidence (0.95)
     * @param margin     how much worse the new prompt may be
     * @param rows       rows both rated
     * @param worse      whether the new prompt is worse beyond the margin at that confidence ({@code high < -margin})
     */
    public record Comparison(String prompt, double score, double difference, double low, double high,
                             double confidence, double margin, int rows, boolean worse) {
    }

    /** The rows that passed. */
    public long passed() {
        return rows.stream().filter(r -> !r.score().error() && r.score().passed()).count();
    }

    /** Rows that could not be rated. */
    public long errors() {
        return rows.stream().filter(r -> r.score().error()).count();
    }

    public String json() {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("split", split);
        root.put("prompt", prompt);
        root.put("score", score);
        root.put("rows", rows.size());
        root.put("passed", passed());
        root.put("errors", errors());
        ArrayNode results = root.putArray("results");
        for (Evaluation r : rows) {
            ObjectNode n = results.addObject();
            n.put("id", r.generation().example().id());
            n.put("status", status(r));
            n.put("score", r.score().error() ? null : r.score().value());
            n.put("output", r.generation().output());
            n.put("reason", reason(r));
        }
        if (baseline != null) {
            ObjectNode b = root.putObject("baseline");
            b.put("prompt", baseline.prompt());
            b.put("score", baseline.score());
            b.put("difference", baseline.difference());
            b.put("low", baseline.low());
            b.put("high", baseline.high());
            b.put("confidence", baseline.confidence());
            b.put("margin", baseline.margin());
            b.put("rows", baseline.rows());
            b.put("worse", baseline.worse());
        }
        try {
            return json.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the eval report", e);
        }
    }

    /**
     * JUnit XML as Jenkins, GitLab and GitHub reporters read it: one {@code <testsuite>} with
     * {@code name}, {@code tests}, {@code failures}, {@code errors} and {@code time} (the eval's wall time,
     * in seconds); one {@code <testcase>} per row with {@code classname}, {@code name} and {@code time}
     * ({@code 0}: rows are answered concurrently and not timed one by one); a failed row carries
     * {@code <failure message type="failed">} with the judge's reason, a row that could not be rated
     * {@code <error message type="error">}.
     */
    public String junit() {
        long failures = rows.size() - passed() - errors();
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        String time = String.format(Locale.ROOT, "%.3f", seconds);
        x.append("<testsuites name=\"gradsum eval\" tests=\"").append(rows.size()).append("\" failures=\"").append(failures)
                .append("\" errors=\"").append(errors()).append("\" time=\"").append(time).append("\">\n");
        x.append("  <testsuite name=\"").append(attr("gradsum eval " + split)).append("\" tests=\"").append(rows.size())
                .append("\" failures=\"").append(failures).append("\" errors=\"").append(errors())
                .append("\" skipped=\"0\" time=\"").append(time).append("\">\n");
        x.append("    <properties>\n");
        x.append("      <property name=\"prompt\" value=\"").append(attr(prompt)).append("\"/>\n");
        x.append("      <property name=\"score\" value=\"").append(ScoreText.of(score)).append("\"/>\n");
        x.append("    </properties>\n");
        for (Evaluation r : rows) {
            x.append("    <testcase classname=\"gradsum.").append(attr(split)).append("\" name=\"")
                    .append(attr(r.generation().example().id())).append("\" time=\"0\"");
            String status = status(r);
            if (status.equals("passed")) {
                x.append("/>\n");
                continue;
            }
            x.append(">\n");
            String tag = status.equals("failed") ? "failure" : "error";
            String message = status.equals("failed") ? "score " + ScoreText.of(r.score().value()) : "could not be rated";
            x.append("      <").append(tag).append(" message=\"").append(attr(message)).append("\" type=\"").append(status)
                    .append("\">")
                    .append(text(reason(r) + "\n\nanswer: " + nullToEmpty(r.generation().output())))
                    .append("</").append(tag).append(">\n");
            x.append("    </testcase>\n");
        }
        x.append("  </testsuite>\n</testsuites>\n");
        return x.toString();
    }

    /** A summary for a pull-request comment. */
    public String markdown() {
        StringBuilder m = new StringBuilder("## gradsum eval: ").append(ScoreText.of(score)).append(" on the ")
                .append(split).append(" split\n\n");
        m.append("Prompt: `").append(prompt).append("` · ").append(rows.size()).append(" rows, ").append(passed())
                .append(" passed, ").append(rows.size() - passed() - errors()).append(" failed, ").append(errors())
                .append(" not rated\n");
        if (baseline != null) {
            m.append("\n").append(comparisonLine()).append("\n");
        }
        List<Evaluation> bad = rows.stream().filter(r -> !status(r).equals("passed")).toList();
        if (!bad.isEmpty()) {
            m.append("\n| row | status | reason |\n|---|---|---|\n");
            for (Evaluation r : bad) {
                m.append("| ").append(cell(r.generation().example().id())).append(" | ").append(status(r)).append(" | ")
                        .append(cell(reason(r))).append(" |\n");
            }
        }
        return m.toString();
    }

    /** {@code Against baseline.txt (0.75): +0.250 [+0.000, +0.500] at 95% over 4 rows; not worse beyond the margin 0.} */
    public String comparisonLine() {
        Comparison b = baseline;
        return String.format(Locale.ROOT, "Against %s (%s): %+.3f [%+.3f, %+.3f] at %s%% over %d rows; %s the margin %s.",
                b.prompt(), ScoreText.of(b.score()), b.difference(), b.low(), b.high(),
                trim(b.confidence() * 100), b.rows(), b.worse() ? "WORSE beyond" : "not worse beyond", trim(b.margin()));
    }

    static String status(Evaluation r) {
        return r.score().error() ? "error" : r.score().passed() ? "passed" : "failed";
    }

    private static String reason(Evaluation r) {
        if (r.generation().failed()) {
            return "the answer call failed: " + r.generation().error();
        }
        return nullToEmpty(r.score().reason());
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String cell(String s) {
        return nullToEmpty(s).replace("|", "\\|").replaceAll("\\s*\\R\\s*", " ");
    }

    private static String text(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                default -> {
                    if (c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c != 0xFFFE && c != 0xFFFF) {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.toString();
    }

    private static String attr(String s) {
        return text(nullToEmpty(s)).replace("\"", "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;");
    }
}
