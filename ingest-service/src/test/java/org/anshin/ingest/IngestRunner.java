package org.anshin.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.anshin.common.config.AnshinConfig;
import org.awaitility.Awaitility;

/** Starts a real IngestService for a test, on a free port, against the given broker and registry. */
public final class IngestRunner {
    /** The internal token the tests' ingest sends to routing (GetIncidentProxyTest's fake checks it). */
    public static final String INTERNAL_TOKEN = "test-internal-token-0123456789";

    private IngestRunner() {
    }

    public static IngestService start(Path configDir, String bootstrap, String registryUrl, String topic,
                                      String... extra) {
        List<String> argv = new ArrayList<>(List.of("--config", configDir.toString(), "--bootstrap-servers", bootstrap,
                "--schema-registry-url", registryUrl, "--port", "0", "--reports-topic", topic,
                "--internal-token", INTERNAL_TOKEN));
        argv.addAll(List.of(extra));
        IngestCommand command = IngestCommand.parse(argv.toArray(String[]::new), Map.of());
        return IngestService.start(AnshinConfig.load(configDir), command.shared(), command.options());
    }

    public static IngestService startReady(Path configDir, String bootstrap, String registryUrl, String topic,
                                           String... extra) {
        IngestService service = start(configDir, bootstrap, registryUrl, topic, extra);
        Awaitility.await("Kafka reachable").atMost(Duration.ofSeconds(30)).until(service::kafkaReachable);
        return service;
    }
}
