package org.anshin.devstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child process whose output goes to a log file and which is stopped together with all its descendants:
 * on {@link #close()}, and at the latest by a JVM shutdown hook (processes are stopped in reverse start order).
 * Child JVMs started through {@link #startJava} additionally exit on their own if this JVM disappears.
 */
public final class ManagedProcess implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ManagedProcess.class);
    private static final Deque<ManagedProcess> LIVE = new ArrayDeque<>();
    private static final List<Runnable> BEFORE_SHUTDOWN = new ArrayList<>();
    private static boolean hookInstalled;
    /** Set when the JVM shutdown hook starts: from then on no process is started any more. */
    private static volatile boolean shuttingDown;

    private static final String SETSID = findSetsid();

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Duration stopGrace;
    private volatile boolean closed;

    private ManagedProcess(String name, Process process, Path logFile, Duration stopGrace) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.stopGrace = stopGrace;
    }

    /**
     * Starts {@code command} in {@code workDir} with stdout and stderr appended to {@code logFile}.
     *
     * @param env extra environment variables (may be empty)
     * @param stopGrace how long {@link #close()} waits after SIGTERM before SIGKILL
     */
    public static ManagedProcess start(String name, List<String> command, Path workDir, Path logFile,
                                       Map<String, String> env, Duration stopGrace) {
        if (shuttingDown) {
            throw new DevstackException("not starting " + name + ": this JVM is shutting down");
        }
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().putAll(env);
            Files.writeString(logFile, "---- " + java.time.Instant.now() + " starting " + name + ": "
                    + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            Process p = pb.start();
            ManagedProcess mp = new ManagedProcess(name, p, logFile, stopGrace);
            register(mp);
            log.debug("started {} (pid {}), log {}", name, p.pid(), logFile);
            return mp;
        } catch (IOException e) {
            throw new DevstackException("could not start " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts {@code mainClass} in a child JVM ({@link #javaExecutable()}), wrapped by {@link ParentWatchdog} so it
     * exits when this JVM is gone.
     */
    public static ManagedProcess startJava(String name, List<String> jvmArgs, List<String> classpath, String mainClass,
                                           List<String> args, Path workDir, Path logFile, Map<String, String> env,
                                           Duration stopGrace) {
        List<String> cmd = new ArrayList<>();
        if (SETSID != null) {
            // own session and process group: a Ctrl-C in the terminal reaches only the parent, which then stops
            // its children in order (instead of all of them getting SIGINT at once)
            cmd.add(SETSID);
        }
        cmd.add(javaExecutable());
        cmd.addAll(jvmArgs);
        List<String> cp = new ArrayList<>(classpath);
        cp.add(ownCodeLocation().toString());
        cmd.add("-cp");
        cmd.add(String.join(File.pathSeparator, cp));
        cmd.add(ParentWatchdog.class.getName());
        cmd.add(Long.toString(ProcessHandle.current().pid()));
        cmd.add(mainClass);
        cmd.addAll(args);
        return start(name, cmd, workDir, logFile, env, stopGrace);
    }

    private static String findSetsid() {
        if (Boolean.getBoolean("anshin.child.no-setsid")) {
            return null;
        }
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin")) {
            Path p = Path.of(dir, "setsid");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /** The java launcher of the running JVM, unless system property {@code anshin.child.java} names another. */
    public static String javaExecutable() {
        String override = System.getProperty("anshin.child.java");
        if (override != null && !override.isBlank()) {
            return override;
        }
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The jar or classes directory devstack is loaded from (holds {@link ParentWatchdog}). */
    static Path ownCodeLocation() {
        try {
            return Path.of(ParentWatchdog.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized void register(ManagedProcess mp) {
        LIVE.push(mp);
        installHook();
    }

    private static synchronized void installHook() {
        if (!hookInstalled) {
            hookInstalled = true;
            Runtime.getRuntime().addShutdownHook(new Thread(ManagedProcess::shutdown, "anshin-devstack-shutdown"));
        }
    }

    private static void shutdown() {
        shuttingDown = true;
        List<Runnable> actions;
        synchronized (ManagedProcess.class) {
            actions = new ArrayList<>(BEFORE_SHUTDOWN);
        }
        for (Runnable a : actions) {
            try {
                a.run();
            } catch (RuntimeException e) {
                log.warn("shutdown action failed", e);
            }
        }
        closeAll();
    }

    /**
     * Runs {@code action} in the JVM shutdown hook before the remaining processes are stopped newest first:
     * an owner that restarts processes (so that start order is no longer stop order) stops them in its own
     * order this way. Until then, processes still running are stopped by the hook as before.
     */
    public static synchronized void beforeShutdown(Runnable action) {
        BEFORE_SHUTDOWN.add(action);
        installHook();
    }

    /** Undoes {@link #beforeShutdown}. */
    public static synchronized void removeBeforeShutdown(Runnable action) {
        BEFORE_SHUTDOWN.remove(action);
    }

    /** True once the JVM shutdown hook began: nothing may be (re)started any more. */
    public static boolean isShuttingDown() {
        return shuttingDown;
    }

    private static synchronized void unregister(ManagedProcess mp) {
        LIVE.remove(mp);
    }

    /** Stops every process still running, newest first. */
    public static void closeAll() {
        List<ManagedProcess> all;
        synchronized (ManagedProcess.class) {
            all = new ArrayList<>(LIVE);
        }
        for (ManagedProcess mp : all) {
            mp.close();
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** True once {@link #close()} was called: the process was stopped on purpose (not a crash if it ended). */
    public boolean isClosed() {
        return closed;
    }

    public Path logFile() {
        return logFile;
    }

    /** The exit code; throws IllegalThreadStateException while running. */
    public int exitValue() {
        return process.exitValue();
    }

    /** Waits up to {@code timeout} for the process to end; its exit code, or null if still running. */
    public Integer waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    /**
     * Waits until {@code ready} is true, polling every 200 ms. Fails with the last lines of the log when the
     * process exits first or the timeout passes.
     */
    public void awaitReady(String what, Duration timeout, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new DevstackException(name + " exited with code " + process.exitValue() + " before " + what
                        + "; last lines of " + logFile + ":" + System.lineSeparator() + tail(30));
            }
            boolean ok;
            try {
                ok = ready.getAsBoolean();
            } catch (RuntimeException e) {
                ok = false;
            }
            if (ok) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new DevstackException(name + " did not get " + what + " within " + timeout.toSeconds()
                        + " s; last lines of " + logFile + ":" + System.lineSeparator() + tail(30));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DevstackException("interrupted while waiting for " + name);
            }
        }
    }

    /** The last {@code lines} lines of the log file (empty when unreadable). */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /**
     * Stops the process and its descendants: SIGTERM to all, then SIGKILL to whatever is still alive after the
     * grace period. Idempotent.
     */
    @Override
    public synchronized void close() {
        // synchronized: a second caller (e.g. the shutdown hook) waits until the process is really gone,
        // so processes stop in order even when two threads stop them
        if (closed) {
            return;
        }
        closed = true;
        try {
            stopTree(process.toHandle(), stopGrace);
        } finally {
            unregister(this);
        }
    }

    /** SIGTERM to {@code root} and its descendants, SIGKILL to survivors after {@code grace}. */
    public static void stopTree(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>();
        root.descendants().forEach(tree::add);
        tree.add(root);
        for (ProcessHandle h : tree) {
            h.destroy();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle h : tree) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    h.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (Exception ignored) {
                // killed below
            }
        }
        // descendants may have started children meanwhile
        List<ProcessHandle> survivors = new ArrayList<>();
        root.descendants().forEach(survivors::add);
        survivors.addAll(tree);
        for (ProcessHandle h : survivors) {
            if (h.isAlive()) {
                log.warn("pid {} did not stop within {} s; killing it", h.pid(), grace.toSeconds());
                h.destroyForcibly();
            }
        }
        for (ProcessHandle h : survivors) {
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // nothing more to do
            }
        }
    }

    @Override
    public String toString() {
        return name + "(pid " + process.pid() + ")";
    }
}
