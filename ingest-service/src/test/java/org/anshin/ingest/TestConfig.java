package org.anshin.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.anshin.common.config.AnshinConfig;
import org.anshin.ingest.auth.TokenAuthenticator;

/**
 * The repo's config/ with test operators instead of the demo ones: one for every sector with a huge rate
 * limit (property tests, benchmark), one for electricity only (403), and a slow one (429).
 */
public final class TestConfig {
    public static final String ALL_TOKEN = "test-all-sectors-token-0123456789";
    public static final String ALL_OPERATOR = "test-all";
    public static final String ELECTRICITY_TOKEN = "test-electricity-token-0123456789";
    public static final String ELECTRICITY_OPERATOR = "test-electricity";
    public static final String SLOW_TOKEN = "test-slow-token-0123456789";
    public static final String SLOW_OPERATOR = "test-slow";
    public static final int SLOW_BURST = 3;
    /** Test secretariats (never the public demo tokens): NISC, and the gas, electricity and telecom CEPTOARs'. */
    public static final String NISC_TOKEN = "test-nisc-token-0123456789";
    public static final String GAS_SECRETARIAT_TOKEN = "test-secretariat-gas-0123456789";
    public static final String ELECTRICITY_SECRETARIAT_TOKEN = "test-secretariat-electricity-0123456789";
    public static final String TELECOM_SECRETARIAT_TOKEN = "test-secretariat-telecom-0123456789";
    /** A ministry's secretariat (advises electricity and gas; acknowledges nothing). */
    public static final String MINISTRY_TOKEN = "test-secretariat-meti-0123456789";

    private TestConfig() {
    }

    public static Path repoConfig() {
        return Path.of(System.getProperty("anshin.repo.root", "..")).resolve("config");
    }

    public static AnshinConfig load() {
        return AnshinConfig.load(write());
    }

    /** A fresh folder with the repo's tables and the test operators. */
    public static Path write() {
        try {
            Path dir = Files.createTempDirectory("ingest-config");
            for (String file : new String[] {"verification-levels.yaml", "ceptoars.yaml", "interdependency.yaml",
                    "sharing-agreements.yaml"}) {
                Files.copy(repoConfig().resolve(file), dir.resolve(file));
            }
            String sectors = "[telecom, broadcasting, banking, life-insurance, non-life-insurance, securities, aviation,"
                    + " railway, electricity, gas, government, medical, water, logistics]";
            Files.writeString(dir.resolve("operators.yaml"), "version: test\noperators:\n"
                    + operator(ALL_OPERATOR, sectors, ALL_TOKEN, 1_000_000, 1_000_000)
                    + operator(ELECTRICITY_OPERATOR, "[electricity]", ELECTRICITY_TOKEN, 1_000_000, 1_000_000)
                    + operator(SLOW_OPERATOR, "[electricity]", SLOW_TOKEN, 0.01, SLOW_BURST));
            Files.writeString(dir.resolve("secretariats.yaml"), "version: test\nsecretariats:\n"
                    + secretariat("nisc", "nisc", NISC_TOKEN)
                    + secretariat("gas", "ceptoar", GAS_SECRETARIAT_TOKEN)
                    + secretariat("electricity", "ceptoar", ELECTRICITY_SECRETARIAT_TOKEN)
                    + secretariat("telecom", "ceptoar", TELECOM_SECRETARIAT_TOKEN)
                    + secretariat("meti", "ministry", MINISTRY_TOKEN) + "    sectors: [electricity, gas]\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String secretariat(String id, String role, String token) {
        return "  - id: " + id + "\n    role: " + role + "\n    tokenSha256: "
                + org.anshin.common.config.TokenHash.sha256Hex(token) + "\n";
    }

    private static String operator(String id, String sectors, String token, double rate, int burst) {
        return "  - id: " + id + "\n    sectors: " + sectors + "\n    tokenSha256: " + org.anshin.common.config.TokenHash.sha256Hex(token)
                + "\n    rateLimit: {perSecond: " + rate + ", burst: " + burst + "}\n";
    }
}
