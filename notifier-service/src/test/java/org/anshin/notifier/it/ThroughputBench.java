package org.anshin.notifier.it;

import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.anshin.notifier.Notices;
import org.anshin.notifier.NotifierService;
import org.anshin.schemas.IncidentNotice;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not part of {@code verify} (the name matches no include): a throughput measurement over the real broker,
 * run on demand with {@code mvn -o -f notifier-service/pom.xml test -Dtest=ThroughputBench}. Prints one
 * BENCH line; 3000 notices of 500 incidents to one local webhook.
 */
@WithKafkaAndRegistry
class ThroughputBench {
    @Test
    void deliversABacklogToOneWebhook(Infra infra, @TempDir Path dir) throws Exception {
        int n = 3000;
        try (Receiver receiver = new Receiver()) {
            NotifierHarness h = new NotifierHarness(infra, dir, """
                          - type: webhook
                            url: %s
                    """.formatted(receiver.url("/hook")));
            h.publish(java.util.stream.IntStream.range(0, n).mapToObj(i -> Notices.notice("b-" + i, "inc-" + (i % 500)))
                    .toArray(IncidentNotice[]::new));
            long t0 = System.nanoTime();
            try (NotifierService service = h.start(new SimpleMeterRegistry())) {
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20))
                        .until(() -> receiver.delivered("/hook").size() >= n);
                double secs = (System.nanoTime() - t0) / 1e9;
                System.out.printf("BENCH %d notices delivered in %.2f s incl. start-up: %.0f/s%n", n, secs, n / secs);
            }
            h.close();
        }
    }
}
