package org.anshin.examples.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.junit.jupiter.api.Test;

/**
 * examples/python/subscriber.py against the real broker and registry, with /usr/bin/python3 (the Debian packages
 * python3-confluent-kafka and python3-avro; a pyenv python3 on PATH may not have them).
 */
@WithKafkaAndRegistry
class PythonExampleTest {

    private static final String PYTHON = "/usr/bin/python3";
    private final Infra infra;

    PythonExampleTest(Infra infra) {
        this.infra = infra;
    }

    @Test
    void printsExactlyTheCommittedNoticesLikeTheJavaSubscriberAndCommitsThem() throws Exception {
        assumeTrue(ExternalProcess.works(List.of(PYTHON, "-c", "import confluent_kafka, avro")),
                PYTHON + " cannot import confluent_kafka and avro (Debian packages python3-confluent-kafka,"
                        + " python3-avro, python3-requests)");
        SubscriberScenario scenario = SubscriberScenario.written(infra);
        String group = infra.uniqueTopic("secretariat-gas-py");
        List<String> command = new ArrayList<>(List.of(PYTHON,
                SubscriberScenario.repoRoot().resolve("examples/python/subscriber.py").toString(),
                "--bootstrap", infra.bootstrapServers(), "--registry", infra.registryUrl(), "--group", group,
                "--max-messages", String.valueOf(SubscriberScenario.committedNoticeIds().size()), "--timeout", "60"));
        scenario.topics().forEach(t -> command.addAll(List.of("--topic", t)));

        ExternalProcess python = ExternalProcess.run(command, 90);

        assertThat(python.exitCode()).as(python.stderr()).isZero();
        assertThat(python.stdout()).hasSize(5);
        assertThat(SubscriberScenario.noticeIds(python.stdout())).isEqualTo(SubscriberScenario.committedNoticeIds());
        assertThat(python.stdout()).containsExactlyInAnyOrderElementsOf(javaLines(scenario));
        assertThat(SubscriberScenario.committedBy(infra, group)).as("a commit after each notice")
                .containsEntry(new org.apache.kafka.common.TopicPartition(scenario.incidents, 0), 6L);
    }

    /** What the Java example prints for the same topics: the two examples print the same lines. */
    private List<String> javaLines(SubscriberScenario scenario) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (NoticeSubscriber java = new NoticeSubscriber(infra.bootstrapServers(), infra.registryUrl(),
                infra.uniqueTopic("java-twin"), new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            java.subscribe(scenario.topics());
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                java.pollOnce(Duration.ofMillis(200));
                return NoticeSubscriberTest.lines(printed).size() >= 5;
            });
        }
        return NoticeSubscriberTest.lines(printed);
    }
}
