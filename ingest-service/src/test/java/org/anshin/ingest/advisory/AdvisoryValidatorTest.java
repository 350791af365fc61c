package org.anshin.ingest.advisory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.anshin.common.config.AnshinConfig;
import org.anshin.common.config.Secretariat;
import org.anshin.ingest.TestConfig;
import org.anshin.ingest.validation.InvalidReportException;
import org.anshin.schemas.Advisory;
import org.anshin.schemas.Tlp;
import org.junit.jupiter.api.Test;

class AdvisoryValidatorTest {
    private static final AnshinConfig CONFIG = TestConfig.load();
    private static final AdvisoryValidator VALIDATOR = new AdvisoryValidator(CONFIG.levels());
    private static final Secretariat GAS = CONFIG.secretariats().of("gas").orElseThrow();
    private static final Secretariat NISC = CONFIG.secretariats().of("nisc").orElseThrow();
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void aValidAdvisoryKeepsItsFieldsAndDefaultsToAmber() throws Exception {
        ObjectNode body = AdvisoryApiTest.advisory("gas");
        body.remove("tlp");
        body.put("advisoryId", body.get("advisoryId").asText().toUpperCase(java.util.Locale.ROOT));
        Advisory a = VALIDATOR.validate(body, GAS, NOW);
        assertThat(a.getTlp()).isEqualTo(Tlp.AMBER);
        assertThat(a.getAdvisoryId()).isEqualTo(body.get("advisoryId").asText().toLowerCase(java.util.Locale.ROOT));
        assertThat(a.getIssuedAt()).isEqualTo(NOW);
        assertThat(a.getExpiresAt()).isNull();
    }

    @Test
    void limitsAreInclusive() throws Exception {
        ObjectNode body = AdvisoryApiTest.advisory("gas");
        body.put("title", "t".repeat(AdvisoryValidator.MAX_TITLE));
        body.put("body", "b".repeat(AdvisoryValidator.MAX_BODY));
        var refs = body.putArray("references");
        for (int i = 0; i < AdvisoryValidator.MAX_REFERENCES; i++) {
            refs.add("https://example.org/" + i);
        }
        body.put("expiresAt", "2026-12-01T09:00:01+09:00");
        assertThat(VALIDATOR.validate(body, GAS, NOW).getReferences()).hasSize(20);
        refs.add("https://example.org/21");
        body.put("title", "t\nu"); // one line
        body.put("expiresAt", "2026-12-01T09:00:00+09:00"); // now is not the future
        assertThatThrownBy(() -> VALIDATOR.validate(body, GAS, NOW)).isInstanceOfSatisfying(InvalidReportException.class,
                e -> assertThat(e.errors()).extracting(err -> err.field())
                        .containsExactlyInAnyOrder("title", "references", "expiresAt"));
    }

    @Test
    void sectorsOutsideTheIssuersAreForbiddenNotInvalid() {
        assertThatThrownBy(() -> VALIDATOR.validate(AdvisoryApiTest.advisory("gas", "water"), GAS, NOW))
                .isInstanceOfSatisfying(AdvisoryValidator.ForbiddenSectors.class,
                        e -> assertThat(e.sectors()).containsExactly("water"));
    }

    @Test
    void niscMayAddressAnySectorList() throws Exception {
        assertThat(VALIDATOR.validate(AdvisoryApiTest.advisory("gas", "water"), NISC, NOW).getSectors())
                .containsExactly("gas", "water");
    }
}
