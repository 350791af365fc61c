package org.anshin.examples.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The Java example against the real broker and registry: committed notices only, printed, then committed. */
@WithKafkaAndRegistry
class NoticeSubscriberTest {

    private final Infra infra;

    NoticeSubscriberTest(Infra infra) {
        this.infra = infra;
    }

    @Test
    void printsEveryCommittedNoticeOnceAndCommitsWhatItPrinted() throws Exception {
        SubscriberScenario scenario = SubscriberScenario.written(infra);
        String group = infra.uniqueTopic("secretariat-gas");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (NoticeSubscriber subscriber = new NoticeSubscriber(infra.bootstrapServers(), infra.registryUrl(), group,
                new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            subscriber.subscribe(scenario.topics());
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                subscriber.pollOnce(Duration.ofMillis(200));
                return lines(printed).size() >= SubscriberScenario.committedNoticeIds().size();
            });
            assertThat(subscriber.pollOnce(Duration.ofMillis(500))).as("nothing after the committed notices").isZero();
        }

        List<String> lines = lines(printed);
        assertThat(lines).hasSize(5);
        assertThat(SubscriberScenario.noticeIds(lines)).isEqualTo(SubscriberScenario.committedNoticeIds());
        assertThat(lines).noneMatch(l -> l.contains(SubscriberScenario.ABORTED));
        assertThat(lines).filteredOn(l -> l.contains(" " + scenario.incidents + " "))
                .as("one partition: the order routing committed them in")
                .extracting(l -> l.split(" ")[1]).containsExactly("n-1", "n-2", "n-3");
        assertThat(lines).contains("notice n-2 incident=k-1 type=UPDATED classification=EXCEEDS_VERIFICATION_LEVEL"
                + " tlp=AMBER exercise=false " + scenario.incidents + " 0@4");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("advisory a-1 advisory=adv-1 severity=WARNING"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("notice x-1 ").contains("exercise=true"));
        // committed up to the read_committed end, past the transaction markers: a restart reads nothing again
        assertThat(SubscriberScenario.committedBy(infra, group)).isEqualTo(scenario.committedEnds(infra));
    }

    @Test
    void theAbortedNoticeIsOnTheLogSoReadCommittedIsWhatHidesIt() {
        // the same topic read_uncommitted: the aborted notice is there, so the test above checks something
        SubscriberScenario scenario = SubscriberScenario.written(infra);
        Map<String, Object> config = new java.util.HashMap<>(
                NoticeSubscriber.consumerConfig(infra.bootstrapServers(), infra.uniqueTopic("uncommitted")));
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        List<String> seen = new ArrayList<>();
        try (org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]> consumer =
                     new org.apache.kafka.clients.consumer.KafkaConsumer<>(config,
                             new org.apache.kafka.common.serialization.StringDeserializer(),
                             new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of(scenario.incidents));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(r.key());
                }
                return seen.size() >= 4;
            });
        }
        assertThat(seen).containsExactly("k-1", "k-aborted", "k-1", "k-1");
    }

    static List<String> lines(ByteArrayOutputStream out) {
        String text = out.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }
}
