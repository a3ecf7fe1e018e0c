package io.airs.core.guardrail.secret;

import static io.airs.core.guardrail.secret.SecretSamples.ALNUM;
import static io.airs.core.guardrail.secret.SecretSamples.DIGITS;
import static io.airs.core.guardrail.secret.SecretSamples.HEX;
import static io.airs.core.guardrail.secret.SecretSamples.LOWER;
import static io.airs.core.guardrail.secret.SecretSamples.UPPER;
import static io.airs.core.guardrail.secret.SecretSamples.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.airs.core.Finding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The provider formats and assignment syntaxes added after the first release, each with hard
 * negatives that share its shape: key names without a value, labels, lookups without a fallback,
 * host names and prose.
 */
class SecretPatternFamiliesTest {

    private static final SecretGuardrail GUARDRAIL = new SecretGuardrail();

    /** A password-like value: letters, digits and a symbol. */
    private static String password(Random r) {
        return body(r, ALNUM, 9) + "!" + body(r, DIGITS, 2);
    }

    static Stream<Arguments> providerFormats() {
        Random r = new Random(7_331L);
        return Stream.of(
                Arguments.of(
                        "edgegrid client_token ⟦akab-" + body(r, LOWER + DIGITS, 16) + "-" + body(r, LOWER + DIGITS, 16)
                                + "⟧",
                        "akamai-client-token"),
                Arguments.of("f(⟦LTAI" + body(r, ALNUM, 12) + "⟧, x)", "alibaba-access-key-id-v2"),
                Arguments.of(
                        "t = ⟦ATATT3" + body(r, ALNUM + "_-", 180) + "%3D" + body(r, "0123456789ABCDEF", 8) + "⟧",
                        "atlassian-api-token-v2"),
                Arguments.of("app:⟦ATBB" + body(r, ALNUM, 32) + "⟧", "bitbucket-app-password"),
                Arguments.of("\"⟦BBDC-" + body(r, ALNUM, 44) + "⟧\"", "bitbucket-http-access-token"),
                Arguments.of(
                        "⟦dnkey-" + body(r, UPPER + DIGITS, 26) + "-" + body(r, UPPER + DIGITS, 52) + "⟧",
                        "defined-networking-api-key"),
                Arguments.of(
                        "var g = '⟦" + body(r, ALNUM, 11) + "AAAAAAAAAA" + body(r, ALNUM, 43) + "⟧'",
                        "dropbox-long-lived-api-token-v2"),
                Arguments.of("⟦IGQV" + body(r, ALNUM + "_-", 150) + "⟧", "instagram-access-token"),
                Arguments.of(
                        "https://hf.co/x/⟦hf_" + body(r, UPPER + LOWER, 34) + "⟧/y", "huggingface-access-token-v2"),
                Arguments.of(
                        "Authorization: NTLM ⟦TlRMTVNTUAADAAAAGAAY" + body(r, ALNUM + "+/", 80) + "==⟧",
                        "ntlm-authenticate-message"),
                Arguments.of("k = '⟦oy2" + body(r, LOWER + DIGITS, 43) + "⟧'", "nuget-api-key"),
                Arguments.of("⟦ntn_" + body(r, LOWER, 3) + body(r, ALNUM, 43) + "⟧", "notion-integration-token"),
                Arguments.of("⟦PMAT-" + body(r, UPPER + DIGITS, 26) + "⟧", "postman-collection-access-token"),
                Arguments.of(
                        "⟦access_token$production$" + body(r, LOWER + DIGITS, 16) + "$" + body(r, HEX, 32) + "⟧",
                        "paypal-braintree-access-token"),
                Arguments.of(
                        "sid ⟦00D" + body(r, ALNUM, 12) + "!" + body(r, ALNUM + ".", 60) + "⟧",
                        "salesforce-access-token"),
                Arguments.of("⟦xoxp-1-" + body(r, ALNUM, 150) + "⟧", "slack-rotating-token"),
                Arguments.of(
                        "bearer=⟦AAAAAAAAAAAAAAAAAAAAA" + body(r, ALNUM, 40) + "%2B" + body(r, ALNUM, 50) + "⟧",
                        "twitter-bearer-token-v2"),
                Arguments.of("⟦cosmo_" + body(r, HEX, 32) + "⟧", "wundergraph-api-key"),
                Arguments.of(
                        "⟦" + body(r, ALNUM, 52) + "JQQJ99" + body(r, ALNUM, 28) + "==⟧", "azure-identifiable-key"),
                Arguments.of(
                        "{\"kty\": \"EC\", \"crv\": \"P-256\",\n  \"d\": \"⟦" + body(r, ALNUM + "_-", 43) + "⟧\"}",
                        "jwk-private-key"),
                Arguments.of("{\"kty\":\"oct\",\"k\":\"⟦" + body(r, ALNUM + "_-", 22) + "⟧\"}", "jwk-private-key"),
                Arguments.of("\u001b[93m⟦sk-" + body(r, HEX, 32) + "⟧\u001b[0m", "deepseek-api-key"),
                Arguments.of(
                        "https://discord.com/api/webhooks/" + body(r, DIGITS, 18) + "/⟦" + body(r, ALNUM + "_-", 68)
                                + "⟧",
                        "discord-webhook-token"),
                Arguments.of(
                        "bot.run(\"⟦" + b64url("4" + body(r, DIGITS, 17)) + "." + body(r, ALNUM + "_-", 6) + "."
                                + body(r, ALNUM + "_-", 38) + "⟧\")",
                        "discord-bot-token"),
                // The seed of the NATS documentation (nkeys README), whose CRC-16 holds.
                Arguments.of("seed: ⟦SUACSSL3UAHUDXKFSNVUZRF5UHPMWZ6BFDTJ7M6USDXIEDNPPQYYYCU3VY⟧", "nkey-seed"),
                Arguments.of(
                        "tls.key: ⟦" + b64("-----BEGIN RSA PRIVATE KEY-----\nMIIEow" + body(r, ALNUM, 120)) + "⟧",
                        "private-key"),
                Arguments.of(
                        "crt: ⟦"
                                + b64("ab\n-----BEGIN CERTIFICATE-----\nMIIB" + body(r, ALNUM, 60)
                                        + "\n-----END CERTIFICATE-----\n-----BEGIN EC PRIVATE KEY-----\nMHcC"
                                        + body(r, ALNUM, 60))
                                + "⟧",
                        "private-key"),
                Arguments.of(
                        "JWKS=⟦" + b64("[{\"kty\": \"EC\", \"d\": \"" + body(r, ALNUM, 43) + "\"}]") + "⟧",
                        "jwk-private-key"),
                Arguments.of(
                        "<data>⟦MIIBOgIBAAJBA" + body(r, ALNUM + "+/", 51) + "\n    " + body(r, ALNUM + "+/", 64)
                                + "\n    " + body(r, ALNUM + "+/", 64) + "\n    " + body(r, ALNUM + "+/", 64)
                                + "\n    " + body(r, ALNUM + "+/", 64) + "\n    " + body(r, ALNUM + "+/", 64)
                                + "\n    " + body(r, ALNUM + "+/", 40) + "⟧\n</data>",
                        "private-key"));
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64url(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static Stream<Arguments> assignmentSyntaxes() {
        Random r = new Random(4_242L);
        String key = body(r, ALNUM, 32);
        return Stream.of(
                Arguments.of("<password>⟦" + password(r) + "⟧</password>", "password-assignment"),
                Arguments.of("<password name=\"db\">⟦" + password(r) + "⟧</password>", "password-assignment"),
                Arguments.of("<entry key=\"password\">⟦" + password(r) + "⟧</entry>", "password-assignment"),
                Arguments.of("<add key=\"DbPassword\" value=\"⟦" + password(r) + "⟧\" />", "password-assignment"),
                Arguments.of("<add key=\"ApiKey\" value=\"⟦" + key + "⟧\"/>", "generic-api-key"),
                Arguments.of("DB_PASSWORD: ${DB_PASSWORD:-⟦" + password(r) + "⟧}", "password-assignment"),
                Arguments.of("password = os.getenv(\"DB_PASSWORD\", \"⟦" + password(r) + "⟧\")", "password-assignment"),
                Arguments.of("api_key = os.environ.get(\"API_KEY\", '⟦" + key + "⟧')", "generic-api-key"),
                Arguments.of(
                        "PASSWORD = os.environ.get(\"PASSWORD\") or \"⟦" + password(r) + "⟧\"", "password-assignment"),
                Arguments.of("const token = process.env.TOKEN || \"⟦" + key + "⟧\";", "generic-api-key"),
                Arguments.of(
                        "String pw = System.getProperty(\"db.password\", \"⟦" + password(r) + "⟧\");",
                        "password-assignment"),
                Arguments.of("define( 'DB_PASSWORD', '⟦" + password(r) + "⟧' );", "password-assignment"),
                Arguments.of("#define DB_PASSWORD \"⟦" + password(r) + "⟧\"", "password-assignment"),
                Arguments.of("%define token ⟦" + body(r, HEX, 64) + "⟧", "generic-api-key"),
                Arguments.of(
                        "$cred = ConvertTo-SecureString \"⟦" + password(r) + "⟧\" -AsPlainText -Force",
                        "password-assignment"),
                Arguments.of(
                        "ConvertTo-SecureString -String ⟦" + password(r) + "⟧ -AsPlainText", "password-assignment"),
                Arguments.of("id/pw admin/⟦" + password(r) + "⟧", "password-assignment"),
                Arguments.of("ID PW admin ⟦" + password(r) + "⟧", "password-assignment"),
                Arguments.of("User/Password (admin, ⟦" + password(r) + "⟧)", "password-assignment"),
                Arguments.of("CREATE ROLE app LOGIN PASSWORD '⟦" + password(r) + "⟧';", "password-assignment"),
                Arguments.of("if passwrod == \"⟦" + password(r) + "⟧\":", "password-assignment"),
                Arguments.of("curl --oauth2-bearer \"⟦" + key + "⟧\" https://api", "generic-api-key"),
                Arguments.of("setopt(h, CURLOPT_XOAUTH2_BEARER, \"⟦" + key + "⟧\");", "generic-api-key"),
                Arguments.of("DemoToken: ⟦" + body(r, ALNUM, 27) + "=⟧ for the demo user", "generic-api-key"),
                Arguments.of("$api_key = '⟦" + key + "⟧", "generic-api-key"),
                Arguments.of(
                        "Activation key: ⟦" + body(r, UPPER + DIGITS, 5) + "-" + body(r, UPPER, 5) + "-"
                                + body(r, UPPER + DIGITS, 5) + "-" + body(r, UPPER, 5) + "-" + body(r, UPPER, 5) + "⟧",
                        "generic-api-key"),
                Arguments.of("mysql -u root -p⟦" + password(r) + "⟧ -h db app", "password-assignment"),
                Arguments.of("mysqldump -uroot -p'⟦" + password(r) + "⟧' app > app.sql", "password-assignment"),
                Arguments.of("sshpass -p '⟦" + password(r) + "⟧' ssh deploy@host", "password-assignment"),
                Arguments.of("docker login -u ci -p ⟦" + key + "⟧ registry.io", "password-assignment"),
                Arguments.of("host 10.0.0.5 user admin pass ⟦" + password(r) + "⟧", "password-assignment"),
                Arguments.of("192.168.0.1 master/⟦iP30dT_o⟧", "password-assignment"),
                Arguments.of("IP ID PW 10.20.30.40 root ⟦Kq7x" + password(r) + "⟧", "password-assignment"),
                Arguments.of("P/W: ⟦" + password(r) + "⟧", "password-assignment"),
                Arguments.of("CREATE ROLE app WITH LOGIN PASSWORD ⟦" + password(r) + "⟧;", "password-assignment"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("providerFormats")
    void flagsProviderFormatsWithoutKeyContext(String marked, String type) {
        assertFinds(marked, type);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("assignmentSyntaxes")
    void flagsSecretsInMoreAssignmentSyntaxes(String marked, String type) {
        assertFinds(marked, type);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "F: akab-h5stbzeswb3v4kj3-tblc7jkffv3wfxh3.luna.akamaiapis.net",
                "<label for=\"password\">Password:</label>",
                "<password name=\"password\">correct_horse_battery</password>",
                "<input type=\"password\" name=\"password\" value=\"\" />",
                "password = config.get(\"db\", \"password\")",
                "token = request.args.get(\"token\", \"\")",
                "api_key = settings.get(\"API_KEY\", None)",
                "password = os.environ[\"DB_PASSWORD\"]",
                "DB_PASSWORD: ${DB_PASSWORD:-changeme}",
                "#define PASSWORD_LENGTH 12",
                "#define TOKEN_TTL 3600",
                "$pw = ConvertTo-SecureString $plain -AsPlainText -Force",
                "User/Password fields are required",
                "ID/PW: please ask the administrator",
                "id/pw admin/{password}",
                "the user password is stored hashed",
                "t(\"password\", \"Password\")",
                "passwd: str = field(default=None)",
                "hf_hub_download(repo_id=\"org/model\", filename=\"config.json\")",
                "TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAKAGFKAAAADw==",
                "ntn_ is the prefix of Notion tokens",
                "{\"kty\": \"RSA\", \"e\": \"AQAB\", \"n\": \"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbb\"}",
                "{\"kty\": \"oct\", \"k\": \"<your-key-here>\"}",
                "salt = 00d4f1a2b3c4e5f60718293a4b5c6d7e",
                "padding AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "ssh -p 22 deploy@host",
                "ssh -p 2222 -i ~/.ssh/id_ed25519 deploy@10.0.0.5",
                "docker run -p 8080:80 nginx",
                "docker login -u ci --password-stdin registry.io",
                "mysql -u root -p",
                "mysql -u root -p appdb",
                "mysql -u root -p\"$MYSQL_ROOT_PASSWORD\" appdb",
                "sshpass -p \"$SSHPASS\" ssh deploy@host",
                "10.0.0.1 netmask 255.255.255.0",
                "192.168.1.10 server1 server1.lan",
                "10.0.0.5 web01 aa:bb:cc:dd:ee:ff",
                "10.0.0.1 GET /Api/V1/getUser2",
                " 192.168.0.1 dedicated SinCity(K4 room)",
                "version 1.2.3.4 build Release2024a",
                "the P/W ratio is high",
                "P/W: see vault",
                "ALTER USER bob PASSWORD NULL;",
                "The SOAP and SCALE of SUAVE things: SUAVE SOAP",
                "SUACSSL3UAHUDXKFSNVUZRF5UHPMWZ6BFDTJ7M6USDXIEDNPPQYYYCU3V",
                "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJ3RENDQVdlZ0F3SUJBZ0lSQUpS",
                "eyJrdHkiOiAiUlNBIiwgImUiOiAiQVFBQiIsICJuIjogIjB2eDdhZ29lYkdjUVN1dVBpTEpYWnB0TjluIn0=",
                "see docs.python.org/3.12/library/os.path.html and www.example.co.uk/abc.def"
            })
    void leavesLookAlikesAlone(String text) {
        List<Finding> out = new ArrayList<>();
        GUARDRAIL.scan(text, out);
        assertThat(out).as(text).isEmpty();
    }

    private static void assertFinds(String marked, String type) {
        int start = marked.indexOf('⟦');
        int end = marked.indexOf('⟧') - 1;
        String text = marked.replace("⟦", "").replace("⟧", "");
        List<Finding> out = new ArrayList<>();
        GUARDRAIL.scan(text, out);
        assertThat(out).as(text).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo(type);
            assertThat(f.start()).isEqualTo(start);
            assertThat(f.end()).isEqualTo(end);
        });
    }
}
