package io.airs.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airs.core.Stage;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.WithNull;

/** The native request survives a trip through JSON unchanged, and bad input names its field. */
class WireCodecProperties {

    private final WireCodec codec = new WireCodec();
    private final ObjectMapper mapper = new ObjectMapper();

    @Property(tries = 300)
    void anEvaluateRequestRoundTripsThroughJson(
            @ForAll Stage stage,
            @ForAll String content,
            @ForAll @WithNull @StringLength(max = 40) String user,
            @ForAll @WithNull @StringLength(max = 40) String session,
            @ForAll @WithNull @StringLength(max = 40) String agent)
            throws Exception {
        ObjectNode body = mapper.createObjectNode();
        body.put("stage", stage.wireName());
        body.put("content", content);
        ObjectNode ctx = body.putObject("context");
        ctx.put("user", user);
        ctx.put("session", session);
        ctx.put("agent", agent);
        EvaluateRequest req = codec.readEvaluate(mapper.writeValueAsBytes(body));
        assertThat(req.stage()).isEqualTo(stage);
        assertThat(req.content()).isEqualTo(content);
        assertThat(req.messages()).isNull();
        assertThat(req.context().user()).isEqualTo(user);
        assertThat(req.context().session()).isEqualTo(session);
        assertThat(req.context().agent()).isEqualTo(agent);
    }

    @Property(tries = 200)
    void aNonStringContentIsRejectedNamingTheField(@ForAll int value) throws Exception {
        byte[] body = ("{\"stage\":\"output\",\"content\":" + value + "}").getBytes();
        assertThatThrownBy(() -> codec.readEvaluate(body))
                .isInstanceOfSatisfying(
                        WireException.class, e -> assertThat(e.field()).isEqualTo("content"));
    }

    @Property(tries = 200)
    void arbitraryBytesNeverEscapeAsAnythingButAWireException(@ForAll byte[] body) {
        try {
            codec.readEvaluate(body);
        } catch (WireException expected) {
            // the only failure a caller sees for bad input
        }
    }
}
