package org.anshin.routing.classify;

import java.time.Duration;

/** Short human durations for reasons: "2 h 5 min" / "2時間5分". */
final class Durations {
    private Durations() {
    }

    static String en(Duration d) {
        long h = d.toHours();
        long m = d.toMinutesPart();
        long s = d.toSecondsPart();
        StringBuilder b = new StringBuilder();
        if (h > 0) {
            b.append(h).append(" h");
        }
        if (m > 0 || (h == 0 && s == 0)) {
            b.append(b.isEmpty() ? "" : " ").append(m).append(" min");
        }
        if (s > 0 && h == 0) {
            b.append(b.isEmpty() ? "" : " ").append(s).append(" s");
        }
        return b.toString();
    }

    static String ja(Duration d) {
        long h = d.toHours();
        long m = d.toMinutesPart();
        long s = d.toSecondsPart();
        StringBuilder b = new StringBuilder();
        if (h > 0) {
            b.append(h).append("時間");
        }
        if (m > 0 || (h == 0 && s == 0)) {
            b.append(m).append("分");
        }
        if (s > 0 && h == 0) {
            b.append(s).append("秒");
        }
        return b.toString();
    }
}
