package org.anshin.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * One closed-loop load run with its CPU accounting: the load (wrk, or java.net.http without it), then the wait until
 * the pipeline has done the work the load left (Anshin: routing's and the notifier's lag 0; Alertmanager: its
 * receiver quiet for a second), with utime+stime of the given processes read from /proc before the load and after
 * that wait. Anshin and Alertmanager get the same client, the same connections and the same kind of requests: one
 * new incident or one new alert each.
 */
final class LoadPhases {
    /** Seconds from the end of the load until the pipeline is idle; -1 when it did not get there. */
    interface Settle {
        double await() throws InterruptedException;
    }

    /**
     * One measured run. {@code settleSeconds}: from the end of the load to lag 0 (Anshin) or to the receiver's last
     * webhook (Alertmanager); {@code idleSeconds}: to the receiver's last webhook before a quiet second (the
     * notifier commits its offsets before its webhooks are answered, so lag 0 comes first); {@code ticks}: CPU per
     * process from the start of the load to idle; {@code deliveries}: webhook calls at the receiver meanwhile.
     */
    record Run(IngestLoad.Result load, double settleSeconds, double idleSeconds, Map<String, Long> ticks,
               long deliveries) {
        long sumTicks() {
            return ticks.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final Path dir;
    private final Sectors sectors;
    private final PrintStream out;
    private final Cpu cpu;
    private final AtomicLong runs = new AtomicLong();

    LoadPhases(Path dir, Sectors sectors, Cpu cpu, PrintStream out) {
        this.dir = dir;
        this.sectors = sectors;
        this.cpu = cpu;
        this.out = out;
    }

    boolean wrk() {
        return WrkLoad.binary().isPresent();
    }

    String client() {
        return wrk() ? "wrk" : "java.net.http";
    }

    /** New incidents on ingest, every sector in turn with its own operator. */
    Run anshin(String ingestUrl, Duration duration, int connections, Map<String, Long> pids, WebhookSink sink,
               Settle settle) throws IOException, InterruptedException {
        String run = runId();
        URI uri = URI.create(ingestUrl + "/v1/incidents");
        LongFunction<HttpRequest> requests = i -> {
            Sectors.Sector s = sectors.of(i);
            return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + s.token())
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(Reports.initial(run + "-0-" + i, s))).build();
        };
        return measure("anshin", LuaScripts.ingest(sectors, run), ingestUrl, requests, duration, connections, pids,
                sink, settle);
    }

    /** New alerts on Alertmanager, one per request, the same round robin over the sectors (as a label). */
    Run alertmanager(AlertmanagerBaseline am, Duration duration, int connections, WebhookSink sink)
            throws IOException, InterruptedException {
        String run = runId();
        LongFunction<HttpRequest> requests = i -> am.alert(run + "-0-" + i, sectors.of(i).code());
        return measure("alertmanager", LuaScripts.alerts(sectors, run), am.baseUrl(), requests, duration,
                connections, Map.of("alertmanager", am.pid()), sink, () -> 0);
    }

    private Run measure(String who, String script, String url, LongFunction<HttpRequest> requests, Duration duration,
                        int connections, Map<String, Long> pids, WebhookSink sink, Settle settle)
            throws IOException, InterruptedException {
        Map<String, Long> before = Cpu.sample(pids);
        long deliveredBefore = sink.requests();
        IngestLoad.Result load = wrk()
                ? WrkLoad.run(dir, who, script, url, duration, connections, cpu)
                : IngestLoad.run(requests, duration, connections);
        out.printf("  %s, %d conns: accepted %d (%.0f /s), other answers %d, errors %d, p50 %.2f ms, p99 %.2f ms%n",
                who, connections, load.accepted(), load.perSecond(), load.refused(), load.failed(), load.p50Ms(),
                load.p99Ms());
        long stopped = System.nanoTime();
        double settled = settle.await();
        // Anshin notices each report to its CEPTOAR and to NISC; Alertmanager sends one webhook per alert
        long expected = (who.equals("alertmanager") ? 1 : 2) * load.accepted();
        double idle = quiet(sink, stopped, deliveredBefore, expected, Duration.ofSeconds(120));
        Map<String, Long> ticks = Cpu.delta(before, Cpu.sample(pids));
        long delivered = sink.requests() - deliveredBefore;
        Run r = new Run(load, who.equals("alertmanager") ? idle : settled, idle, ticks, delivered);
        // the CPU window closes after both: every group's lag 0 (the record folded too) and the last webhook
        out.printf("  CPU over the load and until lag 0 and the last webhook (%.1f s after the load): %.0f us per "
                + "accepted %s; %d webhook calls%n", Math.max(settled, idle), cpu.microsPer(r.sumTicks(),
                load.accepted()), ticks, delivered);
        return r;
    }

    /**
     * Seconds from {@code start} to the receiver's last request: once it has had {@code expected} requests since
     * {@code baseline} and then a quiet second, or, short of that, a quiet five seconds (a request lost, or one
     * still in flight when the load stopped counted); -1 when {@code max} passes first.
     */
    private static double quiet(WebhookSink sink, long start, long baseline, long expected, Duration max)
            throws InterruptedException {
        long began = System.nanoTime();
        while (System.nanoTime() - began < max.toNanos()) {
            Thread.sleep(100); // the receiver stamps its requests; this only decides when it has gone quiet
            long last = sink.lastRequestNanos();
            long quietNanos = System.nanoTime() - Math.max(last, began);
            boolean all = sink.requests() - baseline >= expected;
            if (quietNanos >= 5_000_000_000L || (all && quietNanos >= 1_000_000_000L)) {
                return Math.max(0, last - start) / 1e9;
            }
        }
        return -1;
    }

    private String runId() {
        return "tp-" + Long.toString(System.currentTimeMillis(), 36) + runs.incrementAndGet();
    }
}
