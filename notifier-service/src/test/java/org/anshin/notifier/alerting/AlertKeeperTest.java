package org.anshin.notifier.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.anshin.notifier.Notices;
import org.anshin.notifier.channel.ChannelOptions;
import org.anshin.notifier.channel.ChannelSpec;
import org.anshin.notifier.channel.ChannelType;
import org.anshin.notifier.channel.IncidentLinks;
import org.anshin.notifier.channel.Outbound;
import org.anshin.notifier.channel.SendResult;
import org.anshin.notifier.delivery.NoticeTicket;
import org.anshin.notifier.kafka.TopicRoute;
import org.anshin.schemas.Classification;
import org.anshin.schemas.DeliveryOutcome;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.NoticeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The keeper's rules with a hand-moved clock, a scripted Alertmanager and an in-memory firing log. */
class AlertKeeperTest {
    private static final Duration INTERVAL = Duration.ofSeconds(30);
    private static final String TOPIC = "ceptoar.electricity.incidents";
    private final ObjectMapper json = new ObjectMapper();
    private final ChannelSpec am = Notices.spec("electricity/alertmanager-1", ChannelType.ALERTMANAGER,
            "http://127.0.0.1:9093").withOptions(new ChannelOptions(Optional.empty(), Map.of(), false, INTERVAL,
            Optional.empty()));
    private final MutableClock clock = new MutableClock(Notices.OCCURRED.plusSeconds(600));
    private final List<Sent> sent = new ArrayList<>();
    private final Map<String, byte[]> log = new HashMap<>();
    private final List<String> deletes = new ArrayList<>();
    private final Map<String, DeliveryOutcome> ledger = new HashMap<>();
    private final OwnedPartitions owned = new OwnedPartitions();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private AlertKeeper keeper;

    private record Sent(JsonNode body, CompletableFuture<SendResult> answer) {
        JsonNode alert() {
            return body.get(0);
        }
    }

    @BeforeEach
    void setUp() {
        owned.owned(Set.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1), new TopicPartition(TOPIC, 2)),
                Map.of(TOPIC, 3));
        keeper = keeper("me");
    }

    private AlertKeeper keeper(String writer) {
        AlertPoster poster = (channel, body) -> {
            CompletableFuture<SendResult> answer = new CompletableFuture<>();
            try {
                sent.add(new Sent(json.readTree(body), answer));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return answer;
        };
        FiringLog firingLog = new FiringLog() {
            @Override
            public void put(String key, byte[] value) {
                log.put(key, value);
            }

            @Override
            public void delete(String key) {
                log.remove(key);
                deletes.add(key);
            }
        };
        return new AlertKeeper(Map.of(TOPIC, new TopicRoute(TOPIC, "electricity", List.of(am), false)),
                IncidentLinks.DEFAULT, poster, firingLog, owned,
                (noticeId, channel) -> Optional.ofNullable(ledger.get(noticeId + "|" + channel)), clock,
                Duration.ofSeconds(10), writer, meters);
    }

    private static IncidentNotice notice(String id, NoticeType type) {
        return Notices.builder(id, "inc-1").setIncidentKey("k-1").setNoticeType(type).build();
    }

    private void deliver(IncidentNotice... notices) {
        keeper.delivered(new Outbound(am, List.of(notices)));
    }

    private void take(IncidentNotice n) {
        keeper.taken(new NoticeTicket(n, false, List.of(am), () -> { }));
    }

    private void after(Duration d) {
        clock.now = clock.now.plus(d);
        keeper.tick();
    }

    private double reposts(String outcome) {
        return meters.get(AlertKeeper.REPOSTS).tag("outcome", outcome).counter().count();
    }

    @Test
    void anOpenIncidentIsPostedAgainEveryIntervalWithEndsAtTwoIntervalsAhead() throws Exception {
        deliver(notice("n1", NoticeType.NEW));
        assertThat(log).containsKey("electricity/alertmanager-1|k-1");
        keeper.tick();
        assertThat(sent).as("just delivered: the first re-post is one interval later").isEmpty();

        after(INTERVAL);
        assertThat(sent).hasSize(1);
        JsonNode alert = sent.get(0).alert();
        assertThat(alert.get("endsAt").asText()).isEqualTo(clock.now.plus(INTERVAL.multipliedBy(2)).toString());
        assertThat(alert.get("startsAt").asText()).isEqualTo(Notices.OCCURRED.toString());
        assertThat(alert.get("labels").get("incident_key").asText()).isEqualTo("k-1");
        assertThat(alert.get("generatorURL").asText()).isEqualTo("http://127.0.0.1:8084/incidents/k-1");
        sent.get(0).answer().complete(SendResult.delivered());
        assertThat(reposts("delivered")).isEqualTo(1);

        after(Duration.ofSeconds(10));
        assertThat(sent).hasSize(1);
        after(Duration.ofSeconds(20));
        assertThat(sent).hasSize(2);
        assertThat(keeper.keeping()).isEqualTo(1);
    }

    @Test
    void aRepostCarriesTheLatestDeliveredStateUnderTheSameLabels() {
        deliver(IncidentNotice.newBuilder(notice("n1", NoticeType.NEW)).setClassification(Classification.BELOW_VERIFICATION_LEVEL)
                .build());
        after(INTERVAL);
        sent.get(0).answer().complete(SendResult.delivered());
        deliver(notice("n2", NoticeType.ESCALATED));
        after(INTERVAL);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).alert().get("annotations").get("notice_id").asText()).isEqualTo("n2");
        assertThat(sent.get(1).alert().get("annotations").get("severity").asText()).isEqualTo("critical");
        assertThat(sent.get(1).alert().get("labels")).isEqualTo(sent.get(0).alert().get("labels"));
    }

    @Test
    void aResolvedTakenInStopsTheRepostsAndItsDeliveryEndsTheAlert() {
        deliver(notice("n1", NoticeType.NEW));
        take(notice("r2", NoticeType.RESOLVED));
        after(INTERVAL.multipliedBy(3));
        assertThat(sent).as("ending: no re-post while the RESOLVED waits in its lane").isEmpty();
        deliver(notice("r2", NoticeType.RESOLVED));
        assertThat(log).isEmpty();
        assertThat(deletes).containsExactly("electricity/alertmanager-1|k-1");
        after(INTERVAL.multipliedBy(3));
        assertThat(sent).isEmpty();
        assertThat(keeper.open()).isEmpty();
    }

    @Test
    void aResolvedDeliveredWhileARepostIsInFlightIsPostedOnceMoreAfterIt() {
        deliver(notice("n1", NoticeType.NEW));
        after(INTERVAL);
        assertThat(sent).hasSize(1); // in flight: it may reach Alertmanager after the RESOLVED
        Instant resolvedAt = clock.now.minusSeconds(5);
        take(notice("r2", NoticeType.RESOLVED));
        deliver(IncidentNotice.newBuilder(notice("r2", NoticeType.RESOLVED)).setResolvedAt(resolvedAt).build());
        keeper.tick();
        assertThat(sent).as("nothing while the re-post is in flight").hasSize(1);
        sent.get(0).answer().complete(SendResult.delivered());
        keeper.tick();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).alert().get("endsAt").asText()).isEqualTo(resolvedAt.toString());
        assertThat(sent.get(1).alert().get("annotations").get("notice_type").asText()).isEqualTo("RESOLVED");
        sent.get(1).answer().complete(SendResult.delivered());
        after(INTERVAL.multipliedBy(3));
        assertThat(sent).hasSize(2);
        assertThat(keeper.open()).isEmpty();
    }

    @Test
    void aResolvedJustAfterARepostAnsweredIsFollowedUpButNotOneLongAfter() {
        deliver(notice("n1", NoticeType.NEW));
        after(INTERVAL);
        sent.get(0).answer().complete(SendResult.delivered());
        clock.now = clock.now.plusSeconds(3); // within the 10 s overlap
        deliver(notice("r2", NoticeType.RESOLVED));
        keeper.tick();
        assertThat(sent).hasSize(2);
        sent.get(1).answer().complete(SendResult.delivered());

        deliver(notice("n3", NoticeType.NEW)); // reopened
        after(INTERVAL);
        sent.get(2).answer().complete(SendResult.delivered());
        clock.now = clock.now.plusSeconds(11);
        deliver(notice("r4", NoticeType.RESOLVED));
        keeper.tick();
        assertThat(sent).as("the re-post was answered before this RESOLVED could have been sent").hasSize(3);
    }

    @Test
    void aResolvedThatCouldNotBeDeliveredStillEndsTheAlert() {
        deliver(notice("n1", NoticeType.NEW));
        take(notice("r2", NoticeType.RESOLVED));
        ledger.put("r2|electricity/alertmanager-1", DeliveryOutcome.FAILED);
        after(Duration.ofSeconds(1));
        assertThat(deletes).containsExactly("electricity/alertmanager-1|k-1");
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).alert().get("endsAt").asText()).isEqualTo(clock.now.toString());
        sent.get(0).answer().complete(SendResult.retryable("HTTP 503"));
        after(INTERVAL.multipliedBy(3));
        assertThat(sent).as("best effort, once: the alert ends at its last endsAt anyway").hasSize(1);
    }

    @Test
    void aNoticeOlderThanATakenInResolvedDoesNotReopenButALaterOneDoes() {
        deliver(notice("n1", NoticeType.NEW));
        take(notice("u2", NoticeType.UPDATED));
        take(notice("r3", NoticeType.RESOLVED));
        take(notice("n4", NoticeType.UPDATED)); // a report within the closing period reopens it
        deliver(notice("u2", NoticeType.UPDATED));
        after(INTERVAL.multipliedBy(2));
        assertThat(sent).isEmpty();
        deliver(notice("r3", NoticeType.RESOLVED));
        assertThat(keeper.open()).isEmpty();
        deliver(notice("n4", NoticeType.UPDATED));
        assertThat(keeper.open()).containsExactly("electricity/alertmanager-1|k-1");
        after(INTERVAL);
        assertThat(sent).singleElement()
                .satisfies(s -> assertThat(s.alert().get("annotations").get("notice_id").asText()).isEqualTo("n4"));
    }

    @Test
    void onlyTheOwnerOfTheIncidentsPartitionRepostsAndATakeoverRepostsAtOnce() throws Exception {
        int partition = OwnedPartitions.partitionOf("k-1", 3);
        owned.owned(Set.of(new TopicPartition(TOPIC, (partition + 1) % 3)), Map.of(TOPIC, 3));
        AlertKeeper other = keeper("someone-else");
        deliverVia(other);
        // this instance learns it from the topic
        keeper.apply(record("electricity/alertmanager-1|k-1", log.get("electricity/alertmanager-1|k-1"), "someone-else"));
        assertThat(keeper.open()).containsExactly("electricity/alertmanager-1|k-1");
        after(INTERVAL.multipliedBy(2));
        assertThat(sent).as("not its partition").isEmpty();
        assertThat(keeper.keeping()).isZero();

        owned.owned(Set.of(new TopicPartition(TOPIC, partition)), Map.of(TOPIC, 3));
        after(Duration.ofMillis(250));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).alert().get("labels").get("incident_key").asText()).isEqualTo("k-1");
        assertThat(keeper.keeping()).isEqualTo(1);
    }

    private void deliverVia(AlertKeeper k) {
        k.delivered(new Outbound(am, List.of(notice("n1", NoticeType.NEW))));
    }

    @Test
    void recordsItWroteItselfAreSkippedAndTombstonesFromOthersEndTheEntry() throws Exception {
        keeper.apply(record("electricity/alertmanager-1|k-9", json.writeValueAsBytes(json.createObjectNode()
                .put("channel", "electricity/alertmanager-1").put("incidentKey", "k-9")
                .set("alert", json.createObjectNode())), "me"));
        assertThat(keeper.open()).isEmpty();
        deliver(notice("n1", NoticeType.NEW));
        keeper.apply(record("electricity/alertmanager-1|k-1", null, "me"));
        assertThat(keeper.open()).as("its own tombstone echo is older than its memory").hasSize(1);
        keeper.apply(record("electricity/alertmanager-1|k-1", null, "another"));
        assertThat(keeper.open()).isEmpty();
    }

    @Test
    void atMostFourRepostsPerChannelAreInFlightAndFailuresAreCountedAndTriedAgainBeforeEndsAt() {
        for (int i = 0; i < 6; i++) {
            keeper.delivered(new Outbound(am, List.of(Notices.builder("n" + i, "inc-" + i).setIncidentKey("k-" + i)
                    .build())));
        }
        owned.owned(Set.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1), new TopicPartition(TOPIC, 2)),
                Map.of(TOPIC, 3));
        after(INTERVAL);
        assertThat(sent).hasSize(AlertKeeper.MAX_IN_FLIGHT_PER_CHANNEL);
        sent.forEach(s -> s.answer().complete(SendResult.retryable("HTTP 503")));
        assertThat(reposts("failed")).isEqualTo(4);
        keeper.tick();
        assertThat(sent).as("the other two now").hasSize(6);
        sent.subList(4, 6).forEach(s -> s.answer().complete(SendResult.delivered()));
        after(INTERVAL.dividedBy(2));
        assertThat(sent).as("the four failed ones again after half an interval").hasSize(10);
    }

    @Test
    void cascadeWarningsAreNotKeptFiring() {
        IncidentNotice cascade = notice("c1", NoticeType.CASCADE_WARNING);
        take(cascade);
        deliver(cascade);
        after(INTERVAL.multipliedBy(3));
        assertThat(sent).isEmpty();
        assertThat(log).isEmpty();
    }

    private static ConsumerRecord<String, byte[]> record(String key, byte[] value, String writer) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(KafkaFiringLog.WRITER_HEADER, writer.getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>("firing", 0, 0L, 0L, TimestampType.CREATE_TIME, -1, -1, key, value, headers,
                Optional.empty());
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
