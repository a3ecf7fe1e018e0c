package io.airs.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.airs.core.Decision;
import io.airs.core.Evaluation;
import io.airs.core.evidence.InMemoryEvidenceSink;
import io.airs.core.pipeline.Enforcer;
import io.airs.core.wire.EvaluateRequest;
import io.airs.core.wire.WireCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The golden cases against the core itself, through the shared wire codec. */
class CoreGoldenTest {

    private final WireCodec codec = new WireCodec();
    private final ObjectMapper mapper = new ObjectMapper();

    static List<GoldenCase> cases() {
        return GoldenCases.all();
    }

    @Test
    void shipsAGoldenCaseForEveryDecisionKind() {
        assertThat(cases())
                .extracting(c -> c.expect().path("decision").asText())
                .contains("ALLOW", "MODIFY", "ESCALATE", "BLOCK");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void coreMeetsGoldenCase(GoldenCase c) throws IOException {
        Enforcer enforcer = Enforcer.builder(GoldenCases.policy(c))
                .evidence(new InMemoryEvidenceSink(64))
                .build();
        EvaluateRequest req = codec.readEvaluate(mapper.writeValueAsBytes(c.request()));
        byte[] out;
        if (req.content() != null) {
            out = codec.writeDecision(enforcer.evaluate(new Evaluation(req.stage(), req.content(), req.context())));
        } else {
            List<Decision> ds = new ArrayList<>();
            req.messages()
                    .forEach(m -> ds.add(enforcer.evaluate(new Evaluation(req.stage(), m.content(), req.context()))));
            out = codec.writeMessagesDecision(req.messages(), ds);
        }
        c.assertMatches(mapper.readTree(out));
    }
}
