package io.airs.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An emulator the tests run as a child process on loopback ports (dynalite, Azurite): started with
 * its output discarded, awaited until its ports answer, and stopped by its PID, politely first.
 *
 * <pre>{@code
 * int port = LoopbackProcess.freePort();
 * LoopbackProcess p = LoopbackProcess.start(List.of("node", cli, "--port", "" + port), List.of(port), Duration.ofSeconds(20));
 * }</pre>
 */
public final class LoopbackProcess implements AutoCloseable {

    private final Process process;

    private LoopbackProcess(Process process) {
        this.process = process;
    }

    /**
     * Starts {@code command} and waits until every one of {@code ports} accepts a connection.
     *
     * @return the running process, or null when it died or its ports stayed closed for {@code
     *     startup} (it is stopped then; the caller may retry on other ports)
     */
    public static LoopbackProcess start(List<String> command, List<Integer> ports, Duration startup) {
        Process p;
        try {
            p = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
        LoopbackProcess lp = new LoopbackProcess(p);
        long deadline = System.nanoTime() + startup.toNanos();
        for (int port : ports) {
            if (!lp.awaitPort(port, deadline)) {
                lp.close();
                return null;
            }
        }
        return lp;
    }

    private boolean awaitPort(int port, long deadline) {
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return true;
            } catch (IOException notYet) {
                try {
                    // Polling a child's start-up, not timing a behaviour under test.
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    /** A loopback port free right now. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The process id. */
    public long pid() {
        return process.pid();
    }

    /** Stops the process by its PID: politely first, then forcibly. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
