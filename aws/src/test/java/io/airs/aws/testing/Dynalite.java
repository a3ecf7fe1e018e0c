package io.airs.aws.testing;

import io.airs.testkit.LoopbackProcess;
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

    private final LoopbackProcess process;
    private final int port;

    private Dynalite(LoopbackProcess process, int port) {
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
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = LoopbackProcess.freePort();
            LoopbackProcess p = LoopbackProcess.start(
                    List.of(
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
                            "0"),
                    List.of(port),
                    STARTUP);
            if (p != null) {
                return new Dynalite(p, port);
            }
        }
        throw new IllegalStateException("dynalite did not answer after 3 attempts");
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
        process.close();
    }
}
