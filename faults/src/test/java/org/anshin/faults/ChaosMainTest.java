package org.anshin.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** chaos's command line; nothing here runs a scenario. */
class ChaosMainTest {
    private static String[] run(String... args) {
        CommandLine cl = ChaosMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(ChaosMain.withoutCommandName(args));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void helpAndWrongArguments() {
        String[] help = run("chaos", "--help");
        assertThat(help[0]).isEqualTo("0");
        assertThat(help[1]).startsWith("Usage: anshin chaos").contains("SECONDS").contains("Default: 60");
        String[] word = run("chaos", "soon");
        assertThat(word[0]).isEqualTo("2");
        assertThat(word[2]).contains("'soon' is not an int");
        String[] tooShort = run("chaos", "5");
        assertThat(tooShort[0]).isEqualTo("2");
        assertThat(tooShort[2]).contains("at least 20 seconds");
        assertThat(run("chaos", "--bogus")[2]).contains("Unknown option: '--bogus'");
    }
}
