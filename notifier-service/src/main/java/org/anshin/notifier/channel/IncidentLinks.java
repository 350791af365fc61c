package org.anshin.notifier.channel;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.NoticeKeys;

/**
 * Where a person can look at an incident: Alertmanager's {@code generatorURL}, PagerDuty's {@code links}, the
 * mail and Slack footers. A template with {@code {incidentKey}} and/or {@code {incidentId}} (URL-encoded when
 * filled in); the operator is never part of it, since TLP may withhold who reported.
 */
public record IncidentLinks(String template) {
    /** The console's incident page of the local stack (./anshin up); another deployment sets its own. */
    public static final String DEFAULT_TEMPLATE = "http://127.0.0.1:8084/incidents/{incidentKey}";
    public static final IncidentLinks DEFAULT = new IncidentLinks(DEFAULT_TEMPLATE);

    public IncidentLinks {
        if (!template.contains("{incidentKey}") && !template.contains("{incidentId}")) {
            throw new IllegalArgumentException("the incident URL template needs {incidentKey} or {incidentId}");
        }
        URI probe = URI.create(template.replace("{incidentKey}", "k").replace("{incidentId}", "i"));
        if (probe.getScheme() == null || !probe.getScheme().matches("https?") || probe.getHost() == null) {
            throw new IllegalArgumentException("the incident URL template must be an http(s) URL with a host");
        }
    }

    public String of(IncidentNotice n) {
        return template.replace("{incidentKey}", encode(NoticeKeys.incidentKey(n)))
                .replace("{incidentId}", encode(n.getIncidentId()));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
