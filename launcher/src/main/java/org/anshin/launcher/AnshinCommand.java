package org.anshin.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import org.anshin.common.cli.Cli;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ./anshin}: the top-level command, whose help lists every subcommand. The launcher runs {@code up}; the
 * {@code anshin} script hands the others to their own module's JVM (tools, bench, faults), where their own
 * picocli command answers, {@code --help} included. They are listed here so that {@code ./anshin --help} is the
 * whole picture.
 */
@Command(name = "anshin", mixinStandardHelpOptions = true, versionProvider = AnshinCommand.Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = "Anshin: incident sharing for Japan's critical infrastructure (Kafka, schema registry and"
                + " services on this machine).",
        footer = {"", "Run './anshin COMMAND --help' for a command's options. Exit status: 0 done, 1 failed,"
                + " 2 wrong command line."})
public final class AnshinCommand {
    /** The commands the script runs elsewhere: name and one line. */
    static final Map<String, String> ELSEWHERE = new java.util.LinkedHashMap<>();

    static {
        ELSEWHERE.put("demo", "Replay the sample scenario against a running './anshin up' and watch the notices.");
        ELSEWHERE.put("replay", "Replay a scenario file (JSON lines, relative times) against a running stack.");
        ELSEWHERE.put("report", "Fiscal-year (or date-range) review from the incident record: table, Markdown, CSV.");
        ELSEWHERE.put("token", "Issue a new operator bearer token and print its SHA-256 for operators.yaml.");
        ELSEWHERE.put("bench", "Measure throughput and latency on a stack of its own (BENCHMARKS.md).");
        ELSEWHERE.put("chaos", "Run the fault scenarios on brokers of their own; fails if anything is lost.");
    }

    /** The command line: {@code up} to run, the others for help only. */
    static CommandLine commandLine(Map<String, String> env) {
        CommandLine cl = new CommandLine(new AnshinCommand());
        CommandLine up = new CommandLine(new UpCommand());
        // up's header is its line in ./anshin --help; its own help starts with the usage, then the description
        java.util.List<String> sections = new java.util.ArrayList<>(up.getHelpSectionKeys());
        sections.remove(CommandLine.Model.UsageMessageSpec.SECTION_KEY_HEADER_HEADING);
        sections.remove(CommandLine.Model.UsageMessageSpec.SECTION_KEY_HEADER);
        up.setHelpSectionKeys(sections);
        cl.addSubcommand("up", up);
        ELSEWHERE.forEach((name, line) -> cl.addSubcommand(name, new CommandLine(CommandSpec.create().name(name)
                .usageMessage(new CommandLine.Model.UsageMessageSpec().description(line)))));
        // the same parsing rules as every other command line (no @files, help layout, ${env:...} defaults read from
        // env: ANSHIN_SERVICE_JVM_OPTIONS is the only one)
        return Cli.configure(cl, env);
    }

    /** The project's version (from the Maven build) and Kafka's. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"anshin " + projectVersion(),
                    "Kafka " + org.apache.kafka.common.utils.AppInfoParser.getVersion() + ", Java "
                            + System.getProperty("java.version")};
        }

        static String projectVersion() {
            try (InputStream in = AnshinCommand.class.getResourceAsStream("version.properties")) {
                if (in == null) {
                    return "(unknown: not built by Maven)";
                }
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "(unknown)");
            } catch (IOException e) {
                return "(unknown: " + e.getMessage() + ")";
            }
        }
    }
}
