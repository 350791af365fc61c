package org.anshin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
            2525, "the local inbox (mail)", 8084, "console"));
    /** Notices per below-level report: its sector's CEPTOAR and NISC (contract section 7). */
    private static final int NOTICES_PER_REPORT = 2;
    private static final ObjectMapper JSON = new ObjectMapper();


    private final Path home;
    private final BenchOptions options;
    private final PrintStream out;
    private final Path dir;
    private final Figures figures = new Figures();
    private final Cpu cpu = Cpu.ofThisMachine();
    /** Per end-to-end rate, CPU ticks of each Anshin process from the first POST to lag 0. */
    private final Map<Integer, Map<String, Long>> e2eTicks = new LinkedHashMap<>();
    private Sectors sectors;
    private LoadPhases load;
    private Stack stack;
    /** The services' JVM options as the launcher gave them (ANSHIN_SERVICE_JVM_OPTIONS included), for the RSS rows. */
    private List<String> jvmArgs = List.of();
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
        sectors = Sectors.load(home.resolve("config"));
        load = new LoadPhases(dir, sectors, cpu, out);
        List<String> machine = Machine.describe();
        machine.forEach(l -> out.println("machine " + l));
        out.println("phases: " + options.phases() + ", client " + load.client() + ", CLK_TCK " + cpu.ticksPerSecond());
        try (WebhookSink sink = new WebhookSink(BenchRun::anshinKeys)) {
            BenchConfig.write(home.resolve("config"), dir.resolve("config"), sink.baseUrl(), options.burstOperators());
            LaunchOptions launch = LaunchOptions.parse(List.of("up", "--var", dir.resolve("stack").toString(),
                    "--config", dir.resolve("config").toString(),
                    "--kafka-port", Integer.toString(Ports.freePort()),
                    "--controller-port", Integer.toString(Ports.freePort()),
                    "--registry-port", Integer.toString(Ports.freePort())), home, home);
            jvmArgs = launch.serviceJvmArgs();
            out.println("starting the bench stack in " + home.relativize(dir) + " ..." + (launch.serviceJvmOptions()
                    .isEmpty() ? "" : " (services' JVM options added: " + String.join(" ", launch.serviceJvmOptions())
                    + ")"));
            try (Stack s = Stack.up(launch, out);
                 Admin admin = Admin.create(Map.of("bootstrap.servers", s.broker().bootstrapServers()))) {
                stack = s;
                lag = new Lag(admin, s.broker().bootstrapServers());
                out.print(s.table());
                Throughput throughput = new Throughput();
                if (options.runs(BenchOptions.Phase.cold)) {
                    int c = options.connections().get(0);
                    phase("1. cold: the first " + options.coldSeconds() + " s after ready, " + c + " connections");
                    try (CompilerThreads jit = CompilerThreads.start(anshinPids())) {
                        throughput.anshinCold = load.anshin(ingestUrl(), Duration.ofSeconds(options.coldSeconds()), c,
                                anshinPids(), sink, this::drain);
                        throughput.coldJitTicks = jit.stop();
                    }
                }
                if (options.runs(BenchOptions.Phase.ingest)) {
                    ingest(sink, throughput);
                }
                if (!options.skipAlertmanager()
                        && (options.runs(BenchOptions.Phase.cold) || options.runs(BenchOptions.Phase.ingest))) {
                    alertmanagerLoad(throughput);
                }
                throughputRows(throughput);
                Map<String, Long> rssAfterLoad = new LinkedHashMap<>();
                String rssWhen = "at the end of the end-to-end run";
                if (options.runs(BenchOptions.Phase.e2e)) {
                    Map<Integer, PacedLoad.Result> anshin = endToEnd(sink);
                    Map<Integer, PacedLoad.Result> am = alertmanagerAndMemory(rssAfterLoad);
                    endToEndRows(anshin, am);
                } else {
                    rssWhen = "at the end of the load phases";
                    rssAfterLoad.putAll(rss(rssWhen, Map.of()));
                }
                if (options.runs(BenchOptions.Phase.burst)) {
                    burst(sink);
                }
                deadLetterRow(admin);
                rssRows(rssWhen, rssAfterLoad);
                if (options.runs(BenchOptions.Phase.burst)) {
                    rssRows("after the burst", rss("after the burst", Map.of()));
                }
                // last: it creates and deletes ~110 topics of its own on the shared broker, whose aftermath the
                // phases after it paid for (end to end at 100 /s, p50 / p99: 40 / 273 ms right after the ingest
                // phases, 75 / 1,506 ms right after this phase, 285 / 2,916 ms when it left its topics behind)
                if (options.runs(BenchOptions.Phase.routing)) {
                    routing();
                }
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
        Path file = options.outFile(home);
        BenchReport.write(file, options, sectors, machine, table, figures.notes());
        out.println("written to " + file);
    }

    // ---- 1. cold and warm ingest, CPU per report, beside Alertmanager -----------------------------------------

    /** What the cold and ingest phases measured, for the rows. */
    private static final class Throughput {
        LoadPhases.Run anshinCold;
        LoadPhases.Run amCold;
        /** Per process, ticks of its JIT compiler threads over the cold run (load start to lag 0). */
        Map<String, Long> coldJitTicks = Map.of();
        final Map<Integer, LoadPhases.Run> anshin = new LinkedHashMap<>();
        final Map<Integer, LoadPhases.Run> am = new LinkedHashMap<>();
        double ceiling = Double.NaN;
    }

    /** Ingest, routing, notifier, broker and registry: the processes whose CPU is summed per report. */
    private Map<String, Long> anshinPids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (ManagedProcess p : stack.services()) {
            if (p.name().endsWith("-service")) {
                pids.put(p.name().replace("-service", ""), p.pid());
            }
        }
        pids.put("broker", stack.broker().pid());
        pids.put("registry", stack.registry().pid());
        return pids;
    }

    private void ingest(WebhookSink sink, Throughput t) throws Exception {
        int bytes = IngestLoad.bodyBytes(sectors);
        if (options.ceilingSeconds() > 0) {
            phase("1. raw Kafka producer ceiling (" + bytes + " B records, acks=all, idempotent, "
                    + options.ceilingSeconds() + " s)");
            t.ceiling = ProducerCeiling.recordsPerSecond(stack.broker().bootstrapServers(), bytes,
                    Duration.ofSeconds(options.ceilingSeconds()));
            out.printf("  %.0f records/s%n", t.ceiling);
        }
        int first = options.connections().get(0);
        phase("1. ingest warm-up: " + options.warmupSeconds() + " s of the same load, " + first + " connections");
        load.anshin(ingestUrl(), Duration.ofSeconds(options.warmupSeconds()), first, anshinPids(), sink, this::drain);
        for (int c : options.connections()) {
            phase("1. ingest: " + c + " connections, " + options.ingestSeconds() + " s, new incidents over "
                    + sectors.all().size() + " sectors, client " + load.client());
            t.anshin.put(c, load.anshin(ingestUrl(), Duration.ofSeconds(options.ingestSeconds()), c, anshinPids(),
                    sink, this::drain));
        }
    }

    /**
     * The same load on Alertmanager: a fresh instance per connection count (every alert is its own aggregation
     * group, which it keeps in memory: one instance for every run would make the later runs pay for the earlier
     * ones' alerts), each warmed up like Anshin; the first one's first seconds are its cold figure.
     */
    private void alertmanagerLoad(Throughput t) throws Exception {
        List<Integer> counts = options.runs(BenchOptions.Phase.ingest) ? options.connections()
                : List.of(options.connections().get(0));
        for (int i = 0; i < counts.size(); i++) {
            int c = counts.get(i);
            try (WebhookSink amSink = WebhookSink.matching(Pattern.compile("\"id\":\"((?!tp-)[^\"]+)\""));
                 AlertmanagerBaseline am = AlertmanagerBaseline.start(dir.resolve("alertmanager-load-" + c),
                         amSink.baseUrl() + "/alertmanager")) {
                if (i == 0 && options.runs(BenchOptions.Phase.cold)) {
                    phase("1. Alertmanager cold: the first " + options.coldSeconds() + " s after ready, " + c
                            + " connections");
                    t.amCold = load.alertmanager(am, Duration.ofSeconds(options.coldSeconds()), c, amSink);
                }
                if (!options.runs(BenchOptions.Phase.ingest)) {
                    continue;
                }
                phase("1. Alertmanager warm-up: " + options.warmupSeconds() + " s, " + c + " connections");
                load.alertmanager(am, Duration.ofSeconds(options.warmupSeconds()), c, amSink);
                phase("1. Alertmanager: " + c + " connections, " + options.ingestSeconds() + " s, one new alert per "
                        + "request");
                t.am.put(c, load.alertmanager(am, Duration.ofSeconds(options.ingestSeconds()), c, amSink));
            }
        }
    }

    /** "ingest 9.1 s (JIT 4.2), ...; all 20.0 s (JIT 9.0, 45 %)". */
    private String coldCpu(Map<String, Long> ticks, Map<String, Long> jit) {
        StringBuilder b = new StringBuilder();
        long all = 0;
        long allJit = 0;
        for (var e : ticks.entrySet()) {
            long j = jit.getOrDefault(e.getKey(), 0L);
            all += e.getValue();
            allJit += j;
            b.append(b.length() == 0 ? "" : ", ").append(String.format("%s %.1f s (JIT %.1f)", e.getKey(),
                    cpu.seconds(e.getValue()), cpu.seconds(j)));
        }
        return b + String.format("; all %.1f s (JIT %.1f, %d %%)", cpu.seconds(all), cpu.seconds(allJit),
                all == 0 ? 0 : Math.round(100.0 * allJit / all));
    }

    private void throughputRows(Throughput t) {
        String client = load.client();
        LoadPhases.Run warmFirst = t.anshin.get(options.connections().get(0));
        if (t.anshinCold != null) {
            int c = options.connections().get(0);
            double warm = warmFirst == null ? Double.NaN : warmFirst.load().perSecond();
            double amWarm = t.am.containsKey(c) ? t.am.get(c).load().perSecond() : Double.NaN;
            figures.check("1", "cold: accepted/s in the first " + options.coldSeconds() + " s after ready (" + c
                            + " conns, " + client + ")", Figures.rate(t.anshinCold.load().perSecond())
                            + " (warm " + Figures.rate(warm) + ")",
                    t.amCold == null ? "not run" : Figures.rate(t.amCold.load().perSecond()) + " (warm "
                            + Figures.rate(amWarm) + ")", Targets.COLD,
                    Targets.cold(t.anshinCold.load().perSecond(), warm));
            figures.info("1", "  cold: where the CPU went from the load's start to lag 0 (" + String.format("%.1f",
                    options.coldSeconds() + Math.max(0, t.anshinCold.settleSeconds())) + " s): CPU seconds per process"
                    + " (of them, its JIT compiler threads')", coldCpu(t.anshinCold.ticks(), t.coldJitTicks), "");
        }
        t.anshin.forEach((c, r) -> {
            LoadPhases.Run b = t.am.get(c);
            double amRate = b == null ? Double.NaN : b.load().perSecond();
            String settle = r.settleSeconds() < 0 ? "lag not 0 within 5 min" : String.format(
                    "lag 0 %.1f s after", r.settleSeconds());
            figures.check("1", "warm ingest: accepted reports/s, " + c + " conns (" + client + ", after "
                            + options.warmupSeconds() + " s warm-up, " + options.ingestSeconds() + " s)",
                    Figures.rate(r.load().perSecond()) + " (" + settle + ")",
                    b == null ? "not run" : Figures.rate(amRate) + " (Anshin at " + Math.round(100 * r.load().perSecond()
                            / amRate) + " % of it" + undelivered(b, 1) + ")", Targets.WARM_INGEST,
                    Targets.warmIngest(r.load().perSecond(), amRate, r.settleSeconds()));
            double us = cpu.microsPer(r.sumTicks(), r.load().accepted());
            double amUs = b == null ? Double.NaN : cpu.microsPer(b.sumTicks(), b.load().accepted());
            figures.check("1", "CPU per accepted report, " + c + " conns: ingest+routing+notifier+broker+registry "
                    + "from the load's start to lag 0 and its last webhook", Figures.micros(us) + " (" + perProcess(r)
                            + String.format("; lag 0 %.1f s, last webhook %.1f s after the load)", r.settleSeconds(),
                            r.idleSeconds()),
                    b == null ? "not run" : Figures.micros(amUs) + " per alert (until its last webhook"
                            + undelivered(b, 1) + ")",
                    Targets.CPU, Targets.cpu(us, amUs));
            figures.info("1", "  2xx latency p50 / p99, refused, webhook calls per accepted (" + c + " conns)",
                    Figures.ms(r.load().p50Ms()) + " / " + Figures.ms(r.load().p99Ms()) + ", " + other(r) + ", "
                            + String.format("%.2f", (double) r.deliveries() / Math.max(1, r.load().accepted())),
                    b == null ? "" : Figures.ms(b.load().p50Ms()) + " / " + Figures.ms(b.load().p99Ms()) + ", "
                            + other(b) + ", " + String.format("%.2f", (double) b.deliveries()
                            / Math.max(1, b.load().accepted())));
            figures.info("1", "  load client's own CPU per request (" + client + ", not in the sums)",
                    clientMicros(r), b == null ? "" : clientMicros(b));
        });
        if (!Double.isNaN(t.ceiling)) {
            figures.info("1", "raw Kafka producer ceiling (acks=all, same broker and record size)",
                    Figures.rate(t.ceiling), "");
        }
    }

    /** Says so when fewer webhooks than accepted requests x {@code perRequest} were seen by the end of the run. */
    private static String undelivered(LoadPhases.Run r, int perRequest) {
        long expected = perRequest * r.load().accepted();
        return r.deliveries() >= expected ? "" : String.format("; only %d %% of its webhooks sent by %.0f s after",
                100 * r.deliveries() / Math.max(1, expected), Math.max(0, r.idleSeconds()) + 5);
    }

    private String perProcess(LoadPhases.Run r) {
        StringBuilder sb = new StringBuilder();
        r.ticks().forEach((name, ticks) -> sb.append(sb.length() == 0 ? "" : ", ").append(name).append(' ')
                .append(String.format("%,.0f", cpu.microsPer(ticks, r.load().accepted()))));
        return sb.toString();
    }

    private static String other(LoadPhases.Run r) {
        return r.load().refused() + r.load().failed() == 0 ? "0 refused"
                : r.load().refused() + " refused, " + r.load().failed() + " failed";
    }

    private String clientMicros(LoadPhases.Run r) {
        return r.load().clientTicks() < 0 ? "unknown"
                : Figures.micros(cpu.microsPer(r.load().clientTicks(), r.load().accepted() + r.load().refused()));
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
        int warm = 100 * options.e2eWarmupSeconds();
        Map<Integer, PacedLoad.Result> results = new LinkedHashMap<>();
        try (NoticeProbe probe = new NoticeProbe(stack.broker().bootstrapServers(), stack.registry().ccompatUrl())) {
            phase("3. end to end: warm-up, " + warm + " reports at 100 /s (not counted)");
            paced(sink, probe, "warm", 100, warm, Optional.empty());
            drain();
            for (int rate : options.e2eRates()) {
                int total = rate * options.e2eSeconds(rate);
                phase("3. end to end: " + total + " reports at " + rate + " /s, report POST -> webhook");
                Map<String, Long> before = Cpu.sample(anshinPids());
                results.put(rate, paced(sink, probe, "e2e" + rate, rate, total, options.e2eSamplesDir()
                        .map(d -> d.resolve("e2e-" + rate + ".csv"))));
                drain();
                // from the first POST to lag 0: what a paced rate costs, commits that carry few reports included
                e2eTicks.put(rate, Cpu.delta(before, Cpu.sample(anshinPids())));
            }
        }
        return results;
    }

    /** Paced new incidents, every sector in turn with its own operator. */
    private PacedLoad.Result paced(WebhookSink sink, NoticeProbe probe, String tag, int rate, int total,
                                   Optional<Path> samples) throws Exception {
        URI uri = URI.create(ingestUrl() + "/v1/incidents");
        String run = Long.toString(System.currentTimeMillis(), 36);
        PacedLoad load = new PacedLoad().run(rate, total, i -> {
            String incident = tag + "-" + run + "-" + i;
            Sectors.Sector s = sectors.of(i);
            return new PacedLoad.Item("incident/" + incident, HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + s.token())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Reports.initial(incident, s))).build());
        });
        PacedLoad.Result result = arrivals(load, sink, probe::visibleNanos);
        if (samples.isPresent()) {
            Files.createDirectories(samples.get().getParent());
            load.writeSamples(samples.get(), sink, probe::visibleNanos);
            out.println("  samples: " + samples.get());
        }
        return result;
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
            int warm = 100 * options.e2eWarmupSeconds();
            phase("3. Alertmanager 0.25: warm-up, " + warm + " alerts at 100 /s (not counted)");
            pacedAlerts(am, amSink, "warm", 100, warm);
            for (int rate : options.e2eRates()) {
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
            return new PacedLoad.Item(id, am.alert(id, sectors.of(i).code()));
        });
        return arrivals(load, sink, key -> null);
    }

    /** Waits for every sent id at the receiver (60 s at most), prints and returns the latencies. */
    private PacedLoad.Result arrivals(PacedLoad load, WebhookSink sink, java.util.function.Function<String, Long> midway)
            throws InterruptedException {
        if (!load.errors().isEmpty()) {
            out.println("  I/O errors: " + load.errors());
        }
        long missing = load.awaitArrivals(sink, Duration.ofSeconds(60));
        PacedLoad.Result r = load.measure(sink, midway);
        out.printf("  answers %s, delivered %d/%d, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", load.statuses(),
                r.sent() - missing, r.sent(), r.latencies().p50Ms(), r.latencies().p99Ms(), r.latencies().maxMs());
        if (r.split() != null) {
            out.printf("  POST -> notice visible p50 %.1f / p99 %.1f ms; visible -> webhook p50 %.1f / p99 %.1f ms%n",
                    r.split().toMidway().p50Ms(), r.split().toMidway().p99Ms(), r.split().fromMidway().p50Ms(),
                    r.split().fromMidway().p99Ms());
        }
        return r;
    }

    private void endToEndRows(Map<Integer, PacedLoad.Result> anshin, Map<Integer, PacedLoad.Result> am) {
        for (var e : anshin.entrySet()) {
            int rate = e.getKey();
            PacedLoad.Result r = e.getValue();
            PacedLoad.Result b = am.get(rate);
            Latencies l = r.latencies();
            String beside = b == null ? "Alertmanager not run" : Figures.ms(b.latencies().p50Ms())
                    + " / " + Figures.ms(b.latencies().p99Ms()) + " / " + Figures.ms(b.latencies().maxMs())
                    + (b.missing() > 0 ? ", " + b.missing() + " of " + b.sent() + " never arrived" : "");
            String value = Figures.ms(l.p50Ms()) + " / " + Figures.ms(l.p99Ms()) + " / " + Figures.ms(l.maxMs())
                    + (r.missing() + r.refused() > 0 ? " (" + r.missing() + " missing, " + r.refused() + " refused)" : "");
            String measure = "end to end at " + rate + " reports/s: POST -> webhook p50 / p99 / max (" + r.sent()
                    + " new incidents, after a " + options.e2eWarmupSeconds() + " s warm-up at 100 /s)";
            long bad = r.missing() + r.refused();
            if (rate == 100) {
                figures.check("3", measure, value, beside, Targets.E2E_100, Targets.e2eAt100(l.p99Ms(), l.maxMs(), bad));
            } else if (rate == 1000) {
                figures.check("3", measure, value, beside, Targets.E2E_1000, Targets.e2eAt1000(l.p99Ms(), l.maxMs(),
                        bad, b == null ? Double.NaN : b.latencies().p99Ms()));
            } else {
                figures.info("3", measure, value, beside);
            }
            Map<String, Long> ticks = e2eTicks.get(rate);
            long accepted = r.sent() - r.refused();
            if (ticks != null && accepted > 0) {
                long sum = ticks.values().stream().mapToLong(Long::longValue).sum();
                StringBuilder per = new StringBuilder();
                ticks.forEach((name, t) -> per.append(per.length() == 0 ? "" : ", ").append(name).append(' ')
                        .append(Math.round(cpu.microsPer(t, accepted))));
                figures.info("3", "  CPU per accepted report at " + rate + " /s (ingest+routing+notifier+broker+"
                                + "registry, first POST to lag 0)", Math.round(cpu.microsPer(sum, accepted)) + " us ("
                                + per + ")", "");
            }
            if (r.split() != null) {
                PacedLoad.Split sp = r.split();
                figures.info("3", "  where the time goes at " + rate + " /s: POST -> notice visible on nisc.incidents"
                        + " (read_committed: ingest, routing, its transaction commit) | visible -> webhook (the notifier)",
                        "p50 " + Figures.ms(sp.toMidway().p50Ms()) + " / p99 " + Figures.ms(sp.toMidway().p99Ms())
                                + " | p50 " + Figures.ms(sp.fromMidway().p50Ms()) + " / p99 "
                                + Figures.ms(sp.fromMidway().p99Ms()), "");
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
            String notHeld = name.equals("console") ? "Anshin's console, idle in the bench" : "not an Anshin service";
            if (atEndOfE2e && service) {
                figures.check("5", "RSS of " + name + " " + when, m + " MiB", String.join(" ", jvmArgs) + " (launcher)", "<= 512 MB",
                        m > 0 && m * 1024 * 1024 <= 512_000_000L);
            } else if (atEndOfE2e) {
                figures.info("5", "RSS of " + name + " " + when, m + " MiB", notHeld);
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
        // every report is noticed to its CEPTOAR (banking) and to NISC, both with a webhook in the bench config
        int expected = NOTICES_PER_REPORT * total;
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
        while (sink.distinct("notice/burst-") < expected && System.nanoTime() < deadline) {
            Thread.sleep(200); // arrival times are stamped by the sink; this only decides when to stop waiting
        }
        double seconds = (sink.lastFirstArrivalNanos("notice/burst-") - start) / 1e9;
        drain();
        Map<String, Integer> atSink = sink.arrivalsWithPrefix("notice/burst-");
        long sinkDuplicates = atSink.values().stream().mapToLong(c -> c - 1).sum();
        long incomplete = 0;
        for (int op = 0; op < n; op++) {
            String prefix = "notice/burst-" + op + "/";
            long types = Stream.of("NEW", "UPDATED", "RESOLVED")
                    .filter(t -> atSink.keySet().stream().anyMatch(k -> k.startsWith(prefix + t + "/"))).count();
            incomplete += types == 3 ? 0 : 1;
        }
        long lost = Math.max(0, expected - atSink.size());
        Receipts.Delivered receipts = Receipts.delivered(stack.broker().bootstrapServers(),
                stack.registry().ccompatUrl(), d -> d.getIncidentId().toString().startsWith("burst-"));
        out.printf("  sink: %d distinct notices of %d expected, %d duplicates, %d incidents without all of "
                        + "NEW/UPDATED/RESOLVED; receipts: %d DELIVERED notice+channel pairs, %d duplicated, "
                        + "%d receipts read; answers %s%n", atSink.size(), expected, sinkDuplicates, incomplete,
                receipts.distinct(), receipts.duplicates(), receipts.receiptsRead(), load.statuses());
        boolean complete = lost == 0 && atSink.size() == expected && incomplete == 0;
        figures.check("4", "burst: " + n + " operators x 3 reports in " + window + " s: start -> every notice at the "
                        + "webhook", complete ? String.format("%.1f s", seconds) : "incomplete after "
                        + String.format("%.0f s", seconds), expected + " notices (CEPTOAR + NISC), " + load.refused() + " refused reports",
                "<= 120 s", complete && seconds <= 120);
        figures.check("4", "burst: lost / duplicated at the receiver (noticeIds at the sink)", lost + " / "
                + sinkDuplicates, atSink.size() + " distinct of " + expected, "0 / 0", lost == 0 && sinkDuplicates == 0);
        figures.check("4", "burst: DELIVERED receipts (notifications.deliveries) missing / duplicated",
                Math.max(0, expected - receipts.distinct()) + " / " + receipts.duplicates(), receipts.distinct()
                        + " noticeId+channel pairs", "0 / 0",
                receipts.distinct() == expected && receipts.duplicates() == 0);
    }

    private void deadLetterRow(Admin admin) throws Exception {
        Map<String, Long> counts = DeadLetterCount.byTopic(admin);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        out.println("  dead letters: " + counts);
        figures.check("4", "dead letters written during the run (routing and notifier, real and drill topics)",
                Long.toString(total), counts.entrySet().stream().filter(e -> e.getValue() > 0)
                        .map(e -> e.getKey() + " " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("none"),
                "0", total == 0);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** Keys of an Anshin webhook body: the incident (for latency) and the notice with its type (for loss). */
    static List<String> anshinKeys(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            String incident = n.path("incidentId").asText();
            if (incident.startsWith("tp-")) {
                return List.of(); // throughput phases: only counted (requests()), not timed one by one
            }
            return List.of("incident/" + incident,
                    "notice/" + incident + "/" + n.path("noticeType").asText() + "/" + n.path("noticeId").asText());
        } catch (IOException e) {
            return List.of("unreadable");
        }
    }

    /** Waits (5 minutes at most) until routing and the notifier have no lag; seconds it took, -1 if never. */
    private double drain() throws InterruptedException {
        List<String> noticeTopics = new ArrayList<>();
        for (var t : Topics.all()) {
            if (t.name().startsWith("ceptoar.")) {
                noticeTopics.add(t.name());
            }
        }
        return lag.awaitDrained(List.of(
                new Lag.Group("anshin-routing", List.of(Topics.REPORTS, Topics.exercise(Topics.REPORTS))),
                new Lag.Group("anshin-notifier", noticeTopics)), Duration.ofMinutes(5), out);
    }

    private String ingestUrl() {
        return "http://127.0.0.1:8080";
    }

    private void phase(String what) {
        out.println("== " + what);
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
