package org.anshin.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The tools' command lines: help, and wrong ones refused with exit status 2 before anything connects. */
class ToolsCommandTest {
    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = ToolsMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void eachCommandHasItsHelp() {
        Run report = run("report", "--help");
        assertThat(report.code()).isZero();
        assertThat(report.out()).startsWith("Usage: anshin report").contains("--fiscal-year=N").contains("--from=DATE")
                .contains("--format=table|markdown|csv").contains("Default: table")
                .contains("--bootstrap-servers=H:P,...").contains("Default: 127.0.0.1:9092");
        assertThat(run("demo", "--help").out()).contains("--watch=SECONDS").contains("Default: 75");
        assertThat(run("replay", "--help").out()).contains("FILE").contains("Default: 20");
        assertThat(run("token", "--help").out()).contains("OPERATOR-ID").doesNotContain("--version");
    }

    @Test
    void wrongCommandLinesExitWithTwoNamingTheProblem() {
        Run unknown = run("report", "--fiscal-yaer", "2026");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown option: '--fiscal-yaer'").contains("Possible solutions: --fiscal-year")
                .contains("Try './anshin report --help'");
        Run format = run("report", "--fiscal-year", "2026", "--format", "pdf");
        assertThat(format.code()).isEqualTo(2);
        assertThat(format.err()).contains("Invalid value for option '--format'").doesNotContain("Usage:");
        Run both = run("report", "--fiscal-year", "2026", "--from", "2026-04-01");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("not both");
        assertThat(run("replay").err()).contains("Missing required parameter: 'FILE'");
        assertThat(run("token").code()).isEqualTo(2);
        assertThat(run().code()).as("no command").isEqualTo(2);
        assertThat(run("demo", "--speed", "fast").err()).contains("Invalid value for option '--speed'");
    }

    @Test
    void tokenPrintsATokenAndItsHash() {
        Run token = run("token", "op-x");
        assertThat(token.code()).isZero();
        assertThat(token.out()).startsWith("token for op-x").containsPattern("tokenSha256: [0-9a-f]{64}");
    }
}
