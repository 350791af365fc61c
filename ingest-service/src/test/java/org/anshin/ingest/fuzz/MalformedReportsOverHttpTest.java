package org.anshin.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import org.anshin.common.config.AnshinConfig;
import org.anshin.ingest.IngestRunner;
import org.anshin.ingest.IngestService;
import org.anshin.ingest.Reports;
import org.anshin.ingest.TestConfig;
import org.anshin.ingest.http.Http;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A few thousand generated malformed requests through the real HTTP app, real broker and registry: every one
 * answered 4xx with a problem document, never 5xx, and none reaches the topic. (jqwik generates the cases;
 * the test runs under JUnit Jupiter because the shared broker is a Jupiter extension.)
 */
@WithKafkaAndRegistry
class MalformedReportsOverHttpTest {
    private static final int CASES = 2500;
    private static final Path CONFIG_DIR = TestConfig.write();
    private static final AnshinConfig CONFIG = AnshinConfig.load(CONFIG_DIR);
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "application/problem+json", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1");

    @Test
    void malformedRequestsAre4xxAndNeverReachTheTopic(Infra infra) {
        String topic = infra.createUniqueTopics("incidents.reports").get(0);
        try (IngestService service = IngestRunner.startReady(CONFIG_DIR, infra.bootstrapServers(), infra.registryUrl(),
                topic)) {
            Http http = new Http(service.port());
            MalformedBodies generator = new MalformedBodies(CONFIG);
            Map<Integer, Integer> statuses = new TreeMap<>();
            var contentTypes = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, Arbitraries.just(CONTENT_TYPES.get(0))),
                    net.jqwik.api.Tuple.of(1, Arbitraries.of(CONTENT_TYPES)));
            var cases = net.jqwik.api.Combinators.combine(generator.bodies(), contentTypes).as(Map::entry)
                    .sampleStream().limit(CASES).toList();
            for (Map.Entry<byte[], String> c : cases) {
                HttpResponse<String> r = http.post(TestConfig.ALL_TOKEN, c.getValue(), c.getKey());
                statuses.merge(r.statusCode(), 1, Integer::sum);
                assertThat(r.statusCode()).as("%s %s -> %s", c.getValue(),
                        new String(c.getKey(), StandardCharsets.UTF_8), r.body()).isBetween(400, 499);
                assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            }
            assertThat(statuses).containsKey(400).containsKey(415);

            // a sentinel sent after all of them; a single-partition topic holding only it proves none got in
            String sentinel = Reports.valid(CONFIG, "electricity").toString();
            assertThat(http.post(TestConfig.ALL_TOKEN, sentinel).statusCode()).isEqualTo(202);
            List<ConsumerRecord<byte[], byte[]>> records = infra.readAtLeast(topic, 1);
            assertThat(records).hasSize(1);
            assertThat(service.registry().scrape()).contains("anshin_reports_received_total{outcome=\"invalid\"");
        }
    }
}
