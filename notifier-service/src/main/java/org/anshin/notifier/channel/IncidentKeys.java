package org.anshin.notifier.channel;

import org.anshin.schemas.IncidentNotice;

/**
 * The identity of an incident as the notifier uses it: lanes, grouping, PagerDuty {@code dedup_key},
 * the Alertmanager {@code incident_key} label, mail and webhook fields, receipts. {@code incidentId}
 * is the operator's own id and is not unique (two operators, or a drill and a real incident, may share
 * it); {@code incidentKey} is. Notices written before the field existed carry "" and fall back to the id.
 */
public final class IncidentKeys {
    private IncidentKeys() {
    }

    public static String of(IncidentNotice n) {
        String key = n.getIncidentKey();
        return key == null || key.isEmpty() ? n.getIncidentId() : key;
    }
}
