package org.anshin.ingest.bench;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator for POST /v1/incidents (a benchmark, not a test): {@code connections} keep-alive connections,
 * each with one request outstanding at a time (closed loop), ~1 KB valid electricity reports with fresh
 * reportIds over 1,000 incidents. Prints accepted reports/s and 202 latency percentiles as a table.
 */
public final class IngestBench {
    private IngestBench() {
    }

    public record Result(long accepted, long rejected, long failed, double seconds, long p50Micros, long p90Micros,
                         long p99Micros, long maxMicros) {
        public double acceptedPerSecond() {
            return accepted / seconds;
        }
    }

    public static Result run(String baseUrl, String token, Duration duration, int connections, PrintStream out) {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(pool)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create(baseUrl + "/v1/incidents");
        String template = template();
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicLong rejected = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            LatencyLog log = new LatencyLog();
            loops.add(loop(client, uri, token, template, deadline, log, rejected, failed));
            latencies.add(null);
            final int i = c;
            loops.set(c, loops.get(c).thenRun(() -> latencies.set(i, log.toArray())));
        }
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        Result r = new Result(all.length, rejected.get(), failed.get(), seconds, pct(all, 50), pct(all, 90), pct(all, 99),
                all.length == 0 ? 0 : all[all.length - 1]);
        print(r, connections, template.length(), out);
        return r;
    }

    private static CompletableFuture<Void> loop(HttpClient client, URI uri, String token, String template, long deadline,
                                                LatencyLog log, AtomicLong rejected, AtomicLong failed) {
        if (System.nanoTime() >= deadline) {
            return CompletableFuture.completedFuture(null);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body(template))).build();
        long t0 = System.nanoTime();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
            if (error != null) {
                failed.incrementAndGet();
            } else if (response.statusCode() == 202) {
                log.add((System.nanoTime() - t0) / 1000);
            } else {
                rejected.incrementAndGet();
            }
            return null;
        }).thenCompose(v -> loop(client, uri, token, template, deadline, log, rejected, failed));
    }

    private static String template() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(9));
        String summary = "Supply loss after control-system failure at substation; operator investigating. "
                .repeat(8);
        return "{\"reportId\":\"%RID%\",\"incidentId\":\"bench-%IID%\",\"reportType\":\"INITIAL\","
                + "\"sector\":\"electricity\",\"occurredAt\":\"" + now.minusMinutes(30) + "\",\"detectedAt\":\""
                + now.minusMinutes(20) + "\",\"resolvedAt\":null,\"summary\":\"" + summary + "\","
                + "\"cause\":\"UNINTENTIONAL\",\"ciaImpact\":[\"AVAILABILITY\"],\"impact\":{\"supplyLossKw\":150000},"
                + "\"tlp\":\"GREEN\",\"exercise\":false}";
    }

    private static String body(String template) {
        UUID id = UUID.randomUUID();
        return template.replace("%RID%", id.toString()).replace("%IID%", Long.toString(Math.floorMod(id.getLeastSignificantBits(), 1000)));
    }

    private static long pct(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static void print(Result r, int connections, int bodyBytes, PrintStream out) {
        out.println();
        out.println("| connections | body bytes | seconds | accepted (202) | other 4xx/5xx | errors | accepted/s | p50 ms | p90 ms | p99 ms | max ms |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        out.printf("| %d | ~%d | %.1f | %d | %d | %d | %.0f | %.2f | %.2f | %.2f | %.1f |%n", connections, bodyBytes, r.seconds(),
                r.accepted(), r.rejected(), r.failed(), r.acceptedPerSecond(), r.p50Micros() / 1000.0, r.p90Micros() / 1000.0,
                r.p99Micros() / 1000.0, r.maxMicros() / 1000.0);
    }

    /** One connection's latencies; appended by one request chain at a time. */
    private static final class LatencyLog {
        private long[] values = new long[1 << 14];
        private int size;

        synchronized void add(long micros) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = micros;
        }

        synchronized long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
