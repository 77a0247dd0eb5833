package dev.gradsum.cli.report;

import dev.gradsum.search.Iteration;
import dev.gradsum.search.ScoredCandidate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's score-per-iteration chart as inline SVG: the best validation score of each iteration
 * as a line, every candidate validated in that iteration as a point (filled when it made the beam).
 * Scores are normalised, so the y axis always runs from 0 to 1. No script, no external resource.
 */
final class ScoreChart {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 300;
    private static final int LEFT = 52;
    private static final int RIGHT = 20;
    private static final int TOP = 16;
    private static final int BOTTOM = 44;

    private ScoreChart() {}

    static String svg(List<Iteration> iterations) {
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"chart\" id=\"score-chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-labelledby=\"chart-title\" xmlns=\"http://www.w3.org/2000/svg\">")
                .append("<title id=\"chart-title\">Validation score per iteration</title>");
        axes(s, iterations);
        if (!iterations.isEmpty()) {
            List<String> line = new ArrayList<>();
            for (Iteration it : iterations) {
                if (it.scored().isEmpty()) continue;
                line.add(fmt(x(it.index(), iterations)) + "," + fmt(y(it.best().score())));
            }
            s.append("<polyline class=\"best-line\" fill=\"none\" stroke=\"#1f6feb\" stroke-width=\"2.5\" points=\"")
                    .append(String.join(" ", line)).append("\"/>");
            for (Iteration it : iterations) {
                for (ScoredCandidate sc : it.scored()) {
                    if (!Double.isFinite(sc.score())) continue;
                    boolean inBeam = it.beam().contains(sc.candidate().id());
                    s.append("<circle class=\"").append(inBeam ? "pt-beam" : "pt-other").append("\" cx=\"")
                            .append(fmt(x(it.index(), iterations))).append("\" cy=\"").append(fmt(y(sc.score())))
                            .append("\" r=\"").append(inBeam ? "5" : "3.5").append("\" fill=\"")
                            .append(inBeam ? "#1f6feb" : "none").append("\" stroke=\"")
                            .append(inBeam ? "#ffffff" : "#8b949e").append("\" stroke-width=\"1.5\"><title>")
                            .append(HtmlEscape.of("iteration " + it.index() + ": " + sc.candidate().id() + " "
                                    + String.format(Locale.ROOT, "%.3f", sc.score()) + (inBeam ? " (beam)" : "")))
                            .append("</title></circle>");
                }
            }
        } else {
            s.append("<text x=\"").append(WIDTH / 2).append("\" y=\"").append(HEIGHT / 2)
                    .append("\" text-anchor=\"middle\" fill=\"#57606a\">no iteration ran</text>");
        }
        return s.append("</svg>").toString();
    }

    private static void axes(StringBuilder s, List<Iteration> iterations) {
        int bottom = HEIGHT - BOTTOM;
        s.append("<g class=\"axes\" font-size=\"12\" fill=\"#57606a\">");
        for (int i = 0; i <= 4; i++) {
            double v = i / 4.0;
            String y = fmt(y(v));
            s.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(y)
                    .append("\" y2=\"").append(y).append("\" stroke=\"#d0d7de\" stroke-width=\"1\"")
                    .append(i == 0 ? "" : " stroke-dasharray=\"3 4\"").append("/>");
            s.append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(fmt(y(v) + 4))
                    .append("\" text-anchor=\"end\">").append(String.format(Locale.ROOT, "%.2f", v)).append("</text>");
        }
        s.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT).append("\" y1=\"").append(TOP)
                .append("\" y2=\"").append(bottom).append("\" stroke=\"#8b949e\"/>");
        int step = Math.max(1, (int) Math.ceil(iterations.size() / 12.0));
        for (int k = 0; k < iterations.size(); k += step) {
            Iteration it = iterations.get(k);
            s.append("<text x=\"").append(fmt(x(it.index(), iterations))).append("\" y=\"").append(bottom + 18)
                    .append("\" text-anchor=\"middle\">").append(it.index()).append("</text>");
        }
        s.append("<text x=\"").append((LEFT + WIDTH - RIGHT) / 2).append("\" y=\"").append(HEIGHT - 6)
                .append("\" text-anchor=\"middle\">iteration</text>");
        s.append("<text transform=\"rotate(-90)\" x=\"").append(-(TOP + bottom) / 2).append("\" y=\"14\"")
                .append(" text-anchor=\"middle\">validation score</text>");
        s.append("</g>");
    }

    private static double x(int index, List<Iteration> iterations) {
        int first = iterations.get(0).index();
        int last = iterations.get(iterations.size() - 1).index();
        double pad = 24;
        if (last == first) return (LEFT + WIDTH - RIGHT) / 2.0;
        return LEFT + pad + (index - first) * (WIDTH - RIGHT - LEFT - 2 * pad) / (double) (last - first);
    }

    private static double y(double score) {
        return TOP + (1 - score) * (HEIGHT - BOTTOM - TOP);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
