package io.entroflow.topology.stream;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.entroflow.schemas.wire.JsonSerde;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Numbers with a fraction or an exponent on the parser-free path of {@link PointerReader} (the demo's
 * {@code "latency": 51.2}): the same node, class and bits as Jackson's tree, for the project's mapper and
 * for one that reads floats as big decimals (which the fast path leaves to the parser); malformed
 * numbers get the parser's error.
 */
class PointerReaderFloatTest {
    private static final String[] POINTERS = {"/k", "/ts", "/latency", "/x"};
    private static final String[] NUMBERS = {"51.2", "-0.0", "0.0", "0.5", "-12.75", "1e3", "1E3", "1e+3", "1e-3",
            "2.5E-7", "-1.0e10", "123456789012345678901234567890.5", "1e400", "-1e400", "4.9e-324", "1e-400",
            "0.1000000000000000055511151231257827021181583404541015625", "9007199254740993.0", "3.",
            ".5", "1.e3", "1e", "1e+", "01.5", "-.5", "1.5.2", "1e3.5", "1.5e", "--1.5", "1.5x", "00.1"};

    @Test
    void shouldReadFractionsAndExponentsAsTheTreeDoes() throws IOException {
        check(JsonSerde.MAPPER);
        check(JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build());
    }

    private static void check(ObjectMapper mapper) throws IOException {
        JsonPointer[] pointers = new JsonPointer[POINTERS.length];
        for (int i = 0; i < POINTERS.length; i++) {
            pointers[i] = JsonPointer.compile(POINTERS[i]);
        }
        PointerReader reader = new PointerReader(mapper, pointers);
        Random r = new Random(5);
        for (int round = 0; round < 5_000; round++) {
            String number = NUMBERS[r.nextInt(NUMBERS.length)];
            String other = NUMBERS[r.nextInt(NUMBERS.length)];
            String doc = "{\"k\":\"svc-a-" + round + "\",\"ts\":" + (1_700_000_000_000L + round) + ",\"latency\":" + number
                    + (r.nextBoolean() ? ",\"x\": " + other : "") + (r.nextBoolean() ? " }" : "}");
            byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
            JsonNode root;
            try {
                root = mapper.readTree(bytes);
            } catch (IOException e) {
                String expected = e.getMessage().split("\n", 2)[0];
                assertThatThrownBy(() -> reader.read(bytes)).as(doc).isInstanceOf(IOException.class)
                        .satisfies(x -> assertThat(x.getMessage().split("\n", 2)[0]).startsWith(expected));
                continue;
            }
            JsonNode[] read = reader.read(bytes);
            for (int i = 0; i < POINTERS.length; i++) {
                JsonNode expected = root.at(pointers[i]);
                assertThat(read[i]).as(doc + " at " + POINTERS[i]).isEqualTo(expected);
                assertThat(read[i].getClass()).as(doc + " at " + POINTERS[i]).isEqualTo(expected.getClass());
                if (expected.isDouble()) {
                    assertThat(Double.doubleToRawLongBits(read[i].doubleValue())).as(doc)
                            .isEqualTo(Double.doubleToRawLongBits(expected.doubleValue()));
                }
            }
        }
    }
}
