package org.anshin.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.anshin.devstack.ManagedProcess;

/**
 * Prometheus Alertmanager (Debian's prometheus-alertmanager) doing Anshin's last job: an alert is
 * POSTed, it POSTs a webhook. No grouping ({@code group_by: ['...']}) and {@code group_wait: 0s}, so
 * it is measured at its fastest.
 */
public final class AlertmanagerBaseline implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
    private final ManagedProcess process;
    private final int port;

    private AlertmanagerBaseline(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static Optional<Path> binary() {
        return Files.isExecutable(BINARY) ? Optional.of(BINARY) : Optional.empty();
    }

    public static AlertmanagerBaseline start(Path workDir, String webhookUrl) throws IOException, InterruptedException {
        Files.createDirectories(workDir.resolve("data"));
        int port = freePort();
        Path config = workDir.resolve("alertmanager.yml");
        Files.writeString(config, """
                route:
                  receiver: sink
                  group_by: ['...']
                  group_wait: 0s
                  group_interval: 1s
                  repeat_interval: 24h
                receivers:
                  - name: sink
                    webhook_configs:
                      - url: %s
                        send_resolved: false
                """.formatted(webhookUrl));
        ManagedProcess p = ManagedProcess.start("alertmanager", List.of(BINARY.toString(),
                        "--config.file=" + config, "--storage.path=" + workDir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address="),
                workDir, workDir.resolve("alertmanager.log"), Map.of(), Duration.ofSeconds(5));
        AlertmanagerBaseline am = new AlertmanagerBaseline(p, port);
        am.awaitReady();
        return am;
    }

    /** The same shape of alert as the wrk script's ({@link LuaScripts#alerts}): one alert, unique id label. */
    public HttpRequest alert(String id, String sector) {
        String body = "[{\"labels\":{\"alertname\":\"AnshinBench\",\"id\":\"" + id + "\",\"sector\":\"" + sector + "\"},"
                + "\"annotations\":{\"summary\":\"bench\"},\"startsAt\":\"" + Instant.now() + "\"}]";
        return HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v2/alerts"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    private void awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready"))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("alertmanager not ready on port " + port + "; see its log");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
