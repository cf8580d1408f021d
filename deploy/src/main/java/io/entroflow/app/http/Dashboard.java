package io.entroflow.app.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dashboard page ({@code /}) and its script and style, served from the jar (no CDN: the page
 * draws its charts as SVG with its own script, so it works offline). The files hold no data and are
 * served without the bearer token; the page asks for the token and sends it with every API call.
 */
final class Dashboard {
    private static final String DIR = "/io/entroflow/app/http/dashboard/";
    /** The page's paths and their content types. */
    static final Map<String, String> FILES = Map.of(
            "/", "index.html:text/html; charset=utf-8",
            "/dashboard.js", "dashboard.js:text/javascript; charset=utf-8",
            "/dashboard.css", "dashboard.css:text/css; charset=utf-8");

    private Dashboard() {
    }

    /** The routes, with each file read once. */
    static Map<String, HttpEndpoints.Route> routes() {
        Map<String, HttpEndpoints.Route> routes = new LinkedHashMap<>();
        FILES.forEach((path, spec) -> {
            int colon = spec.indexOf(':');
            byte[] body = read(spec.substring(0, colon));
            String type = spec.substring(colon + 1);
            routes.put(path, e -> HttpEndpoints.send(e, 200, type, body));
        });
        return routes;
    }

    private static byte[] read(String file) {
        try (InputStream in = Dashboard.class.getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("dashboard: " + DIR + file + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
