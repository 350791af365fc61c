package org.anshin.routing.fanout;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic notice ids: a name-based UUID of incident, trigger (reportId or escalation marker),
 * recipient and notice type. Reprocessing the same input under EOS yields the same ids, so
 * receivers can de-duplicate on them.
 */
public final class NoticeIds {
    private NoticeIds() {
    }

    public static String of(String incidentId, String trigger, String recipient, String noticeType) {
        String name = String.join("\u0000", incidentId, trigger, recipient, noticeType);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
