package io.airs.azure.testing;

import io.airs.testkit.LoopbackProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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

    private final LoopbackProcess process;
    private final int queuePort;
    private final int tablePort;

    private Azurite(LoopbackProcess process, int queuePort, int tablePort) {
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
        for (int attempt = 0; attempt < 3; attempt++) {
            int blob = LoopbackProcess.freePort();
            int queue = LoopbackProcess.freePort();
            int table = LoopbackProcess.freePort();
            LoopbackProcess p = LoopbackProcess.start(
                    List.of(
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
                            Integer.toString(table)),
                    List.of(queue, table),
                    STARTUP);
            if (p != null) {
                return new Azurite(p, queue, table);
            }
        }
        throw new IllegalStateException("azurite did not answer after 3 attempts");
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
        process.close();
    }

    @Override
    public void close() {
        stop();
    }
}
