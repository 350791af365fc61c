package org.anshin.devstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Port checks for processes that bind 127.0.0.1. */
public final class Ports {
    private Ports() {
    }

    /**
     * Fails with a {@link PortInUseException} (one-line message naming the port and {@code what}) when
     * {@code port} cannot be bound on 127.0.0.1 or something already accepts connections on it.
     */
    public static void requireFree(int port, String what) {
        if (!isFree(port)) {
            throw new PortInUseException(port, what);
        }
    }

    /** True when nothing listens on 127.0.0.1:port (nor on the wildcard address) and it can be bound. */
    public static boolean isFree(int port) {
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("not a TCP port: " + port);
        }
        // Something listening on the wildcard address with SO_REUSEADDR may still let us bind 127.0.0.1,
        // so try a connection first.
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return false;
        } catch (IOException expected) {
            // nobody answers: try to bind
        }
        try (ServerSocket ss = new ServerSocket()) {
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port that was free on 127.0.0.1 a moment ago (picked by the OS). */
    public static int freePort() {
        try (ServerSocket ss = new ServerSocket()) {
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return ss.getLocalPort();
        } catch (IOException e) {
            throw new DevstackException("could not find a free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /** True when something accepts TCP connections on 127.0.0.1:port. */
    public static boolean isListening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
