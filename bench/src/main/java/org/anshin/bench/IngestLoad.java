package org.anshin.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load on {@code POST /v1/incidents}: {@code connections} keep-alive connections, each with one request
 * outstanding at a time, ~1 KB banking drill reports ({@code exercise: true}: the notices go to exercise topics no
 * bench channel reads, so this phase leaves routing a backlog but the notifier none).
 */
final class IngestLoad {
    /** Accepted reports/s over the whole run and 202 latencies, and which client measured them. */
    record Result(String client, long accepted, long refused, long failed, double seconds, double p50Ms,
                  double p99Ms) {
        double perSecond() {
            return accepted / seconds;
        }
    }

    private IngestLoad() {
    }

    static Result run(String baseUrl, String token, Duration duration, int connections) {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(pool)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create(baseUrl + "/v1/incidents");
        Latencies latencies = new Latencies();
        AtomicLong refused = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong seq = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            loops.add(loop(client, uri, token, deadline, latencies, refused, failed, seq));
        }
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Result("java.net.http", latencies.count(), refused.get(), failed.get(), seconds,
                latencies.p50Ms(), latencies.p99Ms());
    }

    private static CompletableFuture<Void> loop(HttpClient client, URI uri, String token, long deadline,
                                                Latencies latencies, AtomicLong refused, AtomicLong failed,
                                                AtomicLong seq) {
        if (System.nanoTime() >= deadline) {
            return CompletableFuture.completedFuture(null);
        }
        // 1,000 incidents: their state stays small, as with real operators sending updates
        String body = Reports.initial("ingest-" + (seq.incrementAndGet() % 1000), 1000, true);
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long t0 = System.nanoTime();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
            if (error != null) {
                failed.incrementAndGet();
            } else if (response.statusCode() == 202) {
                latencies.recordNanos(System.nanoTime() - t0);
            } else {
                refused.incrementAndGet();
            }
            return null;
        }).thenCompose(v -> loop(client, uri, token, deadline, latencies, refused, failed, seq));
    }

    static int bodyBytes() {
        return Reports.initial("ingest-999", 1000, true).length();
    }
}
