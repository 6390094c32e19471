package io.tcpshake.agent.hostapp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** The host app's own connections and listener: what an application with a connection pool and a port has. */
final class HostConnections {
    private static final List<Socket> CLIENTS = new ArrayList<>();
    private static final List<Socket> ACCEPTED = new ArrayList<>();

    private HostConnections() {
    }

    /** Runs {@code connect H:P}, {@code disconnect H:P} or {@code listen}; ignores other lines. */
    static void command(String line) {
        try {
            if (line.startsWith("connect ")) {
                InetSocketAddress to = parse(line.substring("connect ".length()));
                Socket socket = new Socket();
                socket.connect(to, 5000);
                synchronized (CLIENTS) {
                    CLIENTS.add(socket);
                }
                System.out.println("hostapp: connected to " + line.substring("connect ".length()).trim());
            } else if (line.startsWith("disconnect ")) {
                InetSocketAddress to = parse(line.substring("disconnect ".length()));
                synchronized (CLIENTS) {
                    for (Socket socket : new ArrayList<>(CLIENTS)) {
                        if (to.equals(socket.getRemoteSocketAddress())) {
                            socket.close();
                            CLIENTS.remove(socket);
                        }
                    }
                }
                System.out.println("hostapp: disconnected from " + line.substring("disconnect ".length()).trim());
            } else if (line.equals("listen")) {
                listen();
            }
        } catch (IOException e) {
            System.out.println("hostapp: " + line + " failed: " + e);
        }
    }

    private static void listen() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket client = server.accept();
                    synchronized (ACCEPTED) {
                        ACCEPTED.add(client);
                    }
                }
            } catch (IOException e) {
                // closed with the JVM
            }
        }, "hostapp-listener");
        acceptor.setDaemon(true);
        acceptor.start();
        System.out.println("hostapp: listening on 127.0.0.1:" + server.getLocalPort());
    }

    /** {@code 127.0.0.1:5432} or {@code [::1]:5432}: IP literals only. */
    private static InetSocketAddress parse(String hostPort) throws IOException {
        String text = hostPort.trim();
        int colon = text.lastIndexOf(':');
        String host = text.substring(0, colon).replace("[", "").replace("]", "");
        return new InetSocketAddress(InetAddress.getByName(host), Integer.parseInt(text.substring(colon + 1)));
    }
}
