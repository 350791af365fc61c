package org.anshin.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closed-loop load through wrk (Debian's {@code wrk}) when it is installed: a C load generator costs far less CPU
 * per request than java.net.http, and on two shared cores the loader's CPU is taken from the service it measures.
 * The same client, script shape and connection count load Anshin and Alertmanager ({@link LuaScripts}).
 */
final class WrkLoad {
    static final Path BINARY = Path.of("/usr/bin/wrk");
    private static final Pattern LINE = Pattern.compile("ANSHIN-BENCH accepted=(\\d+) other=(\\d+) errors=(\\d+) "
            + "seconds=([0-9.]+) p50=([0-9.]+) p99=([0-9.]+) max=([0-9.]+)");

    private WrkLoad() {
    }

    static Optional<Path> binary() {
        return Files.isExecutable(BINARY) ? Optional.of(BINARY) : Optional.empty();
    }

    /**
     * Runs wrk with {@code script} on {@code baseUrl}. Its CPU is read from the bench JVM's cutime+cstime, which
     * grow by a child's CPU when it is waited for (the stack's processes are children too, but are not waited for
     * until the end).
     */
    static IngestLoad.Result run(Path workDir, String name, String script, String baseUrl, Duration duration,
                                 int connections, Cpu cpu) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path file = workDir.resolve(name + ".lua");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Path log = workDir.resolve("wrk.log");
        Files.writeString(log, "== " + name + " -c" + connections + " -d" + duration.toSeconds() + "s " + baseUrl
                + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        Cpu.Ticks before = Cpu.self();
        Process p = new ProcessBuilder(List.of(BINARY.toString(), "-t1", "-c" + connections,
                "-d" + duration.toSeconds() + "s", "--timeout", "10s", "-s", file.toString(), baseUrl))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("wrk did not finish; see " + log);
        }
        Cpu.Ticks after = Cpu.self();
        long clientTicks = before == null || after == null ? -1 : after.waitedChildren() - before.waitedChildren();
        Matcher m = LINE.matcher(Files.readString(log, StandardCharsets.UTF_8));
        String found = null; // the log is appended to: the last result line is this run's
        while (m.find()) {
            found = m.group();
        }
        if (found == null) {
            throw new IllegalStateException("wrk printed no result (exit " + p.exitValue() + "); see " + log);
        }
        Matcher r = LINE.matcher(found);
        if (!r.matches()) {
            throw new IllegalStateException("unreadable wrk result: " + found);
        }
        return new IngestLoad.Result("wrk", Long.parseLong(r.group(1)), Long.parseLong(r.group(2)),
                Long.parseLong(r.group(3)), Double.parseDouble(r.group(4)), Double.parseDouble(r.group(5)),
                Double.parseDouble(r.group(6)), clientTicks);
    }
}
