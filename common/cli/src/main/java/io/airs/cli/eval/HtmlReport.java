package io.airs.cli.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The evaluation as one HTML page: the tables, and a precision-recall curve per task as inline SVG. */
final class HtmlReport {

    private HtmlReport() {}

    static String render(List<TaskResult> results, String policy) {
        StringBuilder h = new StringBuilder(16_384);
        h.append(
                        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>AIRS Enforcer evaluation</title>")
                .append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}")
                .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#eee}")
                .append("td:first-child,th:first-child{text-align:left}</style></head><body>")
                .append("<h1>AIRS Enforcer evaluation</h1><p>Policy: ")
                .append(escape(policy))
                .append(". A row counts as flagged when a finding of the task's categories is reported;")
                .append(" spans match when they overlap (as <code>score.py</code> counts).</p>");
        h.append("<table><tr><th>task</th><th>file</th><th>rows</th><th>recall</th><th>FPR</th><th>precision</th>")
                .append("<th>F1</th><th>balanced acc.</th><th>span P</th><th>span R</th><th>span F1</th></tr>");
        for (TaskResult r : results) {
            var c = r.counts();
            h.append("<tr><td>")
                    .append(r.task().name())
                    .append("</td><td>")
                    .append(escape(r.file))
                    .append("</td><td>")
                    .append(c.rows())
                    .append("</td>")
                    .append(cell(c.recall()))
                    .append(cell(c.fpr()))
                    .append(cell(c.precision()))
                    .append(cell(c.f1()))
                    .append(cell(c.balancedAccuracy()));
            if (r.task().spans()) {
                h.append(cell(r.spanPrecision())).append(cell(r.spanRecall())).append(cell(r.spanF1()));
            } else {
                h.append("<td></td><td></td><td></td>");
            }
            h.append("</tr>");
        }
        h.append("</table>");
        for (TaskResult r : results) {
            h.append("<h2>").append(r.task().name()).append("</h2>").append(curve(r));
            for (Map.Entry<String, Map<String, TaskResult.Counts>> g : r.groups.entrySet()) {
                h.append("<table><tr><th>")
                        .append(escape(g.getKey()))
                        .append("</th><th>rows</th><th>recall</th><th>FPR</th></tr>");
                for (Map.Entry<String, TaskResult.Counts> e : g.getValue().entrySet()) {
                    h.append("<tr><td>")
                            .append(escape(e.getKey()))
                            .append("</td><td>")
                            .append(e.getValue().rows())
                            .append("</td>")
                            .append(cell(e.getValue().recall()))
                            .append(cell(e.getValue().fpr()))
                            .append("</tr>");
                }
                h.append("</table>");
            }
        }
        return h.append("</body></html>\n").toString();
    }

    /** Precision against recall as the score threshold falls, drawn as an SVG image. */
    static String curve(TaskResult r) {
        List<double[]> rows = new ArrayList<>(r.scored);
        rows.sort(Comparator.comparingDouble((double[] a) -> -a[1]));
        long positives = rows.stream().filter(a -> a[0] > 0).count();
        StringBuilder points = new StringBuilder();
        long tp = 0;
        long fp = 0;
        for (int i = 0; i < rows.size() && rows.get(i)[1] > 0; i++) {
            if (rows.get(i)[0] > 0) {
                tp++;
            } else {
                fp++;
            }
            boolean last = i + 1 == rows.size() || rows.get(i + 1)[1] != rows.get(i)[1];
            if (last && positives > 0) {
                double recall = (double) tp / positives;
                double precision = (double) tp / (tp + fp);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", 40 + recall * 260, 210 - precision * 190));
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"320\" height=\"240\" role=\"img\""
                + " aria-label=\"precision-recall curve\">"
                + "<rect x=\"40\" y=\"20\" width=\"260\" height=\"190\" fill=\"none\" stroke=\"#999\"/>"
                + "<text x=\"170\" y=\"235\" font-size=\"11\" text-anchor=\"middle\">recall</text>"
                + "<text x=\"12\" y=\"115\" font-size=\"11\" transform=\"rotate(-90 12 115)\" text-anchor=\"middle\">precision</text>"
                + "<polyline fill=\"none\" stroke=\"#2563eb\" stroke-width=\"2\" points=\""
                + points.toString().trim()
                + "\"/></svg>";
    }

    private static String cell(double v) {
        return String.format(Locale.ROOT, "<td>%.3f</td>", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
