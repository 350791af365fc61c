package org.anshin.devstack;

import java.nio.file.Path;

/** A local server running as a {@link ManagedProcess}: its pid, liveness, log, and stopping it. */
public abstract class ChildService implements AutoCloseable {
    private final ManagedProcess process;

    protected ChildService(ManagedProcess process) {
        this.process = process;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return process.logFile();
    }

    public ManagedProcess process() {
        return process;
    }

    /** Stops the process and its descendants (SIGTERM, then SIGKILL after the process's grace period). */
    @Override
    public void close() {
        process.close();
    }
}
