package io.airs.cli.eval;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The evaluation as text tables for the terminal, and as an HTML page. */
public final class EvalReport {

    private EvalReport() {}

    /** The summary table, then each task's breakdown by {@code by}. */
    public static String table(List<TaskResult> results, String by) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                Locale.ROOT,
                "%-10s %6s %7s %7s %9s %7s %8s %7s %7s %7s%n",
                "task",
                "rows",
                "recall",
                "fpr",
                "precision",
                "f1",
                "balanced",
                "span_p",
                "span_r",
                "span_f1"));
        for (TaskResult r : results) {
            var c = r.counts();
            sb.append(String.format(
                    Locale.ROOT,
                    "%-10s %6d %7.3f %7.3f %9.3f %7.3f %8.3f",
                    r.task().name(),
                    c.rows(),
                    c.recall(),
                    c.fpr(),
                    c.precision(),
                    c.f1(),
                    c.balancedAccuracy()));
            if (r.task().spans()) {
                sb.append(String.format(
                        Locale.ROOT, " %7.3f %7.3f %7.3f", r.spanPrecision(), r.spanRecall(), r.spanF1()));
            }
            sb.append('\n');
        }
        for (TaskResult r : results) {
            Map<String, TaskResult.Counts> groups = r.groups.get(by);
            if (groups == null || groups.isEmpty()) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%n%s by %s%n", r.task().name(), by));
            for (Map.Entry<String, TaskResult.Counts> g : groups.entrySet()) {
                var c = g.getValue();
                sb.append(String.format(
                        Locale.ROOT,
                        "  %-48s %6d  recall %.3f  fpr %.3f%n",
                        g.getKey().length() > 48 ? g.getKey().substring(0, 48) : g.getKey(),
                        c.rows(),
                        c.recall(),
                        c.fpr()));
            }
            if (r.task().spans() && !r.spansByType.isEmpty()) {
                sb.append(String.format(Locale.ROOT, "  span recall by type:"));
                r.spansByType.forEach((type, n) ->
                        sb.append(String.format(Locale.ROOT, " %s %.3f", type, TaskResult.ratio(n[1], n[0]))));
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** The HTML report. */
    public static String html(List<TaskResult> results, String policy) {
        return HtmlReport.render(results, policy);
    }
}
