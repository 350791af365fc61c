package org.anshin.notifier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.anshin.notifier.Notices;
import org.anshin.notifier.NotifierService;
import org.anshin.notifier.NotifierSettings;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** close() ends within NotifierService.SHUTDOWN_BUDGET (inside compose's 30 s stop_grace_period) whatever hangs. */
@WithKafkaAndRegistry
class ShutdownIT {

    @Test
    void closeFitsTheShutdownBudgetWhileAReceiverHangs(Infra infra, @TempDir Path dir) throws Exception {
        try (Receiver receiver = new Receiver()) {
            receiver.delay("/hung", 120_000);
            NotifierHarness harness = new NotifierHarness(infra, dir, """
                          - type: webhook
                            url: %s
                    """.formatted(receiver.url("/hung")));
            NotifierSettings s = harness.settings;
            // a send that hangs for 60 s (the longest --send-timeout an operator might set)
            NotifierSettings settings = new NotifierSettings(s.groupId(), s.lanes(), s.maxInFlight(), s.retry(),
                    Duration.ofSeconds(60), s.commitInterval(), s.revokeGrace(), s.deliveriesTopic(), s.stateTopic(),
                    s.deadLetterTopic());
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            NotifierService service = NotifierService.start(harness.config(), harness.kafka(), harness.registry,
                    settings, meters);
            harness.publish(Notices.notice("hang-1", "inc-hang-1"));
            await().atMost(Duration.ofSeconds(60)).until(() -> service.ready()
                    && meters.get("anshin.notifier.in.flight").gauge().value() == 1);
            // the lane is now in the send (the receiver holds it for 120 s); its hit is recorded only on answering
            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
            long t0 = System.nanoTime();
            service.close();
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertThat(took).as("close() with a hung send")
                    .isLessThan(NotifierService.SHUTDOWN_BUDGET.plusSeconds(2));
            harness.close();
        }
    }
}
