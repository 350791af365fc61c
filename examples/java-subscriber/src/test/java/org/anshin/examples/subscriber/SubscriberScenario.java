package org.anshin.examples.subscriber;

import static org.anshin.examples.subscriber.TransactionalNotices.advisory;
import static org.anshin.examples.subscriber.TransactionalNotices.notice;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.Topics;
import org.anshin.testsupport.Infra;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * One secretariat's topics with what routing could have written to them: on the incident topic two committed
 * transactions around an aborted one, an advisory, and a drill notice on the {@code exercise.} twin. The
 * subscribers must print exactly the committed notices ({@link #committedNoticeIds}) and never {@link #ABORTED}.
 */
final class SubscriberScenario {

    static final String ABORTED = "n-aborted";

    final String incidents;
    final String advisories;
    final String exerciseIncidents;

    private SubscriberScenario(String ceptoarId) {
        // the topic catalog of the kit names a secretariat's topics; the id is unique per test
        incidents = Topics.ceptoar(ceptoarId);
        advisories = Topics.ceptoarAdvisories(ceptoarId);
        exerciseIncidents = Topics.exercise(Topics.ceptoar(ceptoarId));
    }

    static SubscriberScenario written(Infra infra) {
        SubscriberScenario s = new SubscriberScenario(infra.uniqueTopic("gas"));
        infra.createTopics(new NewTopic(s.incidents, 1, (short) 1), new NewTopic(s.advisories, 1, (short) 1),
                new NewTopic(s.exerciseIncidents, 1, (short) 1));
        try (TransactionalNotices routing = new TransactionalNotices(infra)) {
            routing.commit(s.incidents, List.of(notice("n-1", "k-1", NoticeType.NEW)));
            routing.abort(s.incidents, List.of(notice(ABORTED, "k-aborted", NoticeType.NEW)));
            routing.commit(s.incidents, List.of(notice("n-2", "k-1", NoticeType.UPDATED),
                    notice("n-3", "k-1", NoticeType.RESOLVED)));
            routing.commitAdvisory(s.advisories, advisory("a-1", "adv-1"));
            IncidentNotice drill = IncidentNotice.newBuilder(notice("x-1", "k-drill", NoticeType.NEW))
                    .setExercise(true).build();
            routing.commit(s.exerciseIncidents, List.of(drill));
        }
        return s;
    }

    List<String> topics() {
        return List.of(incidents, advisories, exerciseIncidents);
    }

    static Set<String> committedNoticeIds() {
        return Set.of("n-1", "n-2", "n-3", "a-1", "x-1");
    }

    /** The noticeId of each printed line: its second word. */
    static Set<String> noticeIds(List<String> lines) {
        return lines.stream().map(l -> l.split(" ")[1]).collect(Collectors.toSet());
    }

    /** The read_committed end offset of every partition of the scenario's topics (past the last marker). */
    Map<TopicPartition, Long> committedEnds(Infra infra) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        topics().forEach(t -> request.put(new TopicPartition(t, 0), OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = infra.admin()
                .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
        Map<TopicPartition, Long> offsets = new HashMap<>();
        ends.forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    /** What the group has committed on the scenario's partitions. */
    static Map<TopicPartition, Long> committedBy(Infra infra, String group) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = infra.admin().listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, Long> offsets = new HashMap<>();
        committed.forEach((tp, om) -> offsets.put(tp, om.offset()));
        return offsets;
    }

    /** The repository's root: surefire sets {@code anshin.repo.root}; else two levels above this module. */
    static Path repoRoot() {
        String root = System.getProperty("anshin.repo.root");
        return root == null ? Path.of("../..").toAbsolutePath().normalize() : Path.of(root);
    }
}
