package org.anshin.schemas;

/**
 * The identity of the incident a notice is about, for readers of notice topics (the notifier, the review,
 * subscribers). {@code incidentId} is the operator's own id and is not unique (two operators, or a drill
 * and a real incident, may share it); {@code incidentKey} is. Notices written before the field existed
 * carry "" and fall back to the id.
 */
public final class NoticeKeys {
    private NoticeKeys() {
    }

    public static String incidentKey(IncidentNotice n) {
        String key = n.getIncidentKey();
        return key == null || key.isEmpty() ? n.getIncidentId() : key;
    }
}
