package org.anshin.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class KafkaReadinessTest {

    @Test
    void oneSlowAnswerDoesNotRefuseReportsButFailuresInARowDo() {
        Deque<Boolean> answers = new ArrayDeque<>(List.of(false, true, false, false, true, false, false, false, true));
        KafkaReadiness readiness = new KafkaReadiness(answers::removeFirst, () -> { });
        List<Boolean> seen = new ArrayList<>();
        while (!answers.isEmpty()) {
            readiness.check();
            seen.add(readiness.getAsBoolean());
        }
        // not reachable before the first success; two failures in a row are ridden out, the third is not
        assertThat(seen).containsExactly(false, true, true, true, true, true, true, false, true);
        assertThat(KafkaReadiness.FAILURES_TO_UNREACHABLE).isEqualTo(3);
    }
}
