package kz.shekara.server.adapter.cot;

import java.net.Socket;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import kz.shekara.server.access.Account;

/**
 * Client certificates mapped to accounts: a TLS client whose certificate's user (its CN) names an
 * account takes that account's agency (what it may see, and a routing group) and its named groups
 * (further routing groups), and is refused
 * when the account is disabled; a certificate that names no account keeps the agency it was issued
 * with (its O), as for a field device enrolled without an account. Stateless; the lookup is asked at
 * every handshake, so disabling an account refuses its devices' next connections.
 */
final class CertificateAccounts {
    private CertificateAccounts() {
    }

    /**
     * The admission that applies {@code accounts} before {@code next}; {@code refused} is told
     * (reason, subject) of a refused client, which {@code drop} closes.
     */
    static CotListener.Admission admitting(CotListener.Admission next, Function<String, Optional<Account>> accounts,
                                           BiConsumer<String, String> refused, Consumer<Socket> drop) {
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(accounts, "accounts");
        return (socket, agency, groups, subject) -> {
            String user = subject == null ? null : userOf(subject);
            Optional<Account> account = user == null ? Optional.empty() : accounts.apply(user);
            if (account.isPresent() && account.get().disabled()) {
                refused.accept("account-disabled", subject);
                drop.accept(socket);
                return;
            }
            next.admit(socket, account.map(Account::agency).orElse(agency), account.map(Account::groups).orElse(groups),
                    subject);
        };
    }

    /** The serial number of the certificate the TLS peer on {@code socket} proved, or null when there is none. */
    static java.math.BigInteger serialOf(Socket socket) {
        if (!(socket instanceof javax.net.ssl.SSLSocket tls)) {
            return null;
        }
        try {
            java.security.cert.Certificate[] chain = tls.getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof java.security.cert.X509Certificate x
                    ? x.getSerialNumber() : null;
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            return null;
        }
    }

    /** The CN (the user) of an RFC 2253 subject, or null when it has none. */
    static String userOf(String subject) {
        return part(subject, "CN");
    }

    /** Whether {@code subject} parses as an RFC 2253 name. */
    static boolean readable(String subject) {
        try {
            new LdapName(subject);
            return true;
        } catch (InvalidNameException e) {
            return false;
        }
    }

    /** The value of attribute {@code type} (O, CN, ...) of an RFC 2253 subject; null when absent or unreadable. */
    static String part(String subject, String type) {
        try {
            for (Rdn r : new LdapName(subject).getRdns()) {
                if (r.getType().equalsIgnoreCase(type)) {
                    return r.getValue().toString();
                }
            }
            return null;
        } catch (InvalidNameException e) {
            return null;
        }
    }
}
