package io.entroflow.app.cli;

import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.schemas.wire.Subscription;
import io.entroflow.topology.route.Route;
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

    @Test
    void shouldLeaveOutWhatTheRouterRefusesAndSayWhy() {
        Map<String, Subscription> records = new LinkedHashMap<>();
        records.put("ok", subscription("ok", "{}"));
        records.put("flaky", subscription("flaky", "{rule=~}"));
        records.put("bad3", subscription("other", "{}"));
        List<String> warnings = new ArrayList<>();

        Map<String, Route> taken = AlertCommandOptions.accepted(records, Route::of, Subscription::id, "subscription",
                (k, why) -> warnings.add(k + ": " + why));

        assertThat(taken).containsOnlyKeys("ok");
        assertThat(warnings).containsExactly(
                "subscription flaky: ignored, as the router ignores it (it keeps the previous version, if any): "
                        + "match: 7:8: unexpected }: expected label value in '{rule=~}'",
                "subscription bad3: ignored, as the router ignores it (it keeps the previous version, if any): "
                        + "id: 'other' differs from the record key 'bad3'");
    }

    private static Subscription subscription(String id, String match) {
        try {
            return JsonSerde.MAPPER.readValue("{\"id\":\"" + id + "\",\"match\":\"" + match
                    + "\",\"to\":{\"webhook\":\"http://127.0.0.1:1/x\"}}", Subscription.class);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
