package org.anshin.bench;

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
import java.util.function.LongFunction;

/**
 * The closed-loop load without wrk: {@code connections} keep-alive connections of java.net.http, each with one
 * request outstanding at a time, the requests made by a generator (request number -> request), so Anshin and
 * Alertmanager get the same load from the same client. Costs far more CPU per request than wrk, taken from the same
 * two cores: its CPU is shown beside the figures.
 */
final class IngestLoad {
    /**
     * Accepted (2xx) per second over the whole run and latencies, which client measured them and its CPU (clock
     * ticks; -1 when unknown).
     */
    record Result(String client, long accepted, long refused, long failed, double seconds, double p50Ms,
                  double p99Ms, long clientTicks) {
        double perSecond() {
            return accepted / seconds;
        }
    }

    private IngestLoad() {
    }

    static Result run(LongFunction<HttpRequest> requests, Duration duration, int connections) {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(pool)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Latencies latencies = new Latencies();
        AtomicLong refused = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong seq = new AtomicLong();
        Cpu.Ticks before = Cpu.self();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            loops.add(loop(client, requests, deadline, latencies, refused, failed, seq));
        }
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Cpu.Ticks after = Cpu.self();
        // the whole bench JVM (the webhook receiver included): an upper bound for the client's share
        long ticks = before == null || after == null ? -1 : after.own() - before.own();
        return new Result("java.net.http", latencies.count(), refused.get(), failed.get(), seconds,
                latencies.p50Ms(), latencies.p99Ms(), ticks);
    }

    private static CompletableFuture<Void> loop(HttpClient client, LongFunction<HttpRequest> requests, long deadline,
                                                Latencies latencies, AtomicLong refused, AtomicLong failed,
                                                AtomicLong seq) {
        if (System.nanoTime() >= deadline) {
            return CompletableFuture.completedFuture(null);
        }
        HttpRequest request = requests.apply(seq.incrementAndGet());
        long t0 = System.nanoTime();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
            if (error != null) {
                failed.incrementAndGet();
            } else if (response.statusCode() / 100 == 2) {
                latencies.recordNanos(System.nanoTime() - t0);
            } else {
                refused.incrementAndGet();
            }
            return null;
        }).thenCompose(v -> loop(client, requests, deadline, latencies, refused, failed, seq));
    }

    static int bodyBytes(Sectors sectors) {
        return Reports.initial("tp-0000000000-1-999999", sectors.of(0)).length();
    }
}
