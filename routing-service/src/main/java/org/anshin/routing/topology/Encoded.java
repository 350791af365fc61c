package org.anshin.routing.topology;

/**
 * What the router sends downstream, already serialized for its topic (a notice, or the incident record's entry of
 * the decision): the sink only copies the bytes, so everything that can fail to serialize has failed before the
 * stores were touched.
 */
interface Encoded {
    String topic();

    byte[] bytes();
}
