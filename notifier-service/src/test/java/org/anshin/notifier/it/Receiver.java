package org.anshin.notifier.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP receiver (JDK server on a free port) standing in for webhook, slack and pagerduty
 * endpoints. Per path it can fail the first N requests, fail all of them, or answer slowly.
 */
public final class Receiver implements AutoCloseable {
    public record Hit(String path, String idempotencyKey, JsonNode body, int status) {
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final ObjectMapper json = new ObjectMapper();
    private final List<Hit> hits = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failFirst = new ConcurrentHashMap<>();
    private final Map<String, Integer> failStatus = new ConcurrentHashMap<>();
    private final Map<String, Long> delayMs = new ConcurrentHashMap<>();

    public Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void failFirst(String path, int times, int status) {
        failFirst.put(path, new AtomicInteger(times));
        failStatus.put(path, status);
    }

    public void failAlways(String path, int status) {
        failFirst(path, Integer.MAX_VALUE, status);
    }

    public void delay(String path, long millis) {
        delayMs.put(path, millis);
    }

    /** Every request, answered or not, in arrival order. */
    public List<Hit> hits(String path) {
        return hits.stream().filter(h -> h.path().equals(path)).toList();
    }

    public List<Hit> delivered(String path) {
        return hits(path).stream().filter(h -> h.status() / 100 == 2).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            JsonNode body = json.readTree(ex.getRequestBody().readAllBytes());
            Long delay = delayMs.get(path);
            if (delay != null) {
                try {
                    Thread.sleep(delay); // the slow receiver under test, not a test waiting for something
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            AtomicInteger left = failFirst.get(path);
            int status = left != null && left.getAndDecrement() > 0 ? failStatus.get(path) : 202;
            hits.add(new Hit(path, ex.getRequestHeaders().getFirst("Idempotency-Key"), body, status));
            byte[] answer = "{}".getBytes();
            ex.sendResponseHeaders(status, answer.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
