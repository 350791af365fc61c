package org.anshin.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * The on-call end of the pipeline: a real HTTP server on 127.0.0.1 that every CEPTOAR's webhook channel posts
 * to ({@code /hook/<ceptoarId>}), answering 200 and remembering each delivery with its {@code Idempotency-Key}.
 * What the fault suite counts as delivered, lost and duplicated.
 */
public final class Receiver implements AutoCloseable {
    /** One webhook delivery as the receiver saw it. */
    public record Delivery(String path, String idempotencyKey, String noticeId, String incidentId, String noticeType,
                           Instant at) {
    }

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Delivery> deliveries = new ArrayList<>();

    public Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/hook/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                JsonNode body = json.readTree(in.readAllBytes());
                Delivery d = new Delivery(exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Idempotency-Key"), body.path("noticeId").asText(null),
                        body.path("incidentId").asText(null), body.path("noticeType").asText(null), Instant.now());
                synchronized (deliveries) {
                    deliveries.add(d);
                }
                exchange.sendResponseHeaders(200, -1);
            } catch (IOException | RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** {@code http://127.0.0.1:PORT/hook/<ceptoarId>} */
    public String hookUrl(String ceptoarId) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook/" + ceptoarId;
    }

    public List<Delivery> deliveries() {
        synchronized (deliveries) {
            return List.copyOf(deliveries);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
