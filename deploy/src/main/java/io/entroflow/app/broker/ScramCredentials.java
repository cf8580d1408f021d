package io.entroflow.app.broker;

import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A SCRAM-SHA-512 user and password: the credential an {@link EmbeddedKafka} broker is formatted
 * with (its SASL listener's only user, which the broker also uses for its own connections), and
 * the client settings that log in with it.
 *
 * @param user     1 to 64 characters of {@code [A-Za-z0-9._-]}
 * @param password 1 to 128 of {@code [A-Za-z0-9._~!@#$%^&*()+/:?-]} (no quotes, commas, brackets or
 *                 {@code =}: they would break the JAAS or {@code --add-scram} syntax)
 */
public record ScramCredentials(String user, String password) {
    /** The one SASL mechanism the embedded broker enables. */
    public static final String MECHANISM = "SCRAM-SHA-512";
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9._~!@#$%^&*()+/:?-]{1,128}");

    public ScramCredentials {
        if (user == null || !USER.matcher(user).matches()) {
            throw new IllegalArgumentException("scram user: expected 1 to 64 of [A-Za-z0-9._-], got '" + user + "'");
        }
        if (password == null || !PASSWORD.matcher(password).matches()) {
            throw new IllegalArgumentException("scram password: expected 1 to 128 of [A-Za-z0-9._~!@#$%^&*()+/:?-]");
        }
    }

    /** {@code sasl.jaas.config} for a client (or the broker itself) logging in as this user. */
    public String jaasConfig() {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** {@code security.protocol=SASL_PLAINTEXT}, {@code sasl.mechanism=SCRAM-SHA-512} and the JAAS line. */
    public Properties clientProperties() {
        Properties p = new Properties();
        p.put("security.protocol", "SASL_PLAINTEXT");
        p.put("sasl.mechanism", MECHANISM);
        p.put("sasl.jaas.config", jaasConfig());
        return p;
    }

    /** The {@code kafka-storage format --add-scram} argument that creates this user at format time. */
    String formatArgument() {
        return MECHANISM + "=[name=" + user + ",password=" + password + "]";
    }

    /** Does not print the password. */
    @Override
    public String toString() {
        return "ScramCredentials[user=" + user + ", password=***]";
    }
}
