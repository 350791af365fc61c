package org.anshin.bench;

import java.io.IOException;
import java.io.InputStream;
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
 * The ingest load through wrk (Debian's {@code wrk}) when it is installed: a C load generator costs far less CPU per
 * request than java.net.http, and on two shared cores the loader's CPU is taken from the service it measures. Same
 * load as {@link IngestLoad}: closed loop, keep-alive connections, ~1 KB banking drill reports.
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

    static IngestLoad.Result run(Path workDir, String baseUrl, String token, Duration duration, int connections)
            throws IOException, InterruptedException {
        Path script = workDir.resolve("ingest.lua");
        try (InputStream in = WrkLoad.class.getResourceAsStream("ingest.lua")) {
            Files.createDirectories(workDir);
            Files.write(script, in.readAllBytes());
        }
        Path log = workDir.resolve("wrk.log");
        Process p = new ProcessBuilder(List.of(BINARY.toString(), "-t1", "-c" + connections,
                "-d" + duration.toSeconds() + "s", "--timeout", "10s", "-s", script.toString(), baseUrl, "--", token))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("wrk did not finish; see " + log);
        }
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
                Double.parseDouble(r.group(6)));
    }
}
