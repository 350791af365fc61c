package org.anshin.notifier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.anshin.notifier.Notices;
import org.anshin.notifier.NotifierService;
import org.anshin.notifier.kafka.ServiceHealth;
import org.anshin.schemas.IncidentNotice;
import org.anshin.testsupport.AbstractInfra;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.PrivateKafkaCluster;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state tailer rides out a broker restart: its catch-up requests time out while the broker is down
 * (endOffsets throws TimeoutException), it retries instead of dying, and afterwards assignments wait for
 * it again and nothing is delivered twice.
 */
@WithKafkaAndRegistry
class TailerBrokerRestartIT {

    /** A private, restartable broker with the shared registry. */
    private static final class PrivateInfra extends AbstractInfra {
        private final PrivateKafkaCluster kafka;
        private final String registryUrl;

        PrivateInfra(PrivateKafkaCluster kafka, String registryUrl) {
            this.kafka = kafka;
            this.registryUrl = registryUrl;
        }

        @Override
        public String bootstrapServers() {
            return kafka.bootstrapServers();
        }

        @Override
        public String registryUrl() {
            return registryUrl;
        }
    }

    @Test
    void theTailerSurvivesABrokerRestartAndNothingIsDeliveredTwice(Infra shared, @TempDir Path dir) throws Exception {
        try (PrivateKafkaCluster kafka = PrivateKafkaCluster.start();
             PrivateInfra infra = new PrivateInfra(kafka, shared.registryUrl());
             Receiver receiver = new Receiver()) {
            NotifierHarness harness = new NotifierHarness(infra, dir, """
                          - type: webhook
                            url: %s
                    """.formatted(receiver.url("/hook")));
            try (NotifierService first = harness.start(new SimpleMeterRegistry())) {
                harness.publish(notices(0, 5));
                await().atMost(Duration.ofSeconds(60)).until(() -> receiver.delivered("/hook").size() == 5);

                kafka.shutdownBroker();
                // what an assignment during the outage does: its end offsets time out inside the tailer
                assertThatThrownBy(() -> first.awaitStateCaughtUp(Duration.ofSeconds(15)))
                        .isInstanceOf(TimeoutException.class);
                kafka.startBroker();

                await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                        first.awaitStateCaughtUp(Duration.ofSeconds(10)));
                assertThat(first.health().alive(ServiceHealth.STATE_TAILER)).isTrue();
                harness.publish(notices(5, 10));
                await().atMost(Duration.ofSeconds(60)).until(() -> receiver.delivered("/hook").size() >= 10);
                // a second instance joins: the assignment waits for the (living) tailer and takes over cleanly
                try (NotifierService second = harness.start(new SimpleMeterRegistry())) {
                    harness.publish(notices(10, 15));
                    await().atMost(Duration.ofSeconds(90)).until(() -> receiver.delivered("/hook").size() >= 15);
                    await().atMost(Duration.ofSeconds(30)).until(() -> first.ready() && second.ready());
                    assertThat(first.fatal()).isNotDone();
                    assertThat(second.fatal()).isNotDone();
                }
            }
            Map<String, Long> perKey = receiver.hits("/hook").stream()
                    .collect(Collectors.groupingBy(Receiver.Hit::idempotencyKey, Collectors.counting()));
            assertThat(perKey).hasSize(15);
            assertThat(perKey.values()).as("sends per notice").containsOnly(1L);
            harness.close();
        }
    }

    private static IncidentNotice[] notices(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> Notices.notice("br-" + i, "inc-br-" + i))
                .toArray(IncidentNotice[]::new);
    }
}
