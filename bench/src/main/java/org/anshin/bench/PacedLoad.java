package org.anshin.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Sends requests on a fixed schedule (open model: the schedule does not wait for answers, so a slow server shows
 * up as latency, not as a lower offered rate) and remembers when each one was sent, by the key its delivery will
 * carry at the sink.
 */
public final class PacedLoad {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, Long> sentNanos = new ConcurrentHashMap<>();
    private final Map<String, Long> answeredNanos = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    private final Map<String, Integer> errors = new ConcurrentHashMap<>();
    private volatile long startNanos;
    private volatile long startEpochMillis;

    /** A request to send, with the key the sink will see for it. */
    public record Item(String key, HttpRequest request) {
    }

    /** Sends {@code total} items at {@code perSecond}; returns once every answer is in. */
    public PacedLoad run(double perSecond, int total, IntFunction<Item> items) throws InterruptedException {
        CountDownLatch answered = new CountDownLatch(total);
        startNanos = System.nanoTime();
        startEpochMillis = System.currentTimeMillis();
        double intervalNanos = 1e9 / perSecond;
        for (int i = 0; i < total; i++) {
            long wait = startNanos + (long) (i * intervalNanos) - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait); // pacing is the purpose of this loop
            }
            Item item = items.apply(i);
            sentNanos.put(item.key(), System.nanoTime());
            http.sendAsync(item.request(), HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                answeredNanos.put(item.key(), System.nanoTime());
                statuses.merge(e == null ? r.statusCode() : -1, 1, Integer::sum);
                if (e != null && errors.size() < 5) {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    errors.merge(cause.getClass().getSimpleName() + ": " + cause.getMessage(), 1, Integer::sum);
                }
                answered.countDown();
            });
        }
        if (!answered.await(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("answers missing 2 minutes after the last send: " + answered.getCount());
        }
        return this;
    }

    public long startNanos() {
        return startNanos;
    }

    public Map<String, Long> sent() {
        return sentNanos;
    }

    /** Answers by HTTP status (-1: no answer, an I/O error). */
    public Map<Integer, Integer> statuses() {
        return new TreeMap<>(statuses);
    }

    /** The first few kinds of I/O error (status -1), with counts. */
    public Map<String, Integer> errors() {
        return new TreeMap<>(errors);
    }

    /** Answers that were not 2xx. */
    public long refused() {
        return statuses.entrySet().stream().filter(e -> e.getKey() / 100 != 2).mapToLong(Map.Entry::getValue).sum();
    }

    /** Waits until the sink has seen every key sent, or {@code timeout}; returns how many are still missing. */
    public long awaitArrivals(WebhookSink sink, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long missing;
        do {
            missing = sentNanos.keySet().stream().filter(k -> sink.arrivalNanos(k) == null).count();
            if (missing == 0) {
                return 0;
            }
            Thread.sleep(200); // polling an in-memory map; arrival times are recorded by the sink, not here
        } while (System.nanoTime() < deadline);
        return missing;
    }

    /**
     * One line per request in the order sent: when it was sent (ms after the first, and the wall-clock time, to
     * set beside GC and service logs), then the milliseconds from sending to its answer, to {@code midway} and to
     * the sink (empty where never seen). For finding what a tail is made of: a stall shows as a run of neighbours
     * that are all late.
     */
    public void writeSamples(Path file, WebhookSink sink, Function<String, Long> midway) throws IOException {
        List<Map.Entry<String, Long>> sent = new ArrayList<>(sentNanos.entrySet());
        sent.sort(Map.Entry.comparingByValue());
        StringBuilder csv = new StringBuilder("sent_ms,sent_at,answer_ms,visible_ms,delivered_ms,key\n");
        for (Map.Entry<String, Long> e : sent) {
            long at = e.getValue();
            long sentMillis = startEpochMillis + (at - startNanos) / 1_000_000;
            csv.append(ms(at - startNanos)).append(',').append(Instant.ofEpochMilli(sentMillis)).append(',')
                    .append(since(at, answeredNanos.get(e.getKey()))).append(',')
                    .append(since(at, midway.apply(e.getKey()))).append(',')
                    .append(since(at, sink.arrivalNanos(e.getKey()))).append(',').append(e.getKey()).append('\n');
        }
        Files.writeString(file, csv);
    }

    private static String since(long from, Long to) {
        return to == null ? "" : ms(to - from);
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    /** Latencies from send to the sink's first arrival, for every key sent; missing ones are counted. */
    public Result measure(WebhookSink sink) {
        return measure(sink, key -> null);
    }

    /**
     * As {@link #measure(WebhookSink)}, and cut at {@code midway} (when the key was seen on the way, System.nanoTime,
     * or null): POST -> midway and midway -> sink, for the keys seen there.
     */
    public Result measure(WebhookSink sink, java.util.function.Function<String, Long> midway) {
        Latencies latencies = new Latencies();
        Latencies before = new Latencies();
        Latencies after = new Latencies();
        long missing = 0;
        for (Map.Entry<String, Long> e : sentNanos.entrySet()) {
            Long arrived = sink.arrivalNanos(e.getKey());
            if (arrived == null) {
                missing++;
                continue;
            }
            latencies.recordNanos(arrived - e.getValue());
            Long seen = midway.apply(e.getKey());
            if (seen != null) {
                before.recordNanos(seen - e.getValue());
                after.recordNanos(arrived - seen);
            }
        }
        return new Result(latencies, sentNanos.size(), missing, refused(),
                before.count() == 0 ? null : new Split(before, after));
    }

    /** What one paced run measured; {@code split} is null where nothing was seen midway. */
    public record Result(Latencies latencies, long sent, long missing, long refused, Split split) {
    }

    /** The latency cut midway: POST -> midway and midway -> the sink. */
    public record Split(Latencies toMidway, Latencies fromMidway) {
    }
}
