package kz.shekara.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The outbound CoT feeds to partners' TAK servers (the {@code federation} list of the server's
 * config; see docs/sharing.md): per partner agency one TLS connection on which the server streams
 * what that agency may see. Validated on construction; immutable.
 *
 * @param partners one entry per partner agency, at most one each
 */
public record FederationConfig(List<Partner> partners) {
    /** No federation: the default. */
    public static final FederationConfig NONE = new FederationConfig(List.of());

    public FederationConfig {
        partners = List.copyOf(Objects.requireNonNull(partners, "partners"));
        Set<String> seen = new HashSet<>();
        for (Partner p : partners) {
            if (!seen.add(p.agency())) {
                throw new IllegalArgumentException("federation: agency " + p.agency() + " is listed twice");
            }
        }
    }

    /**
     * One partner's TAK server and how to reach it.
     *
     * @param agency             the theatre agency the partner is: what it receives is what that agency may see
     * @param host               the partner TAK server's host name or address (checked against its certificate)
     * @param port               its TLS streaming port (TAK's 8089)
     * @param certificate        a PKCS#12 file with our client certificate and key for that server (issued by
     *                           the partner's authority, or by ours with {@code certs issue} when the partner trusts it)
     * @param password           the password of {@code certificate}
     * @param truststore         a PKCS#12 file with the partner's certificate authority: the only one trusted
     * @param truststorePassword the password of {@code truststore}
     * @param reconnectMin       the first wait before connecting again after a failure, doubled at each
     *                           further failure up to {@code reconnectMax}
     */
    public record Partner(String agency, String host, int port, String certificate, String password,
                          String truststore, String truststorePassword, Duration reconnectMin, Duration reconnectMax) {
        public Partner {
            if (agency == null || agency.isBlank()) {
                throw new IllegalArgumentException("agency: must name a partner agency of the theatre");
            }
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host: must name the partner's TAK server");
            }
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port: must be a TCP port 1-65535, got " + port);
            }
            if (certificate == null || certificate.isBlank() || truststore == null || truststore.isBlank()) {
                throw new IllegalArgumentException("certificate, truststore: must name PKCS#12 files");
            }
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(truststorePassword, "truststorePassword");
            if (reconnectMin == null || !reconnectMin.isPositive() || reconnectMax == null
                    || reconnectMax.compareTo(reconnectMin) < 0) {
                throw new IllegalArgumentException("reconnectMin, reconnectMax: need 0 < reconnectMin <= reconnectMax, got "
                        + reconnectMin + ", " + reconnectMax);
            }
        }

        /** This partner with its files resolved against {@code base} (the config file's folder). */
        public Partner resolvedAgainst(Path base) {
            return new Partner(agency, host, port, base.resolve(certificate).toString(), password,
                    base.resolve(truststore).toString(), truststorePassword, reconnectMin, reconnectMax);
        }
    }
}
