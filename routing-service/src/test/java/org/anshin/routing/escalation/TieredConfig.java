package org.anshin.routing.escalation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.anshin.common.config.AnshinConfig;

/**
 * The repository's config with escalation tiers for the electricity CEPTOAR and NISC, written to a directory and
 * loaded like production (so the policy goes through ceptoars.yaml's validation): each gets a tier-1 webhook and
 * one channel per tier.
 */
public final class TieredConfig {
    private TieredConfig() {
    }

    /**
     * @param electricity the electricity CEPTOAR's tier delays (ISO-8601), tier 2 first; none: no policy
     * @param nisc        NISC's
     */
    public static AnshinConfig load(Path dir, String[] electricity, String... nisc) {
        try {
            try (Stream<Path> files = Files.list(Path.of("../config"))) {
                for (Path f : files.toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
            Path ceptoars = dir.resolve("ceptoars.yaml");
            String text = Files.readString(ceptoars);
            text = replaceEntry(text, "electricity", entry("electricity", "ceptoar.electricity.incidents", electricity));
            text = replaceEntry(text, "nisc", entry("nisc", "nisc.incidents", nisc));
            Files.writeString(ceptoars, text);
            return AnshinConfig.load(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String entry(String id, String topic, String[] tiers) {
        StringBuilder b = new StringBuilder("  - id: " + id + "\n    topic: " + topic + "\n    channels:\n"
                + "      - {id: " + id + "-hook, type: webhook, url: http://127.0.0.1:9199/hook/" + id
                + ", exercise: true, maxTlp: RED}\n");
        for (int i = 0; i < tiers.length; i++) {
            b.append("      - {id: ").append(id).append("-tier").append(i + 2)
                    .append(", type: webhook, url: http://127.0.0.1:9199/hook/").append(id).append("-tier").append(i + 2)
                    .append(", exercise: true, maxTlp: RED}\n");
        }
        if (tiers.length > 0) {
            b.append("    escalation:\n");
            for (int i = 0; i < tiers.length; i++) {
                b.append("      - {after: ").append(tiers[i]).append(", channels: [").append(id).append("-tier")
                        .append(i + 2).append("]}\n");
            }
        }
        return b.toString();
    }

    /** Replaces the list entry {@code - id: <id>} up to the next entry (or the end) with {@code entry}. */
    private static String replaceEntry(String yaml, String id, String entry) {
        Matcher m = Pattern.compile("(?ms)^  - id: " + Pattern.quote(id) + "\\n.*?(?=^  - id: |\\z)").matcher(yaml);
        if (!m.find()) {
            throw new IllegalStateException("no CEPTOAR '" + id + "' in ceptoars.yaml");
        }
        return yaml.substring(0, m.start()) + entry + yaml.substring(m.end());
    }
}
