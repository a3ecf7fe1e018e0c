package io.airs.azure.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Azure Storage queues and tables in memory for tests: Azurite (installed by {@code npm ci} in the
 * build) as a child process on free loopback ports. Start one per test class and close it after.
 *
 * <pre>{@code
 * static Azurite storage;
 * @BeforeAll static void up() { storage = Azurite.start(); }
 * @AfterAll static void down() { storage.close(); }
 * ... new QueueServiceClientBuilder().connectionString(storage.connectionString()) ...
 * }</pre>
 */
public final class Azurite implements AutoCloseable {

    /** Azurite's well-known development account. */
    public static final String ACCOUNT = "devstoreaccount1";

    /** Azurite's well-known development key (public, documented by Microsoft). */
    public static final String KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final Process process;
    private final int queuePort;
    private final int tablePort;

    private Azurite(Process process, int queuePort, int tablePort) {
        this.process = process;
        this.queuePort = queuePort;
        this.tablePort = tablePort;
    }

    /** Starts Azurite's queue and table services and waits until both ports answer. */
    public static Azurite start() {
        Path cli =
                Path.of("node_modules", "azurite", "dist", "src", "azurite.js").toAbsolutePath();
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException(
                    "azurite is not installed at " + cli + "; run 'npm ci' in the azure module (the build does)");
        }
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int blob = freePort();
            int queue = freePort();
            int table = freePort();
            try {
                Process p = new ProcessBuilder(List.of(
                                "node",
                                cli.toString(),
                                "--silent",
                                "--inMemoryPersistence",
                                "--extentMemoryLimit",
                                "64",
                                "--disableTelemetry",
                                "--skipApiVersionCheck",
                                "--blobHost",
                                "127.0.0.1",
                                "--blobPort",
                                Integer.toString(blob),
                                "--queueHost",
                                "127.0.0.1",
                                "--queuePort",
                                Integer.toString(queue),
                                "--tableHost",
                                "127.0.0.1",
                                "--tablePort",
                                Integer.toString(table)))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                Azurite a = new Azurite(p, queue, table);
                if (a.awaitPort(queue) && a.awaitPort(table)) {
                    return a;
                }
                a.close();
                last = new IllegalStateException("azurite did not answer on ports " + queue + ", " + table);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start node", e);
            }
        }
        throw last;
    }

    private boolean awaitPort(int port) {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
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

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The queue service endpoint, {@code http://127.0.0.1:PORT/devstoreaccount1}. */
    public String queueEndpoint() {
        return "http://127.0.0.1:" + queuePort + "/" + ACCOUNT;
    }

    /** The table service endpoint, {@code http://127.0.0.1:PORT/devstoreaccount1}. */
    public String tableEndpoint() {
        return "http://127.0.0.1:" + tablePort + "/" + ACCOUNT;
    }

    /** The queue service's port. */
    public int queuePort() {
        return queuePort;
    }

    /** A connection string whose queue endpoint is {@code queuePort} on loopback (a {@link TcpGate}, say). */
    public String connectionString(int queuePort) {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY
                + ";QueueEndpoint=http://127.0.0.1:" + queuePort + "/" + ACCOUNT + ";TableEndpoint=" + tableEndpoint()
                + ";";
    }

    /** A connection string for both services, as the {@code AirsStorage} setting takes it. */
    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY + ";QueueEndpoint="
                + queueEndpoint() + ";TableEndpoint=" + tableEndpoint() + ";";
    }

    /** Stops the emulator (its data is gone). */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
