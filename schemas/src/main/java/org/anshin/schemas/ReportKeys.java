package org.anshin.schemas;

/**
 * The Kafka key of a report on {@code incidents.reports}: {@code <operatorId>/<incidentId>}. Every report of
 * one operator's incident lands on one partition, in order; two operators' incidents with the same
 * incidentId spread over partitions instead of sharing one. Neither part may contain '/' (operator ids are
 * checked at config load, incident ids by ingest's pattern).
 */
public final class ReportKeys {
    private ReportKeys() {
    }

    public static String of(String operatorId, String incidentId) {
        return operatorId + "/" + incidentId;
    }

    public static String of(IncidentReport report) {
        return of(report.getOperatorId(), report.getIncidentId());
    }
}
