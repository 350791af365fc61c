package org.anshin.devstack;

/** Thrown by {@link Ports#requireFree(int, String)}; the message is a single line naming the port and its user. */
public class PortInUseException extends DevstackException {
    private final int port;
    private final String what;

    public PortInUseException(int port, String what) {
        super("port " + port + " is already in use on 127.0.0.1, but " + what
                + " needs it: stop whatever listens there (see `ss -ltnp 'sport = :" + port + "'`) and try again");
        this.port = port;
        this.what = what;
    }

    public int port() {
        return port;
    }

    public String what() {
        return what;
    }
}
