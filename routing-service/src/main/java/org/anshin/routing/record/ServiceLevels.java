package org.anshin.routing.record;

import org.anshin.routing.incident.IncidentState;

/** Where the record reads the operator's service-level verdict from the incident's state. */
final class ServiceLevels {
    private ServiceLevels() {
    }

    /** Null while the operator declared no service level. */
    static Boolean breached(IncidentState state) {
        return null;
    }
}
