package org.anshin.console.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.anshin.common.config.Secretariat;
import org.anshin.console.ConsoleFixtures;
import org.anshin.console.Lang;
import org.anshin.console.Viewer;
import org.anshin.console.view.InboxEntry;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.Tlp;
import org.junit.jupiter.api.Test;

/** The agreed acknowledgement rule and the record rule, without Kafka. */
class VisibilityTest {
    final Visibility visibility = new Visibility(null, null, ConsoleFixtures.CONFIG.levels());

    Viewer viewer(String id) {
        Secretariat s = ConsoleFixtures.CONFIG.secretariats().of(id).orElseThrow();
        return new Viewer(s, Lang.JA, "csrf");
    }

    static Visibility.Seen seen(IncidentNotice n) {
        return new Visibility.Seen(new InboxEntry(n, n, 1, List.of(n)), false);
    }

    @Test
    void niscMayAcknowledgeEverythingEvenRed() {
        var red = ConsoleFixtures.notice("k1", "electricity", "electricity", Tlp.RED, false, "s");
        assertThat(visibility.mayAcknowledge(viewer("nisc"), seen(red))).isTrue();
    }

    @Test
    void aCeptoarMayAcknowledgeItsOwnSectorsIncidentsUnlessRed() {
        var amber = ConsoleFixtures.notice("k2", "electricity", "electricity", Tlp.AMBER, false, "s");
        var red = ConsoleFixtures.notice("k3", "electricity", "electricity", Tlp.RED, false, "s");
        assertThat(visibility.mayAcknowledge(viewer("electricity"), seen(amber))).isTrue();
        assertThat(visibility.mayAcknowledge(viewer("electricity"), seen(red))).isFalse();
        assertThat(visibility.mayAcknowledge(viewer("gas"), seen(amber))).isFalse();
    }

    @Test
    void neverACascadeWarningOrASharedNotice() {
        var cascade = IncidentNotice.newBuilder(ConsoleFixtures.notice("cascade-x", "gas", "gas", Tlp.AMBER, false,
                null)).setNoticeType(NoticeType.CASCADE_WARNING).build();
        var shared = IncidentNotice.newBuilder(ConsoleFixtures.notice("k4", "gas", "gas", Tlp.GREEN, false, "s"))
                .setSharedBy("electricity").build();
        assertThat(visibility.mayAcknowledge(viewer("gas"), seen(cascade))).isFalse();
        assertThat(visibility.mayAcknowledge(viewer("gas"), seen(shared))).isFalse();
    }

    @Test
    void aMinistryHasNoInbox() {
        ConsoleFixtures.CONFIG.secretariats().byId().values().stream()
                .filter(s -> s.role() == Secretariat.Role.MINISTRY)
                .forEach(s -> assertThat(Visibility.recipientOf(s)).isEmpty());
        assertThat(Visibility.recipientOf(viewer("nisc").secretariat())).contains("nisc");
        assertThat(Visibility.recipientOf(viewer("gas").secretariat())).contains("gas");
    }
}
