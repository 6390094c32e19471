package io.tcpshake.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Another process's sockets in the network namespace, as on a busy host: {@code SocketCrowd N} opens N/2
 * loopback connections to its own listener (N sockets, both ends ESTABLISHED), prints {@code ready}, and
 * holds them until its stdin closes.
 */
public final class SocketCrowd {
    private SocketCrowd() {
    }

    public static void main(String[] args) throws IOException {
        int sockets = Integer.parseInt(args[0]);
        List<Socket> held = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, sockets, InetAddress.getByName("127.0.0.1"))) {
            for (int i = 0; i < sockets / 2; i++) {
                held.add(new Socket(server.getInetAddress(), server.getLocalPort()));
                held.add(server.accept());
            }
            System.out.println("ready");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the sockets until the parent closes our stdin
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
