package org.anshin.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.anshin.devstack.ManagedProcess;

/** What the figures were measured on. */
final class Machine {
    private Machine() {
    }

    static List<String> describe() {
        return List.of(
                "date: " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME),
                "nproc: " + Runtime.getRuntime().availableProcessors(),
                "cpu: " + procLine("/proc/cpuinfo", "model name"),
                "memory: " + procLine("/proc/meminfo", "MemTotal"),
                "os: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                "java -version: " + javaVersion(),
                "memory speed (the bench JVM; see MemoryProbe): " + MemoryProbe.describe(),
                "load average at start (1/5/15 min; other builds share this machine): " + loadAverage());
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String procLine(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
        } catch (IOException e) {
            return "? (" + e.getMessage() + ")";
        }
    }

    private static String javaVersion() {
        try {
            Process p = new ProcessBuilder(ManagedProcess.javaExecutable(), "-version").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            // JAVA_TOOL_OPTIONS (e.g. a JFR recording for profiling) adds its own lines: not the version
            return String.join(" / ", text.lines().filter(l -> !l.startsWith("Picked up") && !l.startsWith("["))
                    .toList());
        } catch (IOException e) {
            return "? (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
