package org.anshin.notifier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.anshin.notifier.Notices;
import org.anshin.notifier.NotifierMain;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NotifierMain as a process: exit status 2 on a bad config, and static membership across a SIGKILL. */
@WithKafkaAndRegistry
class NotifierProcessIT {

    @Test
    void prepareRefusesABadArgumentOrConfigWithOneLine(Infra infra, @TempDir Path dir) throws Exception {
        NotifierHarness harness = new NotifierHarness(infra, dir, """
                      - type: webhook
                        url: http://127.0.0.1:1/hook
                        colour: blue
                """);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(NotifierMain.prepare(new String[] {"--config", harness.configDir.toString()},
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("notifier-service: refusing to start: ")
                .contains("ceptoars.yaml").contains("colour").hasLineCount(1);

        err.reset();
        assertThat(NotifierMain.prepare(new String[] {"--config", harness.configDir.toString(), "--max-attempts",
                "zero"}, new PrintStream(err, true, StandardCharsets.UTF_8))).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--max-attempts").hasLineCount(1);

        err.reset();
        assertThat(NotifierMain.prepare(new String[] {"--config", harness.configDir.toString(), "--instance-id",
                "no spaces"}, new PrintStream(err, true, StandardCharsets.UTF_8))).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--instance-id").hasLineCount(1);
        harness.close();
    }

    @Test
    void mainExitsWithStatusTwoOnABadConfig(Infra infra, @TempDir Path dir) throws Exception {
        NotifierHarness harness = new NotifierHarness(infra, dir, """
                      - type: webhook
                        url: http://127.0.0.1:1/hook
                        colour: blue
                """);
        Process p = java(List.of("--config", harness.configDir.toString()), dir.resolve("bad.log"));
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("bad.log"));
        assertThat(p.exitValue()).isEqualTo(NotifierMain.CONFIG_ERROR_EXIT);
        assertThat(err).contains("refusing to start").contains("ceptoars.yaml").contains("colour")
                .doesNotContain("\tat ").doesNotContain("Exception in thread");
        harness.close();
    }

    /**
     * With --instance-id, an instance killed without leaving the group (SIGKILL) and started again with the
     * same id takes its partitions back at once: without static membership the group would wait for the
     * dead member's session timeout before giving them to anyone.
     */
    @Test
    void aKilledInstanceRestartedWithItsIdConsumesAgainWithinTenSeconds(Infra infra, @TempDir Path dir)
            throws Exception {
        try (Receiver receiver = new Receiver()) {
            NotifierHarness harness = new NotifierHarness(infra, dir, """
                          - type: webhook
                            url: %s
                    """.formatted(receiver.url("/hook")));
            List<String> args = List.of("--config", harness.configDir.toString(),
                    "--bootstrap-servers", infra.bootstrapServers(), "--schema-registry-url", infra.registryUrl(),
                    "--port", "0", "--group-id", harness.group, "--deliveries-topic", harness.deliveries,
                    "--delivery-state-topic", harness.state, "--dead-letter-topic", harness.settings.deadLetterTopic(),
                    "--instance-id", "notifier-test-1");
            Process first = java(args, dir.resolve("first.log"));
            try {
                harness.publish(Notices.notice("sm-1", "inc-sm-1"));
                await().atMost(Duration.ofSeconds(90)).until(() -> receiver.delivered("/hook").size() == 1);
            } finally {
                first.destroyForcibly(); // SIGKILL: no LeaveGroup, no commit
                first.waitFor(30, TimeUnit.SECONDS);
            }
            // one notice on every partition, so whichever partition the restart gets back, it must read
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                ids.add("sm-after-" + i);
                harness.publish(Notices.notice("sm-after-" + i, "inc-sm-after-" + i));
            }
            long restartedAt = System.nanoTime();
            Process second = java(args, dir.resolve("second.log"));
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> receiver.delivered("/hook").size() >= 13);
                long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - restartedAt);
                assertThat(seconds).as("restart to delivery").isLessThan(10);
            } finally {
                second.destroy(); // SIGTERM: the graceful path
                assertThat(second.waitFor(30, TimeUnit.SECONDS)).as("stops within compose's grace").isTrue();
            }
            harness.close();
        }
    }

    private static Process java(List<String> args, Path log) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), NotifierMain.class.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("ANSHIN_") || k.equals("KAFKA_BOOTSTRAP_SERVERS")
                || k.equals("SCHEMA_REGISTRY_URL"));
        return pb.start();
    }
}
