package org.anshin.console;

import org.anshin.common.config.AnshinConfig;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.Tlp;

/** What tests outside this package need from {@link ConsoleFixture} (package-private). */
public final class ConsoleFixtures {
    public static final AnshinConfig CONFIG = ConsoleFixture.CONFIG;

    private ConsoleFixtures() {
    }

    public static IncidentNotice notice(String key, String sector, String ceptoar, Tlp tlp, boolean exercise,
                                        String summary) {
        return ConsoleFixture.notice(key, sector, ceptoar, tlp, exercise, summary);
    }
}
