package org.anshin.routing.topology;

/** The incident record's entry of one decision, serialized like the notices it records and sent with them. */
record EncodedEntry(String topic, byte[] bytes, String incidentKey) implements Encoded {
}
