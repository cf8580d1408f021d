package io.entroflow.app.cli;

import io.entroflow.schemas.wire.Subscription;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AlertCommandOptionsTest {
    @Test
    void shouldReportARecordThatIsNotJsonInTheParsersWordsOnly() {
        Map<String, byte[]> raw = new LinkedHashMap<>();
        raw.put("ok", """
                {"id":"ok","match":"{}","to":{"webhook":"http://127.0.0.1:1/x"}}""".getBytes(StandardCharsets.UTF_8));
        raw.put("bad", "not json".getBytes(StandardCharsets.UTF_8));
        List<String> warnings = new ArrayList<>();

        Map<String, Subscription> read = AlertCommandOptions.decode(raw, Subscription.class, (k, why) -> warnings.add(k + ": " + why));

        assertThat(read).containsOnlyKeys("ok");
        assertThat(warnings).containsExactly("bad: not a Subscription record: Unrecognized token 'not': was expecting "
                + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
    }
}
