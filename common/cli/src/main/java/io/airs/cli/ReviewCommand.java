package io.airs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code airs review}: the reviewer's side of human oversight, against a running {@code airs serve}
 * (its queue is durable in the data directory, and the server holds it while it runs).
 */
@Command(
        name = "review",
        mixinStandardHelpOptions = true,
        description = "Lists, shows and decides escalations held by a running `airs serve`.",
        subcommands = {
            ReviewCommand.List.class,
            ReviewCommand.Show.class,
            ReviewCommand.Approve.class,
            ReviewCommand.Deny.class,
            ReviewCommand.Modify.class,
            ReviewCommand.Escalate.class
        })
final class ReviewCommand {

    // Created on first use: picocli builds every command at start-up, and `airs scan` should not pay
    // for an HTTP client or a second JSON mapper.
    private static final class Holder {
        static final ObjectMapper JSON = new ObjectMapper();
        static final HttpClient HTTP =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Option(
            names = "--url",
            defaultValue = "http://127.0.0.1:8787",
            scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "The local runner (default ${DEFAULT-VALUE})")
    URI url;

    JsonNode call(String method, String path, JsonNode body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(30));
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json");
            try {
                b.method(method, HttpRequest.BodyPublishers.ofByteArray(Holder.JSON.writeValueAsBytes(body)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        HttpResponse<String> resp;
        try {
            resp = Holder.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new UsageException("no airs serve at " + url + " (start it, or pass --url)");
        } catch (IOException e) {
            throw new UsageException("cannot reach " + url + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("interrupted");
        }
        JsonNode n;
        try {
            n = Holder.JSON.readTree(resp.body());
        } catch (IOException e) {
            throw new UsageException("unexpected answer from " + url + " (HTTP " + resp.statusCode() + ")");
        }
        if (resp.statusCode() >= 400) {
            throw new UsageException(n.path("error").path("message").asText("HTTP " + resp.statusCode()));
        }
        return n;
    }

    static String pretty(JsonNode n) {
        try {
            return Holder.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Lists escalations, earliest deadline first.")
    static final class List implements Callable<Integer> {
        @ParentCommand
        ReviewCommand parent;

        @Option(
                names = "--status",
                defaultValue = "open",
                description = "open (default), all, approved, denied, modified, expired")
        String status;

        @Option(names = "--queue", description = "critical, high, standard or sampling")
        String queue;

        @Option(names = "--json", description = "Print the raw JSON")
        boolean json;

        @Override
        public Integer call() {
            String q = "/v1/escalations?status=" + enc(status) + (queue == null ? "" : "&queue=" + enc(queue));
            JsonNode n = parent.call("GET", q, null);
            if (json) {
                System.out.println(pretty(n));
                return 0;
            }
            System.out.printf(
                    "%-28s %-9s %-9s %-21s %-8s %s%n", "TICKET", "QUEUE", "STATUS", "DEADLINE", "STAGE", "REASON");
            for (JsonNode e : n.path("escalations")) {
                System.out.printf(
                        "%-28s %-9s %-9s %-21s %-8s %s%n",
                        e.path("ticket").asText(),
                        e.path("queue").asText(),
                        e.path("status").asText(),
                        e.path("deadline").asText().replaceAll("\\.\\d+Z$", "Z"),
                        e.path("stage").asText(),
                        e.path("reason").asText(""));
            }
            System.out.printf("%d escalation(s)%n", n.path("escalations").size());
            return 0;
        }
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "Shows one escalation: findings, redacted excerpt, deadline.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        ReviewCommand parent;

        @Parameters(paramLabel = "TICKET")
        String ticket;

        @Override
        public Integer call() {
            JsonNode n = parent.call("GET", "/v1/escalations?status=all&limit=1000", null);
            for (JsonNode e : n.path("escalations")) {
                if (ticket.equals(e.path("ticket").asText())) {
                    System.out.println(pretty(e));
                    return 0;
                }
            }
            throw new UsageException("no escalation " + ticket);
        }
    }

    abstract static class Decide implements Callable<Integer> {
        @ParentCommand
        ReviewCommand parent;

        @Parameters(paramLabel = "TICKET")
        String ticket;

        @Option(names = "--reviewer", required = true, description = "Who decides (recorded in evidence)")
        String reviewer;

        @Option(names = "--note", description = "Why (recorded as a hash in evidence)")
        String note;

        abstract String decision();

        String content() {
            return null;
        }

        @Override
        public Integer call() {
            ObjectNode body = Holder.JSON.createObjectNode();
            body.put("decision", decision());
            body.put("reviewer", reviewer);
            if (note != null) {
                body.put("note", note);
            }
            if (content() != null) {
                body.put("content", content());
            }
            JsonNode e = parent.call("POST", "/v1/escalations/" + enc(ticket) + "/decision", body);
            System.out.printf(
                    "%s: %s by %s%n",
                    e.path("ticket").asText(), e.path("status").asText(), reviewer);
            return 0;
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Releases the held content.")
    static final class Approve extends Decide {
        @Override
        String decision() {
            return "approve";
        }
    }

    @Command(name = "deny", mixinStandardHelpOptions = true, description = "Refuses the held content.")
    static final class Deny extends Decide {
        @Override
        String decision() {
            return "deny";
        }
    }

    @Command(name = "modify", mixinStandardHelpOptions = true, description = "Answers with your text instead.")
    static final class Modify extends Decide {
        @Option(names = "--content", required = true, description = "The text the caller receives")
        String text;

        @Override
        String decision() {
            return "modify";
        }

        @Override
        String content() {
            return text;
        }
    }

    @Command(
            name = "escalate",
            mixinStandardHelpOptions = true,
            description = "Moves the ticket to a more urgent queue.")
    static final class Escalate extends Decide {
        @Override
        String decision() {
            return "escalate";
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
