package org.anshin.notifier;

import java.time.Instant;
import java.util.List;
import org.anshin.schemas.AdvisoryNotice;
import org.anshin.schemas.AdvisorySeverity;
import org.anshin.schemas.Tlp;

/** Advisory notices as routing-service writes them, for tests. */
public final class Advisories {
    private Advisories() {
    }

    /** An AMBER WARNING advisory of NISC to {@code recipient} for {@code sectors}, issued now. */
    public static AdvisoryNotice.Builder advisory(String advisoryId, String recipient, String... sectors) {
        return AdvisoryNotice.newBuilder()
                .setNoticeId(advisoryId + "." + recipient)
                .setAdvisoryId(advisoryId)
                .setRecipient(recipient)
                .setSectors(List.of(sectors))
                .setSecretariatOnly(false)
                .setIssuerId("nisc")
                .setIssuerRole("nisc")
                .setTitle("Patch the VPN gateways")
                .setBody("A flaw in gateway firmware is exploited. Apply the vendor fix.")
                .setSeverity(AdvisorySeverity.WARNING)
                .setTlp(Tlp.AMBER)
                .setReferences(List.of("https://example.org/advisory/1"))
                .setRelatedIncidentIds(List.of())
                .setExercise(false)
                .setIssuedAt(Instant.now())
                .setExpiresAt(null);
    }
}
