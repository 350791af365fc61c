package org.anshin.routing.record;

import org.anshin.routing.incident.IncidentState;

/** Where the record reads the operator's service-level verdict from the incident's state. */
final class ServiceLevels {
    private ServiceLevels() {
    }

    /** The current verdict; null while the operator declared no service level. */
    static Boolean breached(IncidentState state) {
        return state.serviceLevelBreached();
    }
}
