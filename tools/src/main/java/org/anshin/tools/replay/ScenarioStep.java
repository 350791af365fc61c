package org.anshin.tools.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/** One line of a scenario: when to send (after the start), with which operator token, which report. */
public record ScenarioStep(int line, Duration at, String token, ObjectNode report) {
}
