package io.airs.core.evidence;

import io.airs.core.CheckResult;
import io.airs.core.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Well-formed UTF-16 for record strings. A lone surrogate cannot be written as UTF-8 JSON, so a
 * draft replaces it with U+FFFD (evidence must still be written) and a record refuses it.
 */
final class WellFormed {

    private WellFormed() {}

    static boolean is(String s) {
        if (s == null) {
            return true;
        }
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@code s} itself when well-formed, else a copy with each lone surrogate replaced by U+FFFD. */
    static String repair(String s) {
        if (is(s)) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                b.append('\uFFFD');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static Identities repair(Identities ids) {
        if (ids == null || (is(ids.user()) && is(ids.agent()) && is(ids.session()) && is(ids.tenant()))) {
            return ids;
        }
        return new Identities(repair(ids.user()), repair(ids.agent()), repair(ids.session()), repair(ids.tenant()));
    }

    static List<CheckResult> repairChecks(List<CheckResult> checks) {
        if (checks == null || checks.stream().allMatch(WellFormed::is)) {
            return checks;
        }
        List<CheckResult> out = new ArrayList<>(checks.size());
        for (CheckResult c : checks) {
            out.add(
                    c == null || is(c)
                            ? c
                            : new CheckResult(
                                    repair(c.check()),
                                    repair(c.detector()),
                                    repair(c.verdict()),
                                    c.action(),
                                    c.score(),
                                    c.latencyNanos()));
        }
        return out;
    }

    static List<Finding> repairFindings(List<Finding> findings) {
        if (findings == null || findings.stream().allMatch(WellFormed::is)) {
            return findings;
        }
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            out.add(
                    f == null || is(f)
                            ? f
                            : new Finding(
                                    f.category(),
                                    repair(f.type()),
                                    f.start(),
                                    f.end(),
                                    f.score(),
                                    repair(f.detector())));
        }
        return out;
    }

    static Map<String, String> repair(Map<String, String> extra) {
        if (extra == null || is(extra)) {
            return extra;
        }
        Map<String, String> out = new TreeMap<>();
        extra.forEach((k, v) -> out.put(repair(k), repair(v)));
        return out;
    }

    static boolean is(CheckResult c) {
        return c == null || (is(c.check()) && is(c.detector()) && is(c.verdict()));
    }

    static boolean is(Finding f) {
        return f == null || (is(f.type()) && is(f.detector()));
    }

    static boolean is(Identities ids) {
        return ids == null || (is(ids.user()) && is(ids.agent()) && is(ids.session()) && is(ids.tenant()));
    }

    static boolean is(Map<String, String> extra) {
        for (var e : extra.entrySet()) {
            if (!is(e.getKey()) || !is(e.getValue())) {
                return false;
            }
        }
        return true;
    }
}
