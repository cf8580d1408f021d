package io.entroflow.schemas;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HmmModelSchemaTest {
    private static Schema schema() {
        InputStream in = HmmModelSchemaTest.class.getResourceAsStream("/schemas/hmm-model.schema.json");
        assertThat(in).as("schema resource").isNotNull();
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    }

    private static List<Error> validate(String json) {
        return schema().validate(json, InputFormat.JSON);
    }

    @Test
    void shouldAcceptTheThreeEmissionTypesOfTheIssue() {
        assertThat(validate("{\"initial\":[0.5,0.5],\"transition\":[[0.7,0.3],[0.3,0.7]],"
                + "\"emission\":{\"type\":\"categorical\",\"probabilities\":[[0.9,0.1],[0.2,0.8]]}}")).isEmpty();
        assertThat(validate("{\"initial\":[0.5,0.5],\"transition\":[[0.9,0.1],[0.1,0.9]],"
                + "\"emission\":{\"type\":\"gaussian\",\"means\":[0,3],\"variances\":[1,2]}}")).isEmpty();
        assertThat(validate("{\"initial\":[1,0],\"transition\":[[0.9,0.1],[0.1,0.9]],"
                + "\"emission\":{\"type\":\"ar1\",\"intercepts\":[0,1],\"coefficients\":[0.5,-0.2],\"variances\":[1,1]}}")).isEmpty();
    }

    @Test
    void shouldRejectANegativeProbabilityAZeroVarianceAndAnUnknownType() {
        assertThat(validate("{\"initial\":[1.5,-0.5],\"transition\":[[0.9,0.1],[0.1,0.9]],"
                + "\"emission\":{\"type\":\"gaussian\",\"means\":[0,3],\"variances\":[1,2]}}")).isNotEmpty();
        assertThat(validate("{\"initial\":[0.5,0.5],\"transition\":[[0.9,0.1],[0.1,0.9]],"
                + "\"emission\":{\"type\":\"gaussian\",\"means\":[0,3],\"variances\":[0,2]}}")).isNotEmpty();
        assertThat(validate("{\"initial\":[0.5,0.5],\"transition\":[[0.9,0.1],[0.1,0.9]],"
                + "\"emission\":{\"type\":\"poisson\",\"rates\":[1,2]}}")).isNotEmpty();
        assertThat(validate("{\"initial\":[0.5,0.5],\"transition\":[[0.9,0.1],[0.1,0.9]]}")).isNotEmpty();
    }
}
