package org.anshin.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.anshin.common.config.Operators;
import org.anshin.common.config.VerificationLevels;
import org.anshin.tools.replay.Replayer;
import org.anshin.tools.replay.Scenario;
import org.anshin.tools.report.CsvRenderer;
import org.anshin.tools.report.MarkdownRenderer;
import org.anshin.tools.report.Review;
import org.anshin.tools.report.ReviewFiles;
import org.anshin.tools.report.ReviewRange;
import org.anshin.tools.report.SectorGrouping;
import org.anshin.tools.report.SharingDirectory;
import org.anshin.tools.report.TableRenderer;

/**
 * {@code anshin demo | replay FILE | report --fiscal-year N | report --from DATE --to DATE}, against a running
 * stack.
 *
 * <pre>
 *   --ingest-url URL            http://127.0.0.1:8080
 *   --bootstrap-servers H:P     127.0.0.1:9092
 *   --schema-registry-url URL   http://127.0.0.1:8081/apis/ccompat/v7
 *   --speed X                   replay speed factor (2 = twice as fast), default 1
 *   --watch SECONDS             how long to watch notices after the last report
 *   --fiscal-year N             report: the Japanese fiscal year N (N-04-01 to N+1-03-31, JST)
 *   --from DATE --to DATE       report: JST dates, from inclusive, to exclusive, instead of a fiscal year
 *   --format table|markdown|csv report: what goes to stdout (default table)
 *   --out DIR                   report: where review-FY&lt;N&gt;.md, .csv and .svg go (default var/reports)
 *   --config DIR                report: the config folder whose verification-levels.yaml groups the sectors
 * </pre>
 */
public final class ToolsMain {
    static final String DEMO_SCENARIO = "/scenarios/earthquake-morning.jsonl";

    private ToolsMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        Map<String, String> opts = new HashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                opts.put(args[i].substring(2), args[++i]);
            } else {
                positional.add(args[i]);
            }
        }
        Map<String, Object> kafka = Map.of("bootstrap.servers", opts.getOrDefault("bootstrap-servers", "127.0.0.1:9092"));
        String registry = opts.getOrDefault("schema-registry-url", "http://127.0.0.1:8081/apis/ccompat/v7");
        Replayer replayer = new Replayer(opts.getOrDefault("ingest-url", "http://127.0.0.1:8080"), kafka, registry, System.out);
        double speed = Double.parseDouble(opts.getOrDefault("speed", "1"));
        switch (args[0]) {
            case "demo" -> replayer.run(demoScenario(), speed,
                    Duration.ofSeconds(Long.parseLong(opts.getOrDefault("watch", "75"))));
            case "replay" -> {
                if (positional.isEmpty()) {
                    System.err.println("anshin replay: which scenario file? (JSON lines, see scenarios/)");
                    System.exit(2);
                }
                replayer.run(Scenario.read(Path.of(positional.get(0))), speed,
                        Duration.ofSeconds(Long.parseLong(opts.getOrDefault("watch", "20"))));
            }
            case "token" -> {
                if (positional.isEmpty()) {
                    System.err.println("anshin token: which operator id?");
                    System.exit(2);
                }
                TokenIssuer.Issued issued = TokenIssuer.issue();
                System.out.println("token for " + positional.get(0) + " (give it to the operator once; it is not stored):");
                System.out.println("  " + issued.token());
                System.out.println("line for config/operators.yaml:");
                System.out.println("    tokenSha256: " + issued.sha256Hex());
            }
            case "report" -> report(kafka, registry, opts);
            default -> {
                usage();
                System.exit(2);
            }
        }
    }

    static Scenario demoScenario() throws IOException {
        try (InputStream in = ToolsMain.class.getResourceAsStream(DEMO_SCENARIO)) {
            if (in == null) {
                throw new IllegalStateException("demo scenario missing from the classpath: " + DEMO_SCENARIO);
            }
            return Scenario.parse("demo", List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")));
        }
    }

    private static void report(Map<String, Object> kafka, String registry, Map<String, String> opts)
            throws IOException {
        ReviewRange range;
        try {
            range = range(opts);
        } catch (IllegalArgumentException e) {
            System.err.println("anshin report: " + e.getMessage());
            System.exit(2);
            return;
        }
        String format = opts.getOrDefault("format", "table");
        if (!List.of("table", "markdown", "csv").contains(format)) {
            System.err.println("anshin report: --format is table, markdown or csv, not '" + format + "'");
            System.exit(2);
        }
        Path home = Path.of(System.getProperty("anshin.home", "."));
        Path config = Path.of(opts.getOrDefault("config", home.resolve("config").toString()));
        VerificationLevels levels = VerificationLevels.load(config.resolve(VerificationLevels.FILE));
        SectorGrouping grouping = SectorGrouping.of(levels);
        // the sharing figures need each sector's CEPTOAR and each operator's sectors: who an advisory addressed
        SharingDirectory directory = SharingDirectory.of(levels, Operators.load(config.resolve(Operators.FILE)));
        Review review = Review.read(kafka, registry, range, grouping, directory, System.err);
        Path dir = Path.of(opts.getOrDefault("out", home.resolve("var/reports").toString()));
        List<Path> written = ReviewFiles.write(review, dir);
        System.out.print(switch (format) {
            case "markdown" -> MarkdownRenderer.render(review);
            case "csv" -> CsvRenderer.render(review);
            default -> TableRenderer.render(review);
        });
        System.out.flush();
        // stderr, so that stdout stays the table, the Markdown or the CSV alone
        written.forEach(p -> System.err.println("written: " + p.toAbsolutePath()));
        review.warnings().forEach(w -> System.err.println("warning: " + w));
    }

    static ReviewRange range(Map<String, String> opts) {
        try {
            if (opts.containsKey("fiscal-year")) {
                if (opts.containsKey("from") || opts.containsKey("to")) {
                    throw new IllegalArgumentException("give --fiscal-year or --from/--to, not both");
                }
                return ReviewRange.fiscalYear(Integer.parseInt(opts.get("fiscal-year")));
            }
            if (opts.containsKey("from") && opts.containsKey("to")) {
                return ReviewRange.between(LocalDate.parse(opts.get("from")), LocalDate.parse(opts.get("to")));
            }
            throw new IllegalArgumentException("which period? --fiscal-year N, or --from YYYY-MM-DD --to YYYY-MM-DD"
                    + " (JST dates, --to exclusive)");
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("--fiscal-year takes a year (2026), --from/--to a date (2026-04-01): "
                    + e.getMessage(), e);
        }
    }

    private static String required(Map<String, String> opts, String name) {
        String v = opts.get(name);
        if (v == null) {
            System.err.println("missing --" + name);
            System.exit(2);
        }
        return v;
    }

    private static void usage() {
        System.err.println("""
                usage: anshin demo                      replay the sample scenario against ./anshin up
                       anshin replay FILE [--speed X]   replay a scenario file (JSON lines, relative times)
                       anshin report --fiscal-year N    fiscal-year review from the incident record (or --from D --to D,
                                                        JST dates, --to exclusive; --format table|markdown|csv, --out DIR)
                       anshin token OPERATOR-ID         issue a new bearer token and print its SHA-256 for operators.yaml
                """);
    }
}
