package org.anshin.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP receiver that notes when each key first arrived and how often (duplicates). The keys of a request
 * are pulled out of its body by a function, so one sink serves Anshin's webhook (incidentId for latency, noticeId
 * for loss and duplicates) and Alertmanager's (an alert label). Answers 200 at once: the sink must never be what
 * is measured.
 */
public final class WebhookSink implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final Map<String, Long> firstArrivalNanos = new ConcurrentHashMap<>();
    private final Map<String, Integer> arrivals = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private volatile long lastRequestNanos;

    public WebhookSink(Function<String, List<String>> keys) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            long now = System.nanoTime();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            requests.incrementAndGet();
            lastRequestNanos = now;
            for (String key : keys.apply(body)) {
                firstArrivalNanos.putIfAbsent(key, now);
                arrivals.merge(key, 1, Integer::sum);
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    /** Keys = every first capture group of {@code pattern} in the body. */
    public static WebhookSink matching(Pattern pattern) throws IOException {
        return new WebhookSink(body -> {
            Matcher m = pattern.matcher(body);
            List<String> ids = new ArrayList<>();
            while (m.find()) {
                ids.add(m.group(1));
            }
            return ids;
        });
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public Long arrivalNanos(String key) {
        return firstArrivalNanos.get(key);
    }

    /** How often {@code key} arrived (0 if never). */
    public int arrivals(String key) {
        return arrivals.getOrDefault(key, 0);
    }

    /** Distinct keys starting with {@code prefix} seen so far. */
    public long distinct(String prefix) {
        return firstArrivalNanos.keySet().stream().filter(k -> k.startsWith(prefix)).count();
    }

    /** Keys starting with {@code prefix}, with how often each arrived. */
    public Map<String, Integer> arrivalsWithPrefix(String prefix) {
        Map<String, Integer> out = new java.util.HashMap<>();
        arrivals.forEach((k, n) -> {
            if (k.startsWith(prefix)) {
                out.put(k, n);
            }
        });
        return out;
    }

    /** Latest first arrival among keys starting with {@code prefix}. */
    public long lastFirstArrivalNanos(String prefix) {
        return firstArrivalNanos.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(Map.Entry::getValue).max().orElse(0);
    }

    /** System.nanoTime() of the latest request (0 before the first). */
    public long lastRequestNanos() {
        return lastRequestNanos;
    }

    public long requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
