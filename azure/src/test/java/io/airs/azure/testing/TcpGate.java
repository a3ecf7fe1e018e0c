package io.airs.azure.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP forwarder that a test can close and open, standing in for a network path that goes
 * down for a while: while closed, connections are reset at once and open ones are cut.
 */
public final class TcpGate implements AutoCloseable {

    private final ServerSocket server;
    private final int target;
    private final List<Socket> live = new CopyOnWriteArrayList<>();
    private volatile boolean open = true;

    public TcpGate(int targetPort) {
        this.target = targetPort;
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread t = new Thread(this::accept, "tcp-gate");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Lets connections through again. */
    public void restore() {
        open = true;
    }

    /** Cuts every connection and refuses new ones until {@link #restore}. */
    public void cut() {
        open = false;
        for (Socket s : live) {
            quietly(s);
        }
        live.clear();
    }

    /** Stops the gate for good. */
    @Override
    public void close() {
        cut();
        quietly(server);
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket in;
            try {
                in = server.accept();
            } catch (IOException e) {
                return;
            }
            if (!open) {
                try {
                    in.setSoLinger(true, 0);
                } catch (IOException ignored) {
                    // Closing is all that matters.
                }
                quietly(in);
                continue;
            }
            try {
                Socket out = new Socket();
                out.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 2000);
                live.add(in);
                live.add(out);
                pipe(in, out);
                pipe(out, in);
            } catch (IOException e) {
                quietly(in);
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread t = new Thread(
                () -> {
                    byte[] buf = new byte[8192];
                    try (InputStream is = from.getInputStream();
                            OutputStream os = to.getOutputStream()) {
                        int n;
                        while ((n = is.read(buf)) >= 0) {
                            os.write(buf, 0, n);
                            os.flush();
                        }
                    } catch (IOException ignored) {
                        // The other side or the gate closed the connection.
                    } finally {
                        quietly(from);
                        quietly(to);
                    }
                },
                "tcp-gate-pipe");
        t.setDaemon(true);
        t.start();
    }

    private static void quietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // Best effort.
        }
    }
}
