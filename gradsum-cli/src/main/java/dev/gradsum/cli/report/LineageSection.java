package dev.gradsum.cli.report;

import static dev.gradsum.cli.report.HtmlEscape.of;

import dev.gradsum.modules.Gradient;
import dev.gradsum.search.Candidate;
import dev.gradsum.search.Iteration;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.search.ScoredCandidate;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The report's lineage parts: the path from the initial prompt to the best one (each step with its
 * score and the summary that produced it), the tree of every candidate, and what each iteration
 * learned (gradients, summaries, children, drops). All text is escaped.
 */
final class LineageSection {
    private final OptimizationResult result;
    private final CandidateIndex index;

    LineageSection(OptimizationResult result, CandidateIndex index) {
        this.result = result;
        this.index = index;
    }

    /** The path c0 → … → best, then the whole tree folded away. */
    void lineage(StringBuilder s) {
        s.append("<section id=\"lineage\"><h2>Lineage of the best prompt</h2>")
                .append("<p class=\"muted small\">Each step is a prompt the editor wrote from its parent and the ")
                .append("feedback shown. Scores are on the validation rows of the last iteration that rated the prompt.</p>")
                .append("<ol class=\"path\">");
        List<Candidate> path = index.pathToBest();
        for (Candidate c : path) {
            boolean best = c.id().equals(result.best().id());
            s.append("<li class=\"node").append(best ? " best" : "").append("\" data-id=\"").append(of(c.id())).append("\">");
            s.append("<div class=\"node-head\"><span class=\"id\">").append(of(c.id())).append("</span>");
            s.append(scoreBadge(c.id()));
            if (c.parentId() == null) {
                s.append("<span class=\"badge\">initial prompt</span>");
            } else {
                s.append("<span class=\"muted small\">from ").append(of(c.parentId())).append(" in iteration ")
                        .append(c.iteration()).append("</span>");
            }
            if (best) s.append("<span class=\"badge ok\">best</span>");
            s.append("</div>");
            if (c.feedback() != null && !c.feedback().isBlank()) {
                s.append("<blockquote class=\"feedback\">").append(of(c.feedback())).append("</blockquote>");
            }
            s.append("<details><summary>prompt</summary><pre>").append(of(c.prompt().text())).append("</pre></details>");
            s.append("</li>");
        }
        s.append("</ol>");
        s.append("<details class=\"all-candidates\"><summary>All ").append(index.all().size())
                .append(" candidates as a tree</summary><ul class=\"tree\">");
        Set<String> finalBeam = finalBeam();
        Set<String> seen = new HashSet<>();
        for (Candidate c : index.all()) {
            if (c.parentId() == null || index.get(c.parentId()) == null) tree(s, c, finalBeam, seen);
        }
        s.append("</ul></details></section>");
    }

    private void tree(StringBuilder s, Candidate c, Set<String> finalBeam, Set<String> seen) {
        if (!seen.add(c.id())) return;
        s.append("<li><span class=\"id\">").append(of(c.id())).append("</span> ").append(scoreBadge(c.id()));
        s.append(" <span class=\"muted small\">iteration ").append(c.iteration()).append("</span>");
        if (c.id().equals(result.best().id())) s.append(" <span class=\"badge ok\">best</span>");
        else if (finalBeam.contains(c.id())) s.append(" <span class=\"badge accent\">beam</span>");
        List<Candidate> kids = index.children(c.id());
        if (!kids.isEmpty()) {
            s.append("<ul>");
            kids.forEach(k -> tree(s, k, finalBeam, seen));
            s.append("</ul>");
        }
        s.append("</li>");
    }

    /** Per iteration: each parent's train score, summary, gradients (folded) and children. */
    void iterations(StringBuilder s) {
        s.append("<section id=\"summaries\"><h2>What each iteration learned</h2>");
        if (result.iterations().isEmpty()) s.append("<p class=\"muted\">No iteration ran.</p>");
        for (Iteration it : result.iterations()) {
            s.append("<h3>Iteration ").append(it.index());
            s.append(it.improved() ? " <span class=\"badge ok\">improved</span>" : " <span class=\"badge\">no improvement</span>");
            s.append("</h3><p class=\"small muted\">beam after: ").append(of(String.join(", ", it.beam()))).append("</p>");
            Set<String> parents = new LinkedHashSet<>(index.inCreationOrder(it.trainScores().keySet()));
            parents.addAll(index.inCreationOrder(it.gradients().keySet()));
            parents.addAll(index.inCreationOrder(it.summaries().keySet()));
            for (String parent : parents) parentBlock(s, it, parent);
            if (!it.dropped().isEmpty()) {
                s.append("<details><summary>").append(it.dropped().size()).append(" dropped candidate(s)</summary><ul>");
                it.dropped().forEach(d -> s.append("<li class=\"small\">").append(of(d)).append("</li>"));
                s.append("</ul></details>");
            }
        }
        s.append("</section>");
    }

    private void parentBlock(StringBuilder s, Iteration it, String parent) {
        List<Gradient> gradients = it.gradients().getOrDefault(parent, List.of());
        Double train = it.trainScores().get(parent);
        s.append("<div class=\"parent-block\"><div class=\"node-head\"><span class=\"id\">").append(of(parent)).append("</span>");
        if (train != null) s.append("<span class=\"badge\">train ").append(score(train)).append("</span>");
        s.append("<span class=\"muted small\">").append(gradients.size()).append(gradients.size() == 1 ? " gradient" : " gradients")
                .append("</span></div>");
        String summary = it.summaries().get(parent);
        if (summary != null && !summary.isBlank()) {
            s.append("<blockquote class=\"feedback\">").append(of(summary)).append("</blockquote>");
        } else if (!gradients.isEmpty()) {
            s.append("<p class=\"small muted\">No summary (summarize=false): the editor received the raw gradients.</p>");
        }
        if (!gradients.isEmpty()) {
            s.append("<details><summary>gradients</summary><ol>");
            for (Gradient g : gradients) {
                s.append("<li><span class=\"muted small\">row ").append(of(g.exampleId())).append(":</span> <pre>")
                        .append(of(g.text())).append("</pre></li>");
            }
            s.append("</ol></details>");
        }
        List<Candidate> kids = index.children(parent).stream().filter(c -> c.iteration() == it.index()).toList();
        if (!kids.isEmpty()) {
            s.append("<p class=\"small\">children: ");
            for (Candidate k : kids) s.append("<span class=\"id\">").append(of(k.id())).append("</span> ").append(scoreBadge(k.id())).append(' ');
            s.append("</p>");
        }
        s.append("</div>");
    }

    private Set<String> finalBeam() {
        List<Iteration> its = result.iterations();
        return its.isEmpty() ? Set.of(result.best().id()) : new HashSet<>(its.get(its.size() - 1).beam());
    }

    private String scoreBadge(String id) {
        ScoredCandidate sc = index.latestScore(id);
        if (sc == null) return "<span class=\"badge\">not validated</span>";
        return "<span class=\"badge accent\">validation " + ScoreText.onRows(sc.score(), sc.rated(), sc.errors()) + "</span>";
    }

    static String score(double v) {
        return ScoreText.of(v);
    }
}
