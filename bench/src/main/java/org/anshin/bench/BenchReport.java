package org.anshin.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** BENCHMARKS.md: the machine, the table, how each figure is measured; the text below the marker is kept. */
final class BenchReport {
    static final String ANALYSIS_MARKER = "<!-- analysis below this line is kept across runs -->";
    private static final String HOW = """
            ## How each figure is measured
            Rerun one figure: `./anshin bench --phases ingest --connections 32` (warm ingest and CPU at 32 connections), \
            `--phases cold`, `--phases e2e --e2e-rates 100`, `--phases routing`, `--phases burst`; `--quick` shortens \
            everything; `./anshin bench --help` lists the options. Runs of some phases write to \
            var/bench/BENCHMARKS.md unless `--out` says otherwise.

            1. **Load** (cold, warm ingest, CPU): closed loop with wrk (Debian's, C, one thread; the JDK HttpClient \
            when wrk is missing), keep-alive HTTP/1.1, one request outstanding per connection. Every request is a NEW \
            incident (run id, wrk thread, counter), non-drill, INITIAL, below its sector's verification level, the %5$d \
            sectors of verification-levels.yaml in turn, each with its own operator `bench-load-<sector>`; every \
            CEPTOAR and NISC has a webhook channel to the bench's HTTP receiver, so each report is delivered twice \
            (its CEPTOAR, NISC). The bench operators' `rateLimit` is lifted in the bench's config copy \
            (var/bench/config/operators.yaml: perSecond and burst 1,000,000, incidentPerHour 1e9): capacity is \
            measured, not the limiter. **Cold**: the first %1$d s after the stack reports ready, before anything \
            else, at the first connection count. **Warm**: a %2$d s warm-up of the same load, lag 0, then %3$d s at \
            each of %4$s connections; after each run the bench waits for routing's and the notifier's consumer lag 0 \
            (`anshin-routing`, `anshin-notifier`, read every 250 ms at most) and reports how long after the load \
            stopped it got there. **Alertmanager**: the same client, connections, durations and warm-up, POST \
            `/api/v2/alerts` with one alert per request and a unique `id` label (`group_by: ['...']`, \
            `group_wait: 0s`, a webhook per alert to a second receiver); a fresh instance per connection count, \
            its first %1$d s after ready being its cold figure. **CPU**: utime+stime from /proc/<pid>/stat \
            (clock ticks, `getconf CLK_TCK`) of ingest, routing, notifier, the broker AND the schema registry \
            (in the sum; shown per process), from the start of the load until both every consumer group's lag \
            is 0 (each topic it reads, so routing's folding of the notifier's receipts into the record counts) \
            and the receiver's last webhook before a quiet second has come, \
            divided by accepted reports (requests still in flight when wrk stops, at most one per connection, \
            are done by the pipeline but not counted: this errs against Anshin by < 2 %%); Alertmanager's from the start of its load until its receiver is quiet for 1 s, divided by \
            accepted alerts. The load client's CPU (wrk's, from the bench JVM's cutime+cstime) is shown apart, not \
            in the sums. The raw producer ceiling is one `KafkaProducer` (acks=all, idempotent) sending records of \
            the same size to a 12-partition topic on the same broker.
            2. **Routing**: routing-service's own `RoutingBench` (test classes, child JVM) on the bench broker: \
            200,000 reports through the real topology (exactly_once_v2, one stream thread) and through a \
            pass-through topology with the same Streams settings and Avro serdes; 3 alternating rounds, the first \
            a JIT warm-up; the rate is the steady-state slope between 20 %% and 80 %% of the output. It runs last, \
            after the burst: its ~110 topics, created and then deleted on the shared broker, slowed the phases \
            that came after it.
            3. **End to end**: open-model paced POSTs (java.net.http on both sides; the schedule never waits for \
            answers), every report a new incident of the next sector, latency = POST start -> first arrival of \
            that incidentId at the receiver (its CEPTOAR's or NISC's webhook, whichever is first), cut where a \
            read_committed probe consumer of nisc.incidents first reads the incident's notice (POST -> visible: \
            ingest, routing, its commit; visible -> webhook: the notifier). A %6$d s warm-up \
            at 100 /s precedes each side; lag 0 between rates. Alertmanager gets the same schedule: POST \
            `/api/v2/alerts` (one alert, unique label) -> its webhook.
            4. **Burst**: operators `bench-0..N-1` (own tokens) each send INITIAL, then UPDATE (+50 %% affected \
            users: a material change), then RESOLVED, paced evenly over the window. Expected: NEW, UPDATED and \
            RESOLVED for each incident at the banking webhook and at NISC's. Time = burst start -> last first arrival. Lost and \
            duplicated are counted from the receiver's noticeIds and from `notifications.deliveries`. \
            Dead letters: records on routing's and the notifier's dead-letter topics (real and drill) at the end \
            of the run, whose stack starts empty; anything there was not handled, however fast the rest was.
            5. **Memory**: VmRSS from /proc of each process right after the end-to-end phases (and after the \
            burst, for information). The launcher starts each service with the JVM options shown beside the figure.

            """;
    private BenchReport() {
    }

    static void write(Path file, BenchOptions options, Sectors sectors, List<String> machine, String table,
                      List<String> notes) throws IOException {
        String kept = "";
        if (Files.exists(file)) {
            String old = Files.readString(file, StandardCharsets.UTF_8);
            int at = old.indexOf(ANALYSIS_MARKER);
            kept = at < 0 ? "" : old.substring(at + ANALYSIS_MARKER.length());
        }
        StringBuilder sb = new StringBuilder();
        sb.append("# Benchmarks\n\nMeasured by `./anshin bench").append(options.quick() ? " --quick" : "")
                .append(options.skipAlertmanager() ? " --skip-alertmanager" : "")
                .append(options.isFullRun() ? "" : " (phases " + options.phases() + ")")
                .append("` (module `bench`): one private stack (broker, Apicurio, the three services as child JVMs, ")
                .append("as `./anshin up` starts them) and, beside it, Debian's Alertmanager, on this machine in one ")
                .append("run. Benchmarks, not tests: CI times nothing.\n\n## Machine\n\n");
        machine.forEach(l -> sb.append("- ").append(l).append('\n'));
        sb.append("\n## Figures\n\n").append(table).append('\n');
        sb.append(HOW.formatted(options.coldSeconds(), options.warmupSeconds(), options.ingestSeconds(),
                options.connections(), sectors.all().size(), options.e2eWarmupSeconds()));
        notes.forEach(n -> sb.append("- ").append(n).append('\n'));
        sb.append('\n').append(ANALYSIS_MARKER).append(kept.isEmpty() ? "\n" : kept);
        Files.createDirectories(file.getParent());
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }
}
