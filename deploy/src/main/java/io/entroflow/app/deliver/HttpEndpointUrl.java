package io.entroflow.app.deliver;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Checks the URL of a webhook or an Alertmanager: absolute {@code http} or {@code https} with a host. */
public final class HttpEndpointUrl {
    private HttpEndpointUrl() {
    }

    /**
     * The URL as a {@link URI}.
     *
     * @param field what names the value in an error, e.g. {@code --webhook} or {@code to.webhook}
     * @throws IllegalArgumentException one line naming {@code field} and the value
     */
    public static URI parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + ": expected an http:// or https:// URL, got nothing");
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not a URL: " + e.getReason()
                    + " at index " + e.getIndex());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(field + ": expected an http:// or https:// URL, got '" + text + "'");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException(field + ": '" + text + "' has no host");
        }
        if (uri.getFragment() != null) {
            throw new IllegalArgumentException(field + ": '" + text + "' has a fragment (#...), which HTTP never sends");
        }
        return uri;
    }
}
