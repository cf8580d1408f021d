package io.entroflow.topology.alert;

import io.entroflow.schemas.wire.JsonSerde;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The alerts store's JSON: states written before a field existed still read; checkpoints round-trip exactly. */
class AlertStateTest {

    @Test
    void shouldReadAStateWrittenBeforeCheckpointsExisted() throws Exception {
        String old = "{\"phase\":\"firing\",\"pendingSince\":1000,\"firingSince\":2000,\"lastActive\":3000,"
                + "\"baseline\":[1.0,2.0],\"baselineNext\":1,\"baselineCount\":2}";
        AlertState s = JsonSerde.MAPPER.readValue(old.getBytes(StandardCharsets.UTF_8), AlertState.class);
        assertThat(s.phase).isEqualTo(AlertState.FIRING);
        assertThat(s.lastActive).isEqualTo(3000);
        assertThat(s.baseline).containsExactly(1.0, 2.0);
        assertThat(s.checkpoint).isNull();
        assertThat(s.calibrationMark).isNull();
    }

    @Test
    void shouldRoundTripACheckpointByteForByteAndNotPersistTheLastDetection() throws Exception {
        AlertState s = new AlertState();
        s.checkpoint = new byte[] {0, 1, -1, 127, -128, 42};
        s.calibrationMark = 400L;
        s.lastDetection = new io.entroflow.schemas.wire.AlertRecord.Detection("conformal", 0.5, 0.01, null, null, false);
        byte[] json = JsonSerde.MAPPER.writeValueAsBytes(s);
        assertThat(new String(json, StandardCharsets.UTF_8)).doesNotContain("lastDetection").doesNotContain("p_value");
        AlertState back = JsonSerde.MAPPER.readValue(json, AlertState.class);
        assertThat(back.checkpoint).containsExactly(s.checkpoint);
        assertThat(back.calibrationMark).isEqualTo(400L);
        assertThat(back.lastDetection).isNull();
    }

    @Test
    void shouldIgnoreFieldsAStateFromANewerVersionHas() throws Exception {
        AlertState s = JsonSerde.MAPPER.readValue("{\"phase\":\"inactive\",\"somethingNew\":[1,2]}"
                .getBytes(StandardCharsets.UTF_8), AlertState.class);
        assertThat(s.phase).isEqualTo(AlertState.INACTIVE);
    }
}
