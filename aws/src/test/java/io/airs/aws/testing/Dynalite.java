package io.airs.aws.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * DynamoDB in memory for tests: dynalite (installed by {@code npm ci} in the build) as a child
 * process on a free loopback port. Start one per test class and close it after.
 *
 * <pre>{@code
 * static Dynalite dynamo;
 * @BeforeAll static void up() { dynamo = Dynalite.start(); }
 * @AfterAll static void down() { dynamo.close(); }
 * }</pre>
 */
public final class Dynalite implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(20);

    private final Process process;
    private final int port;

    private Dynalite(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts dynalite and waits until its port answers. */
    public static Dynalite start() {
        Path cli = Path.of("node_modules", "dynalite", "cli.js").toAbsolutePath();
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException(
                    "dynalite is not installed at " + cli + "; run 'npm ci' in the aws module (the build does)");
        }
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            try {
                Process p = new ProcessBuilder(List.of(
                                "node",
                                cli.toString(),
                                "--host",
                                "127.0.0.1",
                                "--port",
                                Integer.toString(port),
                                "--createTableMs",
                                "0",
                                "--deleteTableMs",
                                "0",
                                "--updateTableMs",
                                "0"))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                Dynalite d = new Dynalite(p, port);
                if (d.awaitPort()) {
                    return d;
                }
                d.close();
                last = new IllegalStateException("dynalite did not answer on port " + port);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start node", e);
            }
        }
        throw last;
    }

    private boolean awaitPort() {
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

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The endpoint to give an SDK client. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A DynamoDB client for this emulator (region us-east-1, dummy static credentials). */
    public DynamoDbClient client() {
        return DynamoDbClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .endpointOverride(endpoint())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /**
     * Creates a table and waits until it is ACTIVE: dynalite creates tables asynchronously even with
     * {@code --createTableMs 0}, and a table still CREATING answers ResourceNotFound.
     */
    public static void createTable(DynamoDbClient client, CreateTableRequest request) {
        client.createTable(request);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (client.describeTable(b -> b.tableName(request.tableName()))
                        .table()
                        .tableStatus()
                != TableStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("table " + request.tableName() + " never became ACTIVE");
            }
            Thread.onSpinWait();
        }
    }

    /** The emulator's process id. */
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
