package org.anshin.tools;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.anshin.common.cli.Cli;
import org.anshin.common.cli.HelpOption;
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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code anshin demo | replay FILE | report --fiscal-year N | report --from DATE --to DATE | token OPERATOR-ID},
 * against a running stack: picocli commands, each with its {@code --help}. The {@code anshin} script passes the
 * whole command line, the subcommand's name first. Exit status 0, 2 for a wrong command line, 1 on failure.
 */
@Command(name = "anshin", synopsisSubcommandLabel = "COMMAND",
        subcommands = {ToolsMain.Demo.class, ToolsMain.Replay.class, ToolsMain.Report.class, ToolsMain.Token.class},
        description = "The tools that work against a running stack (./anshin --help lists every command).")
public final class ToolsMain {
    @Mixin
    HelpOption help;

    static final String DEMO_SCENARIO = "/scenarios/earthquake-morning.jsonl";

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return Cli.configure(new CommandLine(new ToolsMain()), Map.of());
    }

    /** Where the running stack is (./anshin up's addresses by default). */
    static final class Stack {
        @Option(names = "--ingest-url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
                description = "ingest-service.")
        String ingestUrl;

        @Option(names = "--bootstrap-servers", paramLabel = "H:P,...", defaultValue = "127.0.0.1:9092",
                description = "Kafka.")
        String bootstrapServers;

        @Option(names = "--schema-registry-url", paramLabel = "URL",
                defaultValue = "http://127.0.0.1:8081/apis/ccompat/v7", description = "The schema registry.")
        String schemaRegistryUrl;

        Map<String, Object> kafka() {
            return Map.of("bootstrap.servers", bootstrapServers);
        }

        Replayer replayer() {
            return new Replayer(ingestUrl, kafka(), schemaRegistryUrl, System.out);
        }
    }

    @Command(name = "demo", sortOptions = true, showDefaultValues = true,
            description = "Replay the sample scenario (an earthquake morning) against './anshin up' and watch the"
                    + " notices arrive.")
    static final class Demo implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Mixin
        Stack stack;

        @Option(names = "--speed", paramLabel = "X", defaultValue = "1", description = "Speed factor (2 = twice as fast).")
        double speed;

        @Option(names = "--watch", paramLabel = "SECONDS", defaultValue = "75",
                description = "How long to watch notices after the last report.")
        long watch;

        @Override
        public Integer call() throws Exception {
            stack.replayer().run(demoScenario(), speed, Duration.ofSeconds(watch));
            return 0;
        }
    }

    @Command(name = "replay", sortOptions = true, showDefaultValues = true,
            description = "Replay a scenario file (JSON lines, relative times; see scenarios/) against a running stack.")
    static final class Replay implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Mixin
        Stack stack;

        @Parameters(index = "0", paramLabel = "FILE", description = "The scenario file.")
        Path file;

        @Option(names = "--speed", paramLabel = "X", defaultValue = "1", description = "Speed factor (2 = twice as fast).")
        double speed;

        @Option(names = "--watch", paramLabel = "SECONDS", defaultValue = "20",
                description = "How long to watch notices after the last report.")
        long watch;

        @Override
        public Integer call() throws Exception {
            stack.replayer().run(Scenario.read(file), speed, Duration.ofSeconds(watch));
            return 0;
        }
    }

    @Command(name = "token",
            description = "Issue a new bearer token for an operator and print its SHA-256 for config/operators.yaml"
                    + " (the token itself is not stored).")
    static final class Token implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Parameters(index = "0", paramLabel = "OPERATOR-ID", description = "The operator's id in operators.yaml.")
        String operator;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            TokenIssuer.Issued issued = TokenIssuer.issue();
            java.io.PrintWriter out = spec.commandLine().getOut();
            out.println("token for " + operator + " (give it to the operator once; it is not stored):");
            out.println("  " + issued.token());
            out.println("line for config/operators.yaml:");
            out.println("    tokenSha256: " + issued.sha256Hex());
            out.flush();
            return 0;
        }
    }

    /** What {@code report} prints on stdout. */
    enum Format { table, markdown, csv }

    @Command(name = "report", sortOptions = true, showDefaultValues = true,
            description = {"The fiscal-year review (or one of any JST date range) from the incident record: a table,"
                    + " Markdown or CSV on stdout; review-FY<N>.md, .csv and .svg written to --out.",
                    "Give --fiscal-year N (N-04-01 to N+1-03-31, JST) or --from and --to."})
    static final class Report implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Mixin
        Stack stack;

        @Spec
        CommandSpec spec;

        @Option(names = "--fiscal-year", paramLabel = "N", description = "The Japanese fiscal year N.")
        String fiscalYear;

        @Option(names = "--from", paramLabel = "DATE", description = "First JST date (inclusive), e.g. 2026-04-01.")
        String from;

        @Option(names = "--to", paramLabel = "DATE", description = "Last JST date (exclusive).")
        String to;

        @Option(names = "--format", paramLabel = "table|markdown|csv", defaultValue = "table",
                description = "What goes to stdout.")
        Format format;

        @Option(names = "--out", paramLabel = "DIR", description = {"Where the files go.", "  Default: var/reports"})
        Path out;

        @Option(names = "--config", paramLabel = "DIR",
                description = {"The config folder whose verification-levels.yaml groups the sectors.",
                        "  Default: config"})
        Path config;

        @Override
        public Integer call() throws IOException {
            Map<String, String> period = new HashMap<>();
            if (fiscalYear != null) {
                period.put("fiscal-year", fiscalYear);
            }
            if (from != null) {
                period.put("from", from);
            }
            if (to != null) {
                period.put("to", to);
            }
            ReviewRange range;
            try {
                range = range(period);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
            }
            Path home = Path.of(System.getProperty("anshin.home", "."));
            Path configDir = config != null ? config : home.resolve("config");
            report(stack.kafka(), stack.schemaRegistryUrl, range, format, configDir,
                    out != null ? out : home.resolve("var/reports"));
            return 0;
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

    private static void report(Map<String, Object> kafka, String registry, ReviewRange range, Format format,
                               Path config, Path dir) throws IOException {
        VerificationLevels levels = VerificationLevels.load(config.resolve(VerificationLevels.FILE));
        SectorGrouping grouping = SectorGrouping.of(levels);
        // the sharing figures need each sector's CEPTOAR and each operator's sectors: who an advisory addressed
        SharingDirectory directory = SharingDirectory.of(levels, Operators.load(config.resolve(Operators.FILE)));
        Review review = Review.read(kafka, registry, range, grouping, directory, System.err);
        List<Path> written = ReviewFiles.write(review, dir);
        System.out.print(switch (format) {
            case markdown -> MarkdownRenderer.render(review);
            case csv -> CsvRenderer.render(review);
            case table -> TableRenderer.render(review);
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
}
