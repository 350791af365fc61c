package org.anshin.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.anshin.common.config.AnshinConfig;
import org.anshin.ingest.Reports;
import org.anshin.ingest.TestConfig;
import org.anshin.ingest.auth.RateLimiter;
import org.anshin.ingest.auth.TokenAuthenticator;
import org.anshin.ingest.kafka.ReportPublisher;
import org.anshin.ingest.metrics.IngestMetrics;
import org.anshin.ingest.query.RoutingClient;
import org.anshin.ingest.validation.ReportValidator;
import org.anshin.schemas.IncidentReport;
import org.anshin.schemas.registry.InMemorySchemaRegistry;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Unit test of the ack handling (a MockProducer whose acks the test releases): the answer waits for the ack,
 * a failed ack is a 503, and draining refuses new reports while finishing the ones awaiting their ack.
 */
class GracefulShutdownTest {
    private static final AnshinConfig CONFIG = TestConfig.load();
    private final MockProducer<String, org.apache.avro.specific.SpecificRecord> producer = new MockProducer<>(false, null,
            new StringSerializer(), new org.anshin.ingest.kafka.AvroValueSerializer(new InMemorySchemaRegistry(), true));
    /** Two at most: {@link #beyondTheLimitAReportIsRefusedAtOnceNotHeld} fills it. */
    private final InFlight inFlight = new InFlight(2);
    private final ExecutorService answers = Executors.newFixedThreadPool(2);
    private final ExecutorService clients = Executors.newCachedThreadPool();
    private Javalin app;
    private Http http;

    @BeforeEach
    void start() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        IngestMetrics metrics = new IngestMetrics(registry, CONFIG.levels().bySector().keySet());
        TokenAuthenticator auth = new TokenAuthenticator(CONFIG.operators());
        RateLimiter limiter = new RateLimiter();
        PostIncidentHandler post = new PostIncidentHandler(auth, limiter,
                new org.anshin.ingest.auth.IncidentRateLimiter(), new ReportValidator(CONFIG.levels()),
                new ReportPublisher(producer, "reports"), () -> true, metrics, inFlight, answers, Clock.systemUTC(),
                Duration.ofSeconds(5));
        GetIncidentHandler get = new GetIncidentHandler(auth, limiter, new RoutingClient("http://127.0.0.1:1", Duration.ofSeconds(1),
                "test-internal-token-0123456789"),
                Duration.ofSeconds(5));
        app = IngestHttp.create(post, get, registry, metrics, () -> true).start(0);
        http = new Http(app.port());
    }

    @AfterEach
    void stop() {
        app.stop();
        answers.shutdownNow();
        clients.shutdownNow();
    }

    private CompletableFuture<HttpResponse<String>> postInBackground() {
        String body = Reports.valid(CONFIG, "electricity").toString();
        return CompletableFuture.supplyAsync(() -> http.post(TestConfig.ALL_TOKEN, body), clients);
    }

    @Test
    void the202WaitsForTheAckAndAFailedAckIs503() {
        CompletableFuture<HttpResponse<String>> ok = postInBackground();
        Awaitility.await().until(() -> producer.history().size() == 1);
        assertThat(ok).isNotDone();
        producer.completeNext();
        assertThat(ok.join().statusCode()).isEqualTo(202);

        CompletableFuture<HttpResponse<String>> failed = postInBackground();
        Awaitility.await().until(() -> producer.history().size() == 2);
        producer.errorNext(new NotEnoughReplicasException("min.insync.replicas not met"));
        HttpResponse<String> response = failed.join();
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("5");
    }

    @Test
    void drainingRefusesNewReportsAndFinishesTheWaitingOnes() throws Exception {
        CompletableFuture<HttpResponse<String>> waiting = postInBackground();
        Awaitility.await().until(() -> inFlight.count() == 1);
        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> {
            try {
                return inFlight.drain(Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, clients);
        Awaitility.await().until(() -> postInBackground().join().statusCode() == 503);
        assertThat(inFlight.draining()).isTrue();
        assertThat(drained).isNotDone();
        producer.completeNext();
        assertThat(waiting.join().statusCode()).isEqualTo(202);
        assertThat(drained.get()).isTrue();
    }

    @Test
    void beyondTheLimitAReportIsRefusedAtOnceNotHeld() {
        CompletableFuture<HttpResponse<String>> first = postInBackground();
        CompletableFuture<HttpResponse<String>> second = postInBackground();
        Awaitility.await().until(() -> inFlight.count() == 2);
        // the broker is slow: a third report is answered now (503, Retry-After), not held in the heap
        HttpResponse<String> refused = postInBackground().join();
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).contains("5");
        assertThat(refused.body()).contains("too many reports are waiting for Kafka's acknowledgement (2)")
                .contains("nothing was accepted");
        assertThat(producer.history()).hasSize(2);
        producer.completeNext(); // the older of the two, whichever reached the producer first
        Awaitility.await().until(() -> first.isDone() || second.isDone());
        CompletableFuture<HttpResponse<String>> third = postInBackground(); // a slot is free again
        Awaitility.await().until(() -> producer.history().size() == 3);
        producer.completeNext();
        producer.completeNext();
        assertThat(List.of(first.join(), second.join(), third.join())).extracting(HttpResponse::statusCode)
                .containsOnly(202);
    }

    @Test
    void aKeepAliveConnectionsParserKeepsNoHeaderCache() throws Exception {
        // with Jetty's default a keep-alive connection's parser holds a ~106 KB header trie after its second
        // request: 2,080 of them filled the 256 MB heap at 1,000 reports/s (BENCHMARKS.md)
        var connector = (ServerConnector) app.jettyServer().server().getConnectors()[0];
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            var out = socket.getOutputStream();
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            for (int i = 0; i < 2; i++) {
                out.write(("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: probe\r\n"
                        + "Accept: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(in.readLine()).startsWith("HTTP/1.1 ");
                readUntilBlankLineAndBody(in);
            }
            var connections = connector.getConnectedEndPoints().stream().map(e -> e.getConnection())
                    .filter(c -> c instanceof HttpConnection)
                    .map(c -> (HttpConnection) c).toList();
            assertThat(connections).isNotEmpty();
            for (var c : connections) {
                assertThat(c.getParser().getHeaderCacheSize()).isZero();
                assertThat(c.getParser().getFieldCache().size()).as("cached header fields").isZero();
            }
        }
    }

    private static void readUntilBlankLineAndBody(BufferedReader in) throws IOException {
        int length = 0;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        for (int i = 0; i < length; i++) {
            in.read();
        }
    }

    @Test
    void jettyLimitsItsConnections() {
        // each open connection costs heap: 8,539 of them filled the 256 MB heap at 1,000 reports/s (BENCHMARKS.md)
        var limit = app.jettyServer().server().getBean(org.eclipse.jetty.server.NetworkConnectionLimit.class);
        assertThat(limit).isNotNull();
        assertThat(limit.getMaxNetworkConnectionCount()).isEqualTo(IngestHttp.MAX_CONNECTIONS);
        assertThat(limit.getEndPointIdleTimeout()).isEqualTo(IngestHttp.IDLE_AT_LIMIT.toMillis());
        assertThat(limit.getNetworkConnectionCount()).isLessThanOrEqualTo(IngestHttp.MAX_CONNECTIONS);
        // and a listen backlog for a burst of new connections (Java's default is 50)
        var connector = (ServerConnector) app.jettyServer().server().getConnectors()[0];
        assertThat(connector.getAcceptQueueSize()).isEqualTo(IngestHttp.ACCEPT_QUEUE_SIZE);
    }
}
