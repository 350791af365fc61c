package org.anshin.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.anshin.common.config.AnshinConfig;
import org.anshin.common.config.ImpactFields;
import org.anshin.common.config.SectorLevel;
import org.anshin.ingest.IngestService;
import org.anshin.routing.RoutingApp;
import org.anshin.routing.RoutingConfig;
import org.anshin.routing.fanout.Pseudonyms;
import org.anshin.schemas.TopicSpec;
import org.anshin.schemas.Topics;
import org.anshin.schemas.registry.RestSchemaRegistryClient;
import org.anshin.testsupport.Infra;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * ingest-service, routing-service and the console in this JVM on the shared broker, with the contract's topic
 * names (no prefix: ingest routes drills to {@code exercise.<topic>}, which a prefix would break). One per JVM.
 */
final class Pipeline implements AutoCloseable {
    static final String INTERNAL_TOKEN = "console-test-internal-token-0123456789";
    static final ObjectMapper JSON = new ObjectMapper();
    final AnshinConfig config = ConsoleFixture.CONFIG;
    final RoutingApp routing;
    final IngestService ingest;
    final ConsoleService console;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    Pipeline(Infra infra) throws Exception {
        List<TopicSpec> specs = Topics.all(config.ceptoars().ids(), (short) 1);
        infra.createTopics(specs.stream().map(t -> new NewTopic(t.name(), t.partitions(), (short) 1)
                .configs(t.configs())).toArray(NewTopic[]::new));
        RestSchemaRegistryClient registry = new RestSchemaRegistryClient(infra.registryUrl());
        RoutingConfig rc = RoutingConfig.from(config).withPseudonyms(Pseudonyms.fromKey("console-test-pseudonym-key-0123456789"));
        int routingPort = freePort();
        routing = new RoutingApp(rc, new RoutingApp.Settings(infra.uniqueTopic("console-routing"),
                infra.bootstrapServers(), registry, true, Files.createTempDirectory("console-routing"), "127.0.0.1",
                "127.0.0.1", routingPort, INTERNAL_TOKEN, Map.of()));
        org.anshin.ingest.IngestCommand args = org.anshin.ingest.IngestCommand.parse(new String[] {"--config", config.dir().toString(), "--bootstrap-servers",
                infra.bootstrapServers(), "--schema-registry-url", infra.registryUrl(), "--port", "0",
                "--internal-token", INTERNAL_TOKEN, "--routing-url", "http://127.0.0.1:" + routingPort,
                "--profile", "local"}, Map.of());
        ingest = IngestService.start(config, args.shared(), args.options());
        console = ConsoleService.start(config, Map.of("bootstrap.servers", infra.bootstrapServers()), registry,
                new ConsoleOptions(0, "127.0.0.1", URI.create("http://127.0.0.1:" + ingest.port()),
                        Duration.ofMinutes(30), Duration.ofHours(12), 4, Duration.ofSeconds(5), 20,
                        Duration.ofMinutes(1), "", true, false, 2000));
    }

    boolean ready() {
        return routing.ready() && ingest.kafkaReachable() && console.ready();
    }

    String consoleUrl() {
        return "http://127.0.0.1:" + console.port();
    }

    /** POSTs an INITIAL report that exceeds its sector's level; answers ingest's status. */
    int report(String token, String sector, String summary, String tlp, boolean exercise) throws Exception {
        SectorLevel level = config.levels().of(sector).orElseThrow();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(9)).truncatedTo(ChronoUnit.SECONDS);
        ObjectNode body = JSON.createObjectNode();
        body.put("reportId", UUID.randomUUID().toString());
        body.put("incidentId", sector + "-" + UUID.randomUUID().toString().substring(0, 8));
        body.put("reportType", "INITIAL");
        body.put("sector", sector);
        body.put("occurredAt", now.minusMinutes(30).toString());
        body.put("detectedAt", now.minusMinutes(20).toString());
        body.putNull("resolvedAt");
        body.put("summary", summary);
        body.put("cause", "UNINTENTIONAL");
        body.putArray("ciaImpact").add("AVAILABILITY");
        ObjectNode impact = body.putObject("impact");
        for (String field : level.requiredImpact()) {
            if (ImpactFields.kind(field) == ImpactFields.Kind.FLAG) {
                impact.put(field, true);
            } else {
                impact.put(field, 150_000);
            }
        }
        body.put("tlp", tlp);
        body.put("exercise", exercise);
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingest.port() + "/v1/incidents"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        console.close();
        ingest.close();
        routing.close();
    }
}
