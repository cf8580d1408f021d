package io.entroflow.app.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HttpEndpointsTest {
    private static final String TOKEN = "s3cret-token-0123456789";
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private HttpEndpoints server;

    @BeforeEach
    void start() {
        server = HttpEndpoints.start(new InetSocketAddress("127.0.0.1", 0), new BearerToken(TOKEN), Map.of(
                "/health", e -> HttpEndpoints.sendJson(e, 200, Map.of("status", "UP")),
                "/metrics", e -> HttpEndpoints.send(e, 200, "text/plain", "m 1\n".getBytes(StandardCharsets.UTF_8)),
                "/api/*", e -> HttpEndpoints.sendJson(e, 200, Map.of("route", "api", "path", e.getRequestURI().getRawPath())),
                "/api/keys/*", e -> HttpEndpoints.sendJson(e, 200, Map.of("route", "keys", "path", e.getRequestURI().getRawPath())),
                "/api/bad", e -> {
                    throw new IllegalArgumentException("limit: must be positive, got -1");
                },
                "/stream", e -> {
                    e.getResponseHeaders().set("Content-Type", "text/event-stream");
                    e.sendResponseHeaders(200, 0);
                    try (OutputStream out = e.getResponseBody()) {
                        for (int i = 0; i < 3; i++) {
                            out.write(("data: " + i + "\n\n").getBytes(StandardCharsets.UTF_8));
                            out.flush();
                        }
                    }
                }), Set.of("/health"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path))
                .timeout(Duration.ofSeconds(5));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldAnswer401WithoutAToken() throws Exception {
        HttpResponse<String> r = get("/metrics", null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"entroflow\"");
        assertThat(r.body()).contains("unauthorized").doesNotContain("m 1");
    }

    @Test
    void shouldAnswer401WithAWrongTokenOrScheme() throws Exception {
        assertThat(get("/metrics", "Bearer " + TOKEN + "x").statusCode()).isEqualTo(401);
        assertThat(get("/metrics", "Bearer " + TOKEN.substring(1)).statusCode()).isEqualTo(401);
        assertThat(get("/metrics", "Bearer ").statusCode()).isEqualTo(401);
        assertThat(get("/metrics", "Basic " + TOKEN).statusCode()).isEqualTo(401);
        assertThat(get("/metrics", TOKEN).statusCode()).isEqualTo(401);
    }

    @Test
    void shouldServeWithTheRightToken() throws Exception {
        HttpResponse<String> r = get("/metrics", "Bearer " + TOKEN);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("m 1\n");
        assertThat(get("/metrics", "bearer " + TOKEN).statusCode()).as("the scheme is case-insensitive").isEqualTo(200);
    }

    @Test
    void shouldKeepHealthOpen() throws Exception {
        HttpResponse<String> r = get("/health", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void shouldNotRevealUnknownPathsWithoutTheToken() throws Exception {
        assertThat(get("/nope", null).statusCode()).isEqualTo(401);
        HttpResponse<String> r = get("/nope", "Bearer " + TOKEN);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("/metrics");
    }

    @Test
    void shouldRefuseMethodsOtherThanGet() throws Exception {
        HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + "/health"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).timeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = client.send(post, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void shouldStreamAChunkedResponse() throws Exception {
        HttpResponse<String> r = get("/stream", "Bearer " + TOKEN);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        assertThat(r.body()).isEqualTo("data: 0\n\ndata: 1\n\ndata: 2\n\n");
    }

    @Test
    void shouldServeEverythingWithoutATokenWhenNoneIsConfigured() throws Exception {
        try (HttpEndpoints open = HttpEndpoints.start(new InetSocketAddress("127.0.0.1", 0), null,
                Map.of("/metrics", e -> HttpEndpoints.sendJson(e, 200, Map.of())), Set.of())) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + open.address().getPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldRouteByTheLongestPrefixWhenNoExactPathMatches() throws Exception {
        String auth = "Bearer " + TOKEN;
        assertThat(get("/api/keys/a%2Fb/history", auth).body()).contains("\"route\":\"keys\"").contains("a%2Fb/history");
        assertThat(get("/api/other", auth).body()).contains("\"route\":\"api\"");
        assertThat(get("/apix", auth).statusCode()).isEqualTo(404);
        assertThat(get("/api/keys/x", null).statusCode()).isEqualTo(401); // a prefix route needs the token too
    }

    @Test
    void shouldAnswer400WithTheMessageOfABadArgument() throws Exception {
        HttpResponse<String> r = get("/api/bad", "Bearer " + TOKEN);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("{\"error\":\"limit: must be positive, got -1\"}");
    }

    @Test
    void shouldDecodeQueryParametersAndRejectBadEncoding() {
        assertThat(StateApi.parseQuery("prefix=svc%2Fa&limit=5&flag")).containsExactly(
                Map.entry("prefix", "svc/a"), Map.entry("limit", "5"), Map.entry("flag", ""));
        assertThat(StateApi.parseQuery(null)).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StateApi.parseQuery("prefix=%zz"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("query: bad percent-encoding in 'prefix=%zz'");
    }
}
