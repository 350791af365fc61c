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
import org.anshin.schemas.Topics;
import org.anshin.tools.replay.Replayer;
import org.anshin.tools.replay.Scenario;
import org.anshin.tools.report.AnnualReview;
import org.anshin.tools.report.FiscalYear;
import org.anshin.tools.report.SvgChart;

/**
 * {@code anshin demo | replay FILE | report --fiscal-year N}, against a running stack.
 *
 * <pre>
 *   --ingest-url URL            http://127.0.0.1:8080
 *   --bootstrap-servers H:P     127.0.0.1:9092
 *   --schema-registry-url URL   http://127.0.0.1:8081/apis/ccompat/v7
 *   --speed X                   replay speed factor (2 = twice as fast), default 1
 *   --watch SECONDS             how long to watch notices after the last report
 *   --out FILE                  report: where the SVG chart goes (var/reports/annual-review-FY&lt;N&gt;.svg)
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
            case "report" -> report(kafka, registry, Integer.parseInt(required(opts, "fiscal-year")), opts.get("out"));
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

    private static void report(Map<String, Object> kafka, String registry, int year, String out) throws IOException {
        AnnualReview review = readReview(kafka, registry, year, System.err);
        review.print(System.out);
        if (review.undecodable() > 0) {
            System.err.printf("warning: %d records could not be decoded; the report leaves them out%n",
                    review.undecodable());
        }
        Path svg = Path.of(out != null ? out : "var/reports/annual-review-FY" + year + ".svg");
        if (svg.getParent() != null) {
            Files.createDirectories(svg.getParent());
        }
        Files.writeString(svg, SvgChart.render(review));
        System.out.println();
        System.out.println("chart: " + svg.toAbsolutePath());
    }

    /**
     * Reads nisc.incidents and the CEPTOAR topics to their current end (read_committed) into a review of
     * {@code year}; records that cannot be decoded are warned about on {@code warnings} and counted in
     * {@link AnnualReview#undecodable()}.
     */
    static AnnualReview readReview(Map<String, Object> kafka, String registry, int year, PrintStream warnings) {
        AnnualReview review = new AnnualReview(new FiscalYear(year));
        List<String> topics = Topics.all().stream().map(t -> t.name())
                .filter(n -> n.equals(Topics.NISC) || n.startsWith("ceptoar.")).toList();
        try (NoticeReader reader = new NoticeReader(kafka, registry, warnings)) {
            reader.readToEnd(reader.assign(topics, null), n -> review.add(n.topic(), n.notice()));
        }
        return review;
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
                       anshin report --fiscal-year N    annual review: failures beyond the level, notices per CEPTOAR
                       anshin token OPERATOR-ID         issue a new bearer token and print its SHA-256 for operators.yaml
                """);
    }
}
