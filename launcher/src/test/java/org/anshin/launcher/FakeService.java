package org.anshin.launcher;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** A stand-in pipeline service for launcher tests: {@code --port N}, answers 200 on every path (JDK only). */
public final class FakeService {
    private FakeService() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        Thread.sleep(Long.MAX_VALUE);
    }
}
