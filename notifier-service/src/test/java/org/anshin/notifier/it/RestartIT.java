package org.anshin.notifier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.anshin.notifier.Notices;
import org.anshin.notifier.NotifierService;
import org.anshin.notifier.delivery.NotifierMetrics;
import org.anshin.schemas.IncidentNotice;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the notifier in the middle of a burst and starting another instance sends nothing twice. */
@WithKafkaAndRegistry
class RestartIT {
    private static final int NOTICES = 100;

    @Test
    void aRestartMidDeliverySendsEachNoticeToEachChannelOnce(Infra infra, @TempDir Path dir) throws Exception {
        try (Receiver receiver = new Receiver()) {
            receiver.delay("/slow", 300);
            NotifierHarness harness = new NotifierHarness(infra, dir, """
                          - type: webhook
                            url: %s
                          - type: webhook
                            url: %s
                    """.formatted(receiver.url("/slow"), receiver.url("/fast")));
            harness.publish(java.util.stream.IntStream.range(0, NOTICES)
                    .mapToObj(i -> Notices.notice("rs-" + i, "inc-rs-" + i)).toArray(IncidentNotice[]::new));

            NotifierService first = NotifierService.start(harness.config(),
                    Map.of("bootstrap.servers", infra.bootstrapServers()), harness.registry,
                    harness.settings.withRevokeGrace(Duration.ofMillis(500)), new SimpleMeterRegistry());
            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.delivered("/slow").size() >= 10);
            first.close();
            int slowAtStop = receiver.delivered("/slow").size();
            assertThat(slowAtStop).as("stopped in the middle of the burst").isLessThan(NOTICES);

            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            try (NotifierService second = harness.start(meters)) {
                await().atMost(Duration.ofSeconds(90)).until(() -> receiver.delivered("/slow").size() >= NOTICES
                        && receiver.delivered("/fast").size() >= NOTICES);
                // whatever the first instance had settled but not committed, the second skips
                await().atMost(Duration.ofSeconds(30)).until(() -> meters.get(NotifierMetrics.DELIVERED)
                        .tag("outcome", "skipped").counters().stream().mapToDouble(c -> c.count()).sum() > 0);
            }
            for (String path : new String[] {"/slow", "/fast"}) {
                Map<String, Long> perKey = receiver.hits(path).stream()
                        .collect(Collectors.groupingBy(Receiver.Hit::idempotencyKey, Collectors.counting()));
                assertThat(perKey).hasSize(NOTICES);
                assertThat(perKey.values()).as("sends per notice on " + path).containsOnly(1L);
            }
            harness.close();
        }
    }
}
