package org.anshin.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A parent killed with SIGKILL (no shutdown hooks) still leaves no child behind. */
class ParentWatchdogTest {
    @TempDir
    Path dir;

    /** Child: sleeps forever. */
    public static final class SleepMain {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** Parent: starts a SleepMain child, prints its pid, sleeps. */
    public static final class ParentMain {
        public static void main(String[] args) throws InterruptedException {
            ManagedProcess child = ManagedProcess.startJava("sleeper", List.of("-Xmx32m"),
                    List.of(System.getProperty("java.class.path").split(File.pathSeparator)), SleepMain.class.getName(),
                    List.of(), Path.of(args[0]), Path.of(args[0], "sleeper.log"), Map.of(), Duration.ofSeconds(5));
            System.out.println(child.pid());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Test
    void childExitsWhenParentIsKilled() throws Exception {
        Process parent = new ProcessBuilder(ManagedProcess.javaExecutable(), "-Xmx64m", "-cp",
                System.getProperty("java.class.path"), ParentMain.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        long childPid;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            String line = r.readLine();
            while (line != null && !line.matches("\\d+")) {
                line = r.readLine();
            }
            assertThat(line).as("child pid printed by the parent").isNotNull();
            childPid = Long.parseLong(line);
            ProcessHandle child = ProcessHandle.of(childPid).orElseThrow();
            assertThat(child.isAlive()).isTrue();
            parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            child.onExit().get(15, TimeUnit.SECONDS);
            assertThat(child.isAlive()).isFalse();
        } finally {
            parent.destroyForcibly();
        }
    }
}
