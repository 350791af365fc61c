package org.anshin.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Executors;

/**
 * The inbox's HTTP side: any {@code POST} (webhook, slack, pagerduty, alertmanager) is kept and answered
 * 200; {@code GET /inbox} lists what arrived, newest first.
 */
public final class InboxHttp implements AutoCloseable {
    private static final int MAX_BODY = 1 << 20;
    private final HttpServer server;
    private final Inbox inbox;
    private final ObjectMapper json;

    public InboxHttp(String host, int port, Inbox inbox, ObjectMapper json) throws IOException {
        this.inbox = inbox;
        this.json = json;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 64);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            if ("GET".equals(method) && ("/inbox".equals(path) || "/inbox/".equals(path))) {
                respond(ex, 200, "application/json", json.writeValueAsBytes(inbox.newestFirst()));
            } else if ("POST".equals(method) || "PUT".equals(method)) {
                byte[] body = read(ex.getRequestBody());
                if (body == null) {
                    respond(ex, 413, "text/plain", "too large\n".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                keep(ex, method, path, body);
                respond(ex, 200, "application/json", "{\"status\":\"received\"}".getBytes(StandardCharsets.UTF_8));
            } else if ("GET".equals(method) && "/".equals(path)) {
                respond(ex, 200, "text/plain", ("Anshin local inbox. GET /inbox lists what arrived, newest first.\n")
                        .getBytes(StandardCharsets.UTF_8));
            } else {
                respond(ex, 404, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private void keep(HttpExchange ex, String method, String path, byte[] body) {
        ObjectNode item = json.createObjectNode();
        item.put("receivedAt", Instant.now().toString());
        item.put("kind", "http");
        item.put("method", method);
        item.put("path", path);
        String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
        if (key != null) {
            item.put("idempotencyKey", key);
        }
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            item.set("body", json.readTree(text));
        } catch (JsonProcessingException e) {
            item.put("body", text);
        }
        inbox.add(item, "[inbox] " + item.get("receivedAt").asText() + " HTTP " + method + " " + path + " "
                + describe(item.get("body")));
    }

    /** A short human line for the console: the notice's id and type when the body carries one. */
    private static String describe(JsonNode body) {
        JsonNode n = body.isArray() && !body.isEmpty() ? body.get(0) : body;
        for (String field : new String[] {"noticeId", "dedup_key", "text"}) {
            if (n.hasNonNull(field)) {
                String v = n.get(field).asText().replace('\n', ' ');
                return field + "=" + (v.length() > 120 ? v.substring(0, 120) + "…" : v)
                        + (n.hasNonNull("noticeType") ? " " + n.get("noticeType").asText() : "")
                        + (n.hasNonNull("classification") ? " " + n.get("classification").asText() : "");
            }
        }
        if (n.has("labels")) {
            return "alert " + n.get("labels");
        }
        return n.toString().length() > 160 ? n.toString().substring(0, 160) + "…" : n.toString();
    }

    private static byte[] read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        return bytes.length > MAX_BODY ? null : bytes;
    }

    private static void respond(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(1);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
