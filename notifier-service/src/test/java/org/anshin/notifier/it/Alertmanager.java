package org.anshin.notifier.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code prometheus-alertmanager} as a real Alertmanager on a free port with a temp config and
 * storage. Tests using it are skipped, saying so, where the binary is not installed
 * ({@code apt-get install -y prometheus-alertmanager}).
 */
public final class Alertmanager implements AutoCloseable {
    public static final Path BINARY = Path.of(System.getProperty("anshin.alertmanager.binary",
            "/usr/bin/prometheus-alertmanager"));
    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private Alertmanager(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static Alertmanager startOrSkip(Path dir) throws IOException {
        return startOrSkip(dir, Duration.ofMinutes(5));
    }

    /** @param resolveTimeout {@code global.resolve_timeout}: when an alert posted without endsAt ends */
    public static Alertmanager startOrSkip(Path dir, Duration resolveTimeout) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "prometheus-alertmanager not installed at " + BINARY
                + ": skipping the Alertmanager channel test (apt-get install -y prometheus-alertmanager)");
        Files.createDirectories(dir);
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, """
                global:
                  resolve_timeout: %ds
                route:
                  receiver: none
                  group_wait: 1s
                receivers:
                  - name: none
                """.formatted(resolveTimeout.toSeconds()));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=", "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        Alertmanager am = new Alertmanager(p, port);
        await("alertmanager ready on " + port).atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> am.get("/-/ready").statusCode() == 200);
        return am;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code GET /api/v2/alerts}: the alerts Alertmanager holds as firing (resolved ones drop out). */
    public JsonNode alerts() throws IOException, InterruptedException {
        return json.readTree(get("/api/v2/alerts").body());
    }

    /** {@code GET /api/v2/alerts?active=true}: the alerts firing now (not resolved, not silenced or inhibited). */
    public JsonNode activeAlerts() throws IOException, InterruptedException {
        return json.readTree(get("/api/v2/alerts?active=true&silenced=false&inhibited=false").body());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
