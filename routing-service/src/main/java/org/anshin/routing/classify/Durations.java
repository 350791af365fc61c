package org.anshin.routing.classify;

import java.time.Duration;

/** Short human durations for reasons: "2 h 5 min" / "2時間5分". */
final class Durations {
    private Durations() {
    }

    static String en(Duration d) {
        return format(d, " h", " min", " s", " ");
    }

    static String ja(Duration d) {
        return format(d, "時間", "分", "秒", "");
    }

    /** Hours and minutes; seconds only under an hour; "0 min" for zero. */
    private static String format(Duration d, String hours, String minutes, String seconds, String separator) {
        long h = d.toHours();
        long m = d.toMinutesPart();
        long s = d.toSecondsPart();
        StringBuilder b = new StringBuilder();
        if (h > 0) {
            b.append(h).append(hours);
        }
        if (m > 0 || (h == 0 && s == 0)) {
            b.append(b.isEmpty() ? "" : separator).append(m).append(minutes);
        }
        if (s > 0 && h == 0) {
            b.append(b.isEmpty() ? "" : separator).append(s).append(seconds);
        }
        return b.toString();
    }
}
