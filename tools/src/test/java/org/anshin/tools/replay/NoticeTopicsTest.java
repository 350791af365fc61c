package org.anshin.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The demo watches incident notices only: reading an advisory topic as IncidentNotice fails to decode. */
class NoticeTopicsTest {
    @Test
    void theWatchedTopicsAreTheIncidentNoticeTopicsRealAndDrillAndNoAdvisoryTopic() {
        assertThat(Replayer.noticeTopics()).contains("ceptoar.gas.incidents", "nisc.incidents",
                "exercise.ceptoar.gas.incidents", "exercise.nisc.incidents")
                .noneMatch(t -> t.endsWith(".advisories"));
    }
}
