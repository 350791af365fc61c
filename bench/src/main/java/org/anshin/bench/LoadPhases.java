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

    /** One measured run. {@code ticks}: per process over the load and the settling; {@code deliveries}: webhooks. */
    record Run(IngestLoad.Result load, double settleSeconds, Map<String, Long> ticks, long deliveries) {
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
                connections, Map.of("alertmanager", am.pid()), sink, () -> quiet(sink, Duration.ofSeconds(60)));
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
        double settled = settle.await();
        Map<String, Long> ticks = Cpu.delta(before, Cpu.sample(pids));
        long delivered = sink.requests() - deliveredBefore;
        Run r = new Run(load, settled, ticks, delivered);
        out.printf("  CPU over the load and until idle (%.1f s after): %.0f us per accepted %s; %d webhook calls%n",
                settled, cpu.microsPer(r.sumTicks(), load.accepted()), ticks, delivered);
        return r;
    }

    /** Seconds until the receiver's last request before a quiet second, or -1 when {@code max} passes first. */
    private static double quiet(WebhookSink sink, Duration max) throws InterruptedException {
        long start = System.nanoTime();
        long lastChange = start;
        long last = sink.requests();
        while (System.nanoTime() - start < max.toNanos()) {
            Thread.sleep(100); // the receiver counts; this only decides when it has gone quiet
            long now = sink.requests();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange >= 1_000_000_000L) {
                return (lastChange - start) / 1e9;
            }
        }
        return -1;
    }

    private String runId() {
        return "tp-" + Long.toString(System.currentTimeMillis(), 36) + runs.incrementAndGet();
    }
}
