package org.anshin.routing.topology;

import org.anshin.schemas.IncidentNotice;

/**
 * A notice already serialized for its topic. The processor serializes every notice of a report before it
 * touches a store: a notice that cannot be written then dead-letters its report with the stores
 * unchanged, so the report can be replayed later (it is not mistaken for a duplicate). The sink only
 * copies the bytes.
 */
record EncodedNotice(String topic, byte[] bytes, IncidentNotice notice) implements Encoded {
}
