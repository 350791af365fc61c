package org.anshin.launcher;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import org.anshin.devstack.ManagedProcess;

/**
 * Keeps one child of {@code ./anshin up} running, like systemd's {@code Restart=on-failure}: when the process
 * ends on its own with a non-zero exit code, a line goes to the console and it is started again after a back-off
 * (1 s, doubling up to 30 s; back to 1 s after it ran for a minute). Not restarted: a process stopped on purpose
 * ({@link ManagedProcess#close()}), one that exited with 0, and a service that refused its configuration (exit
 * {@value #CONFIG_ERROR_EXIT}, like systemd's {@code RestartPreventExitStatus}: it would refuse again).
 *
 * <p>Restarts never race the shutdown: a (re)start happens under the stack's lock after checking that the stack
 * is not closing, and {@link Stack#close()} sets its flag and interrupts this thread before it takes the lock.
 */
final class Supervisor {
    /** What the services exit with on a bad config file or argument (RoutingMain.CONFIG_ERROR_EXIT and the others). */
    static final int CONFIG_ERROR_EXIT = 2;
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** A process that ran this long before it crashed starts again from the first back-off. */
    static final Duration STABLE_AFTER = Duration.ofMinutes(1);

    /** Starts the child and returns once it is ready (or throws, having stopped what it started). */
    interface Starter {
        ManagedProcess start();
    }

    /** Told about each restarted process, under the stack's lock. */
    interface Restarted {
        void restarted(ManagedProcess process);
    }

    private final String name;
    private final Starter starter;
    private final Object lock;
    private final BooleanSupplier closing;
    private final PrintStream out;
    private final Restarted restarted;
    private final Thread thread;
    private volatile ManagedProcess current;
    private volatile int restarts;

    Supervisor(String name, ManagedProcess first, Starter starter, Object lock, BooleanSupplier closing,
               PrintStream out, Restarted restarted) {
        this.name = name;
        this.current = first;
        this.starter = starter;
        this.lock = lock;
        this.closing = closing;
        this.out = out;
        this.restarted = restarted;
        this.thread = new Thread(this::run, "anshin-supervise-" + name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Interrupts a back-off or a start in progress; call after the stack's closing flag is set. */
    void interrupt() {
        thread.interrupt();
    }

    void join(Duration timeout) {
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String name() {
        return name;
    }

    ManagedProcess current() {
        return current;
    }

    /** How many times the process was started again. */
    int restarts() {
        return restarts;
    }

    private boolean stopping() {
        return closing.getAsBoolean() || ManagedProcess.isShuttingDown() || Thread.currentThread().isInterrupted();
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        long startedAt = System.nanoTime();
        while (!stopping()) {
            ManagedProcess p = current;
            try {
                p.handle().onExit().get();
            } catch (InterruptedException e) {
                return;
            } catch (ExecutionException e) {
                // onExit does not fail
            }
            if (stopping() || p.isClosed()) {
                return; // stopped on purpose
            }
            int code = p.waitFor(Duration.ofSeconds(5)) == null ? -1 : p.exitValue();
            if (code == 0 || code == CONFIG_ERROR_EXIT) {
                out.println("anshin: " + name + " (pid " + p.pid() + ") exited with code " + code
                        + (code == 0 ? "" : " (it refused its configuration)") + "; not restarting it (see "
                        + p.logFile() + ")");
                return;
            }
            if (System.nanoTime() - startedAt > STABLE_AFTER.toNanos()) {
                backoff = FIRST_BACKOFF;
            }
            String why = name + " (pid " + p.pid() + ") exited with code " + code;
            while (true) {
                int n = restarts + 1;
                out.println("anshin: " + why + "; restart #" + n + " in " + backoff.toSeconds() + " s (see "
                        + p.logFile() + ")");
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                ManagedProcess next;
                synchronized (lock) {
                    if (stopping()) {
                        return;
                    }
                    try {
                        next = starter.start();
                    } catch (RuntimeException e) {
                        if (stopping()) {
                            return;
                        }
                        restarts = n;
                        String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
                        out.println("anshin: restarting " + name + " failed: " + msg);
                        why = "restart #" + n + " of " + name + " failed";
                        continue;
                    }
                    restarts = n;
                    current = next;
                    startedAt = System.nanoTime();
                    restarted.restarted(next);
                }
                out.println("anshin: " + name + " is running again (pid " + next.pid() + ", restart #" + n + ")");
                break;
            }
        }
    }
}
