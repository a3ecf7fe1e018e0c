package io.airs.core.guardrail.secret;

import static io.airs.core.guardrail.secret.SecretSamples.ALNUM;
import static io.airs.core.guardrail.secret.SecretSamples.DIGITS;
import static io.airs.core.guardrail.secret.SecretSamples.LOWER;
import static io.airs.core.guardrail.secret.SecretSamples.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.airs.core.Category;
import io.airs.core.Finding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretGuardrailTest {

    private static final SecretGuardrail GUARDRAIL = new SecretGuardrail();

    private static String b64url(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Text with the secret marked by ⟦ ⟧, the expected type. */
    static Stream<Arguments> secrets() {
        Random r = new Random(20_240_601L);
        String pemBody = String.join(
                "\n", body(r, ALNUM + "+/", 64), body(r, ALNUM + "+/", 64), body(r, ALNUM + "+/", 40) + "==");
        String jwt = b64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "."
                + b64url("{\"sub\":\"u-" + body(r, DIGITS, 6) + "\",\"iat\":1516239022}") + "."
                + body(r, ALNUM + "-_", 43);
        return Stream.of(
                Arguments.of(
                        "aws_access_key_id = ⟦AKIA" + body(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16) + "⟧",
                        "aws-access-token"),
                Arguments.of("export GITHUB_TOKEN=⟦ghp_" + body(r, ALNUM, 36) + "⟧", "github-pat"),
                Arguments.of(
                        "slack: ⟦xoxb-" + body(r, DIGITS, 12) + "-" + body(r, DIGITS, 13) + "-" + body(r, ALNUM, 24)
                                + "⟧",
                        "slack-bot-token"),
                Arguments.of("stripe.api_key = \"⟦sk_live_" + body(r, ALNUM, 24) + "⟧\"", "stripe-access-token"),
                Arguments.of("maps key ⟦AIza" + body(r, ALNUM + "_-", 35) + "⟧ in the page", "gcp-api-key"),
                Arguments.of("git remote with ⟦glpat-" + body(r, ALNUM + "_-", 20) + "⟧", "gitlab-pat"),
                Arguments.of(
                        "//registry.npmjs.org/:_authToken=⟦npm_" + body(r, LOWER + DIGITS, 36) + "⟧",
                        "npm-access-token"),
                Arguments.of(
                        "SENDGRID=⟦SG." + body(r, ALNUM, 22) + "." + body(r, ALNUM, 43) + "⟧", "sendgrid-api-token"),
                Arguments.of(
                        "client = OpenAI(api_key=\"⟦sk-proj-" + body(r, ALNUM, 40) + "T3BlbkFJ" + body(r, ALNUM, 40)
                                + "⟧\")",
                        "openai-api-key-v2"),
                Arguments.of("key: ⟦sk-ant-api03-" + body(r, ALNUM + "_-", 93) + "AA⟧", "anthropic-api-key"),
                Arguments.of(
                        "const k = `⟦-----BEGIN RSA PRIVATE KEY-----\n" + pemBody
                                + "\n-----END RSA PRIVATE KEY-----⟧`;",
                        "private-key"),
                Arguments.of("Authorization: Bearer ⟦" + jwt + "⟧", "jwt"),
                Arguments.of(
                        "DATABASE_URL=postgres://app:⟦" + body(r, ALNUM, 16) + "⟧@db.internal:5432/app",
                        "connection-string-password"),
                Arguments.of(
                        "Server=tcp:sql.example.net;Database=orders;User Id=svc;Password=⟦" + body(r, ALNUM + "!#", 14)
                                + "⟧;Encrypt=true",
                        "connection-string-password"),
                Arguments.of("db_password = \"⟦" + body(r, ALNUM, 10) + "!⟧\"", "password-assignment"),
                Arguments.of("  password: ⟦" + body(r, ALNUM, 12) + "⟧", "password-assignment"),
                Arguments.of("mysql --user=root --password=⟦" + body(r, ALNUM, 12) + "⟧ shop", "password-assignment"),
                Arguments.of("CREATE USER app IDENTIFIED BY '⟦" + body(r, ALNUM, 12) + "⟧';", "password-assignment"),
                Arguments.of("Passwort: ⟦" + body(r, ALNUM, 10) + "#⟧", "password-assignment"),
                Arguments.of("api_key: ⟦" + body(r, ALNUM, 32) + "⟧", "generic-api-key"),
                Arguments.of("SECRET_TOKEN=⟦" + body(r, ALNUM, 40) + "⟧", "generic-api-key"),
                Arguments.of("{\"token\": \"⟦" + body(r, ALNUM + "-_", 48) + "⟧\"}", "generic-api-key"),
                Arguments.of(
                        "headers = {\"Authorization\": \"Bearer ⟦" + body(r, ALNUM, 40) + "⟧\"}",
                        "authorization-header"),
                Arguments.of(
                        "curl -H \"Authorization: Bearer ⟦" + body(r, ALNUM, 40) + "⟧\" https://api.example.org",
                        "curl-auth-header"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("secrets")
    void flagsTheSecretValueWithItsRuleType(String marked, String type) {
        int start = marked.indexOf('⟦');
        int end = marked.indexOf('⟧') - 1;
        String text = marked.replace("⟦", "").replace("⟧", "");
        List<Finding> out = scan(text);
        assertThat(out).as(type).isNotEmpty();
        assertThat(out).as("a %s finding over the value", type).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo(type);
            assertThat(f.start()).isEqualTo(start);
            assertThat(f.end()).isEqualTo(end);
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "request id 3f2b8c1e-9a4d-4e7b-8c2f-1d5e6a7b8c9d accepted",
                "\"UserKeyword\": \"A1328E04-88B6-4E2A-A5C0-A4D9B21754C4\"",
                "sha1 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12",
                "sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "commit 9fceb02d0ae598e95dc970b74767f19372d61af8 (HEAD -> main)",
                "Merge: 1a2b3c4 5d6e7f8",
                "<img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==\">",
                "password = \"changeme\"",
                "api_key: <your-key>",
                "token=${TOKEN}",
                "SECRET=xxxxxxxxxxxx",
                "password: \"********\"",
                "password = null",
                "auth_enabled: true",
                "password = os.environ[\"DB_PASSWORD\"]",
                "String password = request.getParameter(\"password\");",
                "if (password.length() < 8) { throw new WeakPasswordException(); }",
                "Please enter your password and press the key marked Enter.",
                "Forgot your password? Reset it from the account page.",
                "The API key rotation policy is documented in SECURITY.md.",
                "for key, value in items.items():",
                "token = tokenizer.next_token()",
                "passed = \"cackle!\"",
                "bypass = \"Xy7#kLm2pQ\"",
                "api_key = \"0123456789abcdef0123456789abcdef\"",
                "aws_secret = \"AKIAIOSFODNN7EXAMPLE\"",
                "jwt eyJub3QiOiJhIGhlYWRlciJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXZhbHVl",
                "https://example.org/path?query=1#frag",
                "ftp://anonymous@mirror.example.org/pub",
                "Default credentials are documented in the admin guide.",
            })
    void doesNotFlagOrdinaryValues(String text) {
        assertThat(scan(text)).isEmpty();
    }

    @Test
    void reportsCategoryDetectorAndAScoreButNeverTheText() {
        List<Finding> out = scan("password = \"Xy7#kLm2pQ\"");
        assertThat(out).singleElement().satisfies(f -> {
            assertThat(f.category()).isEqualTo(Category.SECRET);
            assertThat(f.detector()).isEqualTo("secret");
            assertThat(f.score()).isBetween(0.5, 1.0);
        });
        assertThat(GUARDRAIL.id()).isEqualTo("secret");
    }

    @Test
    void honoursDisabledFamiliesAndMinimumScore() {
        String text = "password = \"Xy7#kLm2pQ\" and ghp_" + body(new Random(7), ALNUM, 36);
        SecretGuardrail noAssignments =
                new SecretGuardrail(SecretConfig.defaults().withoutFamily(RuleFamily.ASSIGNMENT));
        List<Finding> out = new ArrayList<>();
        noAssignments.scan(text, out);
        assertThat(out).extracting(Finding::type).containsExactly("github-pat");

        SecretGuardrail none =
                new SecretGuardrail(SecretConfig.defaults().withFamilies(EnumSet.noneOf(RuleFamily.class)));
        out.clear();
        none.scan(text, out);
        assertThat(out).isEmpty();

        SecretGuardrail strict = new SecretGuardrail(SecretConfig.defaults().withMinScore(1.0));
        out.clear();
        strict.scan(text, out);
        assertThat(out).isEmpty();
    }

    @Test
    void reportsEachPartOfAPairedCloudCredential() {
        Random r = new Random(11);
        String id = "AKIA" + body(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
        String secret = body(r, ALNUM + "+/", 40);
        String text = "{\n  \"AccessKeyId\": \"" + id + "\",\n  \"SecretAccessKey\": \"" + secret + "\"\n}";
        assertThat(scan(text))
                .extracting(f -> text.substring(f.start(), f.end()))
                .containsExactly(id, secret);
    }

    @Test
    void findsAPrivateKeyWhoseEndMarkerIsMissing() {
        String body = body(new Random(3), ALNUM + "+/", 200);
        String text = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + body;
        assertThat(scan(text)).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("private-key");
            assertThat(f.end()).isEqualTo(text.length());
        });
    }

    @Test
    void flagsNothingInKeywordDenseOrdinaryProse() {
        // Speed on this text is measured by the JMH benchmark, not here.
        String paragraph = "The deployment guide explains how the service reads its configuration, which keys the "
                + "operator may rotate, and how to pass an access token to the API without writing it to disk. "
                + "Each team keeps a list of owners; the authentication section covers single sign-on. ";
        StringBuilder b = new StringBuilder();
        while (b.length() < 4096) {
            b.append(paragraph);
        }
        List<Finding> out = new ArrayList<>();
        GUARDRAIL.scan(b.substring(0, 4096), out);
        assertThat(out).isEmpty();
    }

    @Property(tries = 300)
    void findsAnEmbeddedTokenAtItsExactOffset(
            @ForAll @StringLength(max = 200) @CharRange(from = ' ', to = '~') String before,
            @ForAll @StringLength(max = 200) @CharRange(from = ' ', to = '~') String after,
            @ForAll long seed) {
        String token = "ghp_" + body(new Random(seed), ALNUM, 36);
        String text = before + " " + token + " " + after;
        int start = before.length() + 1;
        assertThat(scan(text)).anySatisfy(f -> {
            assertThat(f.start()).isEqualTo(start);
            assertThat(f.end()).isEqualTo(start + token.length());
        });
    }

    @Property(tries = 500)
    void neverThrowsAndKeepsSpansInsideTheTextWithoutOverlap(@ForAll @StringLength(max = 300) String text) {
        List<Finding> out = scan(text);
        for (int i = 0; i < out.size(); i++) {
            Finding f = out.get(i);
            assertThat(f.end()).isLessThanOrEqualTo(text.length());
            if (i > 0) {
                assertThat(f.start()).isGreaterThanOrEqualTo(out.get(i - 1).end());
            }
        }
    }

    private static List<Finding> scan(String text) {
        List<Finding> out = new ArrayList<>();
        GUARDRAIL.scan(text, out);
        return out;
    }
}
