package org.anshin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.anshin.devstack.ManagedProcess;
import org.anshin.devstack.Ports;
import org.anshin.launcher.LaunchOptions;
import org.anshin.launcher.Stack;
import org.anshin.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;

/** One bench run: the private stack, the phases in order, the table. */
final class BenchRun {
    private static final Map<Integer, String> FIXED_PORTS = new LinkedHashMap<>(Map.of(8080, "ingest-service",
            8082, "routing-service", 8083, "notifier-service", 9199, "the local inbox (webhooks)",
            2525, "the local inbox (mail)"));
    private static final int INGEST_CONNECTIONS = 64;
    private static final String ANALYSIS_MARKER = "<!-- analysis below this line is kept across runs -->";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path home;
    private final BenchOptions options;
    private final PrintStream out;
    private final Path dir;
    private final Figures figures = new Figures();
    private Stack stack;
    private Lag lag;

    BenchRun(Path home, BenchOptions options, PrintStream out) {
        this.home = home;
        this.options = options;
        this.out = out;
        this.dir = home.resolve("var/bench");
    }

    void run() throws Exception {
        FIXED_PORTS.forEach((port, what) -> {
            if (!Ports.isFree(port)) {
                throw new IllegalStateException("port " + port + " (" + what + ") is taken. Is ./anshin up running? "
                        + "Stop it first: the bench starts its own stack in var/bench on the same ports.");
            }
        });
        if (!options.skipAlertmanager() && AlertmanagerBaseline.binary().isEmpty()) {
            throw new IllegalStateException(AlertmanagerBaseline.BINARY + " not found: apt-get install "
                    + "prometheus-alertmanager, or run with --skip-alertmanager");
        }
        wipe(dir);
        List<String> machine = Machine.describe();
        machine.forEach(l -> out.println("machine " + l));
        try (WebhookSink sink = new WebhookSink(BenchRun::anshinKeys)) {
            BenchConfig.write(home.resolve("config"), dir.resolve("config"), sink.baseUrl(), options.burstOperators());
            LaunchOptions launch = LaunchOptions.parse(List.of("up", "--var", dir.resolve("stack").toString(),
                    "--config", dir.resolve("config").toString(),
                    "--kafka-port", Integer.toString(Ports.freePort()),
                    "--controller-port", Integer.toString(Ports.freePort()),
                    "--registry-port", Integer.toString(Ports.freePort())), home, home);
            out.println("starting the bench stack in " + home.relativize(dir) + " ...");
            try (Stack s = Stack.up(launch, out);
                 Admin admin = Admin.create(Map.of("bootstrap.servers", s.broker().bootstrapServers()))) {
                stack = s;
                lag = new Lag(admin, s.broker().bootstrapServers());
                out.print(s.table());
                ingest();
                routing();
                Map<Integer, PacedLoad.Result> anshin = endToEnd(sink);
                Map<String, Long> rssAfterE2e = new LinkedHashMap<>();
                Map<Integer, PacedLoad.Result> am = alertmanagerAndMemory(rssAfterE2e);
                endToEndRows(anshin, am);
                burst(sink);
                rssRows("at the end of the end-to-end run", rssAfterE2e);
                rssRows("after the burst", rss("after the burst", Map.of()));
            }
        }
        figures.note("load average at the end (1/5/15 min): " + Machine.loadAverage());
        String tool = System.getenv("JAVA_TOOL_OPTIONS");
        if (tool != null && tool.contains("FlightRecording")) {
            figures.note("JFR was recording in every JVM of this run (JAVA_TOOL_OPTIONS=" + tool + ")");
        }
        String table = figures.markdown();
        out.println();
        out.print(table);
        figures.notes().forEach(n -> out.println("- " + n));
        Path file = options.quick() ? dir.resolve("BENCHMARKS.md") : home.resolve("BENCHMARKS.md");
        writeReport(file, machine, table);
        out.println("written to " + file);
    }

    // ---- 1. ingest beside the raw producer ----------------------------------------------------------------------

    private void ingest() throws Exception {
        String bootstrap = stack.broker().bootstrapServers();
        int bytes = IngestLoad.bodyBytes();
        phase("1. raw Kafka producer ceiling (" + bytes + " B records, acks=all, idempotent, "
                + options.ceilingSeconds() + " s)");
        double ceiling = ProducerCeiling.recordsPerSecond(bootstrap, bytes, Duration.ofSeconds(options.ceilingSeconds()));
        out.printf("  %.0f records/s%n", ceiling);
        for (int connections : List.of(INGEST_CONNECTIONS, 4 * INGEST_CONNECTIONS)) {
            ingestAt(connections, bytes, ceiling);
        }
        drain(Duration.ofMinutes(10));
    }

    /**
     * One closed-loop ingest run. A closed loop's throughput is connections / latency (Little's law), and every
     * 202 waits for the broker's acks=all, so the run is repeated with four times the connections to show how far
     * the service scales when clients do not wait on each other.
     */
    private void ingestAt(int connections, int bytes, double ceiling) throws Exception {
        phase("1. ingest: " + connections + " keep-alive connections, ~" + bytes + " B reports, "
                + options.ingestSeconds() + " s (after 3 s warm-up), client "
                + (WrkLoad.binary().isPresent() ? "wrk" : "java.net.http (no /usr/bin/wrk)"));
        ingestLoad(Duration.ofSeconds(3), connections); // warm-up: JIT, connections, producer metadata
        IngestLoad.Result r = ingestLoad(Duration.ofSeconds(options.ingestSeconds()), connections);
        out.printf("  accepted %d (%.0f /s), refused %d, failed %d, p50 %.2f ms, p99 %.2f ms%n", r.accepted(),
                r.perSecond(), r.refused(), r.failed(), r.p50Ms(), r.p99Ms());
        figures.check("1", "ingest: accepted reports/s (~" + bytes + " B, " + connections + " conns, "
                        + r.client() + ")", Figures.rate(r.perSecond()), "raw producer " + Figures.rate(ceiling) + " ("
                        + Math.round(100 * r.perSecond() / ceiling) + " %)", ">= 5,000 /s", r.perSecond() >= 5_000);
        figures.info("1", "ingest: 202 latency p50 / p99 (" + connections + " conns)", Figures.ms(r.p50Ms()) + " / "
                + Figures.ms(r.p99Ms()), r.refused() + r.failed() == 0 ? "no refusals"
                : r.refused() + " refused, " + r.failed() + " failed");
    }

    private IngestLoad.Result ingestLoad(Duration duration, int connections) throws IOException, InterruptedException {
        if (WrkLoad.binary().isPresent()) {
            return WrkLoad.run(dir, ingestUrl(), BenchConfig.loadToken(), duration, connections);
        }
        return IngestLoad.run(ingestUrl(), BenchConfig.loadToken(), duration, connections);
    }

    // ---- 2. routing beside pass-through -------------------------------------------------------------------------

    private void routing() throws Exception {
        phase("2. routing: real topology vs pass-through (routing-service's RoutingBench, same broker)");
        Path log = dir.resolve("routing-bench.log");
        try {
            RoutingPhase.Result r = RoutingPhase.run(home, stack.broker().bootstrapServers(),
                    stack.registry().ccompatUrl(), options.quick(), log);
            double share = r.routingPerSecond() / r.passThroughPerSecond();
            out.printf("  routing %.0f /s, pass-through %.0f /s (%.0f %%)%n", r.routingPerSecond(),
                    r.passThroughPerSecond(), 100 * share);
            figures.check("2", "routing: reports/s through the real topology (EOS)",
                    Figures.rate(r.routingPerSecond()), "pass-through " + Figures.rate(r.passThroughPerSecond())
                            + " (" + Math.round(100 * share) + " %)", ">= 50 % of pass-through", share >= 0.5);
        } catch (IllegalStateException e) {
            out.println("  " + e.getMessage());
            figures.add("2", "routing: reports/s through the real topology", "not measured", e.getMessage(),
                    ">= 50 % of pass-through", Figures.Verdict.MISS);
        }
    }

    // ---- 3. end to end, then Alertmanager, then memory ----------------------------------------------------------

    private Map<Integer, PacedLoad.Result> endToEnd(WebhookSink sink) throws Exception {
        phase("3. end to end: warm-up, 500 reports at 100 /s (not counted)");
        paced(sink, "warm", 100, 500);
        drain(Duration.ofMinutes(2));
        Map<Integer, PacedLoad.Result> results = new LinkedHashMap<>();
        for (int rate : List.of(100, 1000)) {
            int total = rate * options.e2eSeconds(rate);
            phase("3. end to end: " + total + " reports at " + rate + " /s, report POST -> webhook");
            results.put(rate, paced(sink, "e2e" + rate, rate, total));
            drain(Duration.ofMinutes(5));
        }
        return results;
    }

    private PacedLoad.Result paced(WebhookSink sink, String tag, int rate, int total) throws Exception {
        URI uri = URI.create(ingestUrl() + "/v1/incidents");
        String run = Long.toString(System.currentTimeMillis(), 36);
        PacedLoad load = new PacedLoad().run(rate, total, i -> {
            String incident = tag + "-" + run + "-" + i;
            return new PacedLoad.Item("incident/" + incident, HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + BenchConfig.loadToken())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Reports.initial(incident, 1000, false))).build());
        });
        return arrivals(load, sink);
    }

    /** Alertmanager at the same rates, then the RSS snapshot (into {@code rss}) while it still runs. */
    private Map<Integer, PacedLoad.Result> alertmanagerAndMemory(Map<String, Long> rss) throws Exception {
        Map<Integer, PacedLoad.Result> results = new LinkedHashMap<>();
        Map<String, Long> extra = new LinkedHashMap<>();
        if (options.skipAlertmanager()) {
            rss.putAll(rss("at the end of the end-to-end run", extra));
            return results;
        }
        try (WebhookSink amSink = WebhookSink.matching(Pattern.compile("\"id\":\"([^\"]+)\""));
             AlertmanagerBaseline am = AlertmanagerBaseline.start(dir.resolve("alertmanager"),
                     amSink.baseUrl() + "/alertmanager")) {
            phase("3. Alertmanager 0.25: warm-up, 500 alerts at 100 /s (not counted)");
            pacedAlerts(am, amSink, "warm", 100, 500);
            for (int rate : List.of(100, 1000)) {
                int total = rate * options.e2eSeconds(rate);
                phase("3. Alertmanager 0.25: " + total + " alerts at " + rate + " /s, alert POST -> webhook");
                results.put(rate, pacedAlerts(am, amSink, "am" + rate, rate, total));
            }
            extra.put("alertmanager 0.25 (baseline)", am.pid());
            rss.putAll(rss("at the end of the end-to-end run", extra));
        }
        return results;
    }

    private PacedLoad.Result pacedAlerts(AlertmanagerBaseline am, WebhookSink sink, String tag, int rate, int total)
            throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        PacedLoad load = new PacedLoad().run(rate, total, i -> {
            String id = tag + "-" + run + "-" + i;
            return new PacedLoad.Item(id, am.alert(id));
        });
        return arrivals(load, sink);
    }

    /** Waits for every sent id at the receiver (60 s at most), prints and returns the latencies. */
    private PacedLoad.Result arrivals(PacedLoad load, WebhookSink sink) throws InterruptedException {
        if (!load.errors().isEmpty()) {
            out.println("  I/O errors: " + load.errors());
        }
        long missing = load.awaitArrivals(sink, Duration.ofSeconds(60));
        PacedLoad.Result r = load.measure(sink);
        out.printf("  answers %s, delivered %d/%d, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", load.statuses(),
                r.sent() - missing, r.sent(), r.latencies().p50Ms(), r.latencies().p99Ms(), r.latencies().maxMs());
        return r;
    }

    private void endToEndRows(Map<Integer, PacedLoad.Result> anshin, Map<Integer, PacedLoad.Result> am) {
        for (var e : anshin.entrySet()) {
            int rate = e.getKey();
            PacedLoad.Result r = e.getValue();
            PacedLoad.Result b = am.get(rate);
            Latencies l = r.latencies();
            String beside = b == null ? "Alertmanager not run" : "Alertmanager " + Figures.ms(b.latencies().p50Ms())
                    + " / " + Figures.ms(b.latencies().p99Ms()) + " / " + Figures.ms(b.latencies().maxMs())
                    + (b.missing() > 0 ? ", " + b.missing() + " of " + b.sent() + " never arrived" : "");
            String value = Figures.ms(l.p50Ms()) + " / " + Figures.ms(l.p99Ms()) + " / " + Figures.ms(l.maxMs())
                    + (r.missing() + r.refused() > 0 ? " (" + r.missing() + " missing, " + r.refused() + " refused)" : "");
            String measure = "end to end at " + rate + " reports/s: report POST -> webhook p50 / p99 / max ("
                    + r.sent() + " reports)";
            if (rate == 100) {
                figures.check("3", measure, value, beside, "p99 <= 100 ms, max < 1 s",
                        l.p99Ms() <= 100 && l.maxMs() < 1000 && r.missing() == 0 && r.refused() == 0);
            } else {
                figures.info("3", measure, value, beside);
            }
        }
    }

    /** RSS in MiB of every stack process (and {@code extra}), printed as it is read. */
    private Map<String, Long> rss(String when, Map<String, Long> extra) {
        phase("5. memory (RSS) " + when);
        Map<String, Long> pids = new LinkedHashMap<>();
        for (ManagedProcess p : stack.services()) {
            pids.put(p.name(), p.pid());
        }
        pids.put("Kafka broker", stack.broker().pid());
        pids.put("schema registry (Apicurio)", stack.registry().pid());
        pids.putAll(extra);
        Map<String, Long> mib = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            mib.put(name, Rss.mib(pid));
            out.printf("  %-30s %5d MiB%n", name, mib.get(name));
        });
        return mib;
    }

    /** Services are held to the target at the end of the end-to-end run; the rest is shown for information. */
    private void rssRows(String when, Map<String, Long> mib) {
        boolean atEndOfE2e = when.contains("end-to-end");
        mib.forEach((name, m) -> {
            boolean service = name.endsWith("-service");
            if (atEndOfE2e && service) {
                figures.check("5", "RSS of " + name + " " + when, m + " MiB", String.join(" ", org.anshin.launcher.Stack.SERVICE_JVM_ARGS) + " (launcher)", "<= 512 MB",
                        m > 0 && m * 1024 * 1024 <= 512_000_000L);
            } else if (atEndOfE2e) {
                figures.info("5", "RSS of " + name + " " + when, m + " MiB", "not an Anshin service");
            } else if (service) {
                figures.info("5", "RSS of " + name + " " + when, m + " MiB", "");
            }
        });
    }

    // ---- 4. burst -----------------------------------------------------------------------------------------------

    private void burst(WebhookSink sink) throws Exception {
        int n = options.burstOperators();
        int window = options.burstWindowSeconds();
        int total = 3 * n;
        phase("4. burst: " + n + " operators each send INITIAL, UPDATE (+50 % users) and RESOLVED within " + window
                + " s (" + total + " reports, " + total / window + " /s)");
        URI uri = URI.create(ingestUrl() + "/v1/incidents");
        // INITIALs in the first third, UPDATEs in the second, RESOLVEDs in the last: one operator's reports are
        // window/3 apart, so each is accepted before the next is sent
        PacedLoad load = new PacedLoad().run((double) total / window, total, k -> {
            int op = k % n;
            String incident = "burst-" + op;
            String body = switch (k / n) {
                case 0 -> Reports.initial(incident, 1000, false);
                case 1 -> Reports.update(incident, 1500);
                default -> Reports.resolved(incident, 1500);
            };
            return new PacedLoad.Item("burst-request/" + k, HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + BenchConfig.operatorToken(op))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        });
        long start = load.startNanos();
        out.println("  sent; answers " + load.statuses() + (load.errors().isEmpty() ? "" : ", I/O errors "
                + load.errors()));
        long deadline = start + Duration.ofSeconds(window + 180).toNanos();
        while (sink.distinct("notice/burst-") < total && System.nanoTime() < deadline) {
            Thread.sleep(200); // arrival times are stamped by the sink; this only decides when to stop waiting
        }
        double seconds = (sink.lastFirstArrivalNanos("notice/burst-") - start) / 1e9;
        drain(Duration.ofMinutes(5));
        Map<String, Integer> atSink = sink.arrivalsWithPrefix("notice/burst-");
        long sinkDuplicates = atSink.values().stream().mapToLong(c -> c - 1).sum();
        long incomplete = 0;
        for (int op = 0; op < n; op++) {
            String prefix = "notice/burst-" + op + "/";
            long types = Stream.of("NEW", "UPDATED", "RESOLVED")
                    .filter(t -> atSink.keySet().stream().anyMatch(k -> k.startsWith(prefix + t + "/"))).count();
            incomplete += types == 3 ? 0 : 1;
        }
        long lost = Math.max(0, total - atSink.size());
        Receipts.Delivered receipts = Receipts.delivered(stack.broker().bootstrapServers(),
                stack.registry().ccompatUrl(), d -> d.getIncidentId().toString().startsWith("burst-"));
        out.printf("  sink: %d distinct notices of %d expected, %d duplicates, %d incidents without all of "
                        + "NEW/UPDATED/RESOLVED; receipts: %d DELIVERED notice+channel pairs, %d duplicated, "
                        + "%d receipts read; answers %s%n", atSink.size(), total, sinkDuplicates, incomplete,
                receipts.distinct(), receipts.duplicates(), receipts.receiptsRead(), load.statuses());
        boolean complete = lost == 0 && atSink.size() == total && incomplete == 0;
        figures.check("4", "burst: " + n + " operators x 3 reports in " + window + " s: start -> every notice at the "
                        + "webhook", complete ? String.format("%.1f s", seconds) : "incomplete after "
                        + String.format("%.0f s", seconds), total + " notices, " + load.refused() + " refused reports",
                "<= 120 s", complete && seconds <= 120);
        figures.check("4", "burst: lost / duplicated at the receiver (noticeIds at the sink)", lost + " / "
                + sinkDuplicates, atSink.size() + " distinct of " + total, "0 / 0", lost == 0 && sinkDuplicates == 0);
        figures.check("4", "burst: DELIVERED receipts (notifications.deliveries) missing / duplicated",
                Math.max(0, total - receipts.distinct()) + " / " + receipts.duplicates(), receipts.distinct()
                        + " noticeId+channel pairs", "0 / 0",
                receipts.distinct() == total && receipts.duplicates() == 0);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** Keys of an Anshin webhook body: the incident (for latency) and the notice with its type (for loss). */
    static List<String> anshinKeys(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            String incident = n.path("incidentId").asText();
            return List.of("incident/" + incident,
                    "notice/" + incident + "/" + n.path("noticeType").asText() + "/" + n.path("noticeId").asText());
        } catch (IOException e) {
            return List.of("unreadable");
        }
    }

    private void drain(Duration timeout) throws InterruptedException {
        List<String> noticeTopics = new ArrayList<>();
        for (var t : Topics.all()) {
            if (t.name().startsWith("ceptoar.")) {
                noticeTopics.add(t.name());
            }
        }
        lag.awaitDrained(List.of(
                new Lag.Group("anshin-routing", List.of(Topics.REPORTS, Topics.exercise(Topics.REPORTS))),
                new Lag.Group("anshin-notifier", noticeTopics)), timeout, out);
    }

    private String ingestUrl() {
        return "http://127.0.0.1:8080";
    }

    private void phase(String what) {
        out.println("== " + what);
    }

    private void writeReport(Path file, List<String> machine, String table) throws IOException {
        String kept = "";
        if (Files.exists(file)) {
            String old = Files.readString(file, StandardCharsets.UTF_8);
            int at = old.indexOf(ANALYSIS_MARKER);
            kept = at < 0 ? "" : old.substring(at + ANALYSIS_MARKER.length());
        }
        StringBuilder sb = new StringBuilder();
        sb.append("# Benchmarks\n\nMeasured by `./anshin bench").append(options.quick() ? " --quick" : "")
                .append(options.skipAlertmanager() ? " --skip-alertmanager" : "")
                .append("` (module `bench`): one private stack (broker, Apicurio, the three services as child JVMs, ")
                .append("as `./anshin up` starts them) and, beside it, Debian's Alertmanager, on this machine in one ")
                .append("run. Benchmarks, not tests: CI times nothing.\n\n## Machine\n\n");
        machine.forEach(l -> sb.append("- ").append(l).append('\n'));
        sb.append("\n## Figures\n\n").append(table).append('\n');
        sb.append("""
                ## How each figure is measured
                1. **Ingest**: closed loop with wrk (Debian's, C; the JDK HttpClient when wrk is missing) on the same \
                2 cores, 64 and then 256 keep-alive HTTP/1.1 connections, one request outstanding per connection, \
                ~1 KB banking drill reports over 1,000 incident \
                ids, after a 3 s warm-up; 202 latency from send to answer. **Ceiling**: one `KafkaProducer` \
                (acks=all, idempotent, client defaults otherwise) sending records of the same size to a topic with \
                the same 12 partitions on the same broker, as fast as `send()` accepts them; acknowledged records/s.
                2. **Routing**: routing-service's own `RoutingBench` (test classes, child JVM) on the bench broker: \
                200,000 reports through the real topology (exactly_once_v2, one stream thread) and through a \
                pass-through topology with the same Streams settings and Avro serdes; 3 alternating rounds, the first \
                a JIT warm-up; the rate is the steady-state slope between 20 % and 80 % of the output (start-up and \
                tail left out for both).
                3. **End to end**: open-model paced POSTs (the schedule never waits for answers), every report a new \
                banking incident below its level, so it yields exactly one webhook call (banking CEPTOAR; NISC has no \
                channel); latency = POST start -> first arrival of that incidentId at the bench's HTTP receiver. \
                Alertmanager 0.25 gets the same schedule: POST `/api/v2/alerts` (one alert, unique label) -> its \
                webhook (`group_by: ['...']`, `group_wait: 0s`) at a second receiver. A 500-report warm-up precedes \
                each side; backlogs are drained (consumer-group lag 0 for routing and notifier) between phases.
                4. **Burst**: operators `bench-0..N-1` (own tokens) each send INITIAL, then UPDATE (+50 % affected \
                users: a material change), then RESOLVED, paced evenly over the window. Expected: NEW, UPDATED and \
                RESOLVED for each incident at the banking webhook. Time = burst start -> last first arrival. Lost and \
                duplicated are counted from the receiver's noticeIds and from `notifications.deliveries` (DELIVERED \
                receipts per noticeId+channel).
                5. **Memory**: VmRSS from /proc of each process right after the end-to-end phases (and after the \
                burst, for information). The launcher starts each service with the JVM options shown beside the figure.

                """);
        figures.notes().forEach(n -> sb.append("- ").append(n).append('\n'));
        sb.append('\n').append(ANALYSIS_MARKER).append(kept.isEmpty() ? "\n" : kept);
        Files.createDirectories(file.getParent());
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    private static void wipe(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
