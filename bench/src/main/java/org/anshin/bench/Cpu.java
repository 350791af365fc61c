package org.anshin.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of processes from {@code /proc/<pid>/stat} (Linux): utime + stime in clock ticks, and, for the bench JVM
 * itself, cutime + cstime (the CPU of children it has waited for: a finished wrk).
 */
final class Cpu {
    /** utime, stime, cutime, cstime of one stat line, in clock ticks. */
    record Ticks(long utime, long stime, long cutime, long cstime) {
        long own() {
            return utime + stime;
        }

        long waitedChildren() {
            return cutime + cstime;
        }
    }

    private final long ticksPerSecond;

    Cpu(long ticksPerSecond) {
        this.ticksPerSecond = ticksPerSecond;
    }

    /** {@code getconf CLK_TCK}; 100 (Linux's USER_HZ on every common architecture) when it cannot be run. */
    static Cpu ofThisMachine() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            return new Cpu(Long.parseLong(out));
        } catch (IOException | NumberFormatException e) {
            return new Cpu(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Cpu(100);
        }
    }

    long ticksPerSecond() {
        return ticksPerSecond;
    }

    /**
     * Parses a stat line. The command name (field 2) is in parentheses and may itself hold spaces or ')', so the
     * fields are counted from the LAST ')': after it come state (field 3) ... utime (14), stime (15), cutime (16),
     * cstime (17).
     */
    static Ticks parse(String statLine) {
        int close = statLine.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + statLine);
        }
        String[] f = statLine.substring(close + 1).trim().split("\\s+");
        if (f.length < 15) {
            throw new IllegalArgumentException("too few fields in /proc/<pid>/stat line: " + statLine);
        }
        // f[0] is field 3 (state), so field n is f[n - 3]
        return new Ticks(Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14]));
    }

    /** Ticks of a running process, or null when it is gone or unreadable. */
    static Ticks of(long pid) {
        try {
            return parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    static Ticks self() {
        return of(ProcessHandle.current().pid());
    }

    /** utime+stime of each named process now. */
    static Map<String, Long> sample(Map<String, Long> pids) {
        Map<String, Long> out = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            Ticks t = of(pid);
            out.put(name, t == null ? 0 : t.own());
        });
        return out;
    }

    /** Per process, ticks spent between two samples. */
    static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> out = new LinkedHashMap<>();
        after.forEach((name, t) -> out.put(name, Math.max(0, t - before.getOrDefault(name, t))));
        return out;
    }

    /** Microseconds of CPU per unit of work ({@code count} reports or alerts); NaN when nothing was done. */
    double microsPer(long ticks, long count) {
        return count <= 0 ? Double.NaN : ticks * 1e6 / ticksPerSecond / count;
    }

    double seconds(long ticks) {
        return (double) ticks / ticksPerSecond;
    }
}
