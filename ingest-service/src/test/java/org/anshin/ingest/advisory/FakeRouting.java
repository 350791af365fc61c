package org.anshin.ingest.advisory;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.anshin.ingest.IngestRunner;

/**
 * A small HTTP server playing routing-service's internal API (interface 4 of the advisory work) for ingest's
 * tests: answers by path and query from a map, 401 without the internal token, and remembers what was asked.
 */
public final class FakeRouting implements AutoCloseable {
    public final Map<String, String> answers = new ConcurrentHashMap<>();
    public final List<String> asked = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    public FakeRouting() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            String key = exchange.getRequestURI().getPath() + (query == null ? "" : "?" + query);
            asked.add(key);
            boolean authorized = ("Bearer " + IngestRunner.INTERNAL_TOKEN)
                    .equals(exchange.getRequestHeaders().getFirst("Authorization"));
            String body = answers.get(key);
            int status = !authorized ? 401 : body == null ? 404 : 200;
            byte[] bytes = (body == null ? "{\"title\":\"Unknown\"}" : body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
