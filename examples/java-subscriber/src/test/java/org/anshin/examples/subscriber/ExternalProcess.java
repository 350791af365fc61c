package org.anshin.examples.subscriber;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an example outside the JVM (kcat, python3) and keeps what it printed. */
record ExternalProcess(int exitCode, List<String> stdout, String stderr) {

    static ExternalProcess run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("example-", ".out");
        Path err = Files.createTempFile("example-", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(command + " did not end within " + timeoutSeconds + " s; stderr: "
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new ExternalProcess(process.exitValue(),
                    Files.readAllLines(out, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList(),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** True when the command can be started and ends with 0 (a probe: {@code kcat -V}, an import). */
    static boolean works(List<String> command) {
        try {
            return run(command, 30).exitCode() == 0;
        } catch (IOException notThere) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
