package kz.shekara.server.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import kz.shekara.server.access.AuditEntry;
import kz.shekara.server.access.AuditTrail;
import kz.shekara.server.access.AuditVerification;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shekara audit verify|list}: the tamper-evident audit trail in the event store's database
 * ({@link AuditTrail}, docs/audit.md). {@code verify} exits 0 on an intact chain and 1 naming the
 * first entry altered, inserted or removed.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "The tamper-evident audit trail: verify its hash chain, list its entries.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.ListEntries.class})
public final class AuditCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Walk the hash chain: exit 0 when intact, 1 naming the first entry altered, inserted or removed.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        StoreOption store;

        @Option(names = "--expect", paramLabel = "SEQ:HASH",
                description = "A head printed by an earlier verify and kept elsewhere: the chain must still hold it "
                        + "(catches a chain rewritten and re-hashed from that entry on).")
        String expect;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (AuditTrail trail = new AuditTrail(store.existing(spec.commandLine()), Clock.systemUTC())) {
                AuditVerification v = trail.verify();
                PrintWriter o = spec.commandLine().getOut();
                if (v.intact()) {
                    String rewritten = expect == null ? null : rewritten(trail);
                    if (rewritten != null) {
                        o.println(rewritten);
                        return 1;
                    }
                    o.printf("intact: %d entries checked; head seq %d hash %s%n", v.checked(), v.headSeq(), v.headHash());
                    return 0;
                }
                o.printf("%s (head seq %d; %d entries read)%n", v.firstBreak().orElseThrow(), v.headSeq(), v.checked());
                return 1;
            }
        }

        /** What is wrong with the chain against {@code --expect}, or null when it holds that entry. */
        private String rewritten(AuditTrail trail) {
            int colon = expect.indexOf(':');
            long seq;
            try {
                seq = Long.parseLong(expect.substring(0, Math.max(0, colon)).trim());
            } catch (NumberFormatException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--expect wants SEQ:HASH, got " + expect);
            }
            String hash = expect.substring(colon + 1).trim().toLowerCase(java.util.Locale.ROOT);
            Optional<AuditEntry> e = trail.entry(seq);
            if (e.isEmpty()) {
                return "removed: entry " + seq + ": expected with hash " + hash + ", not in the chain";
            }
            return e.get().hash().equals(hash) ? null : "altered: entry " + seq + ": its hash is not the one expected ("
                    + hash + "): the chain was rewritten from this entry or before";
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Print entries, one a line: seq, time, actor, action, target, outcome, address (tab-separated).")
    static final class ListEntries implements Callable<Integer> {
        @Mixin
        StoreOption store;

        @Option(names = "--from", paramLabel = "INSTANT", converter = InstantConverter.class,
                description = "Entries at or after this instant (default: the first).")
        Instant from;

        @Option(names = "--to", paramLabel = "INSTANT", converter = InstantConverter.class,
                description = "Entries before this instant (default: the last).")
        Instant to;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "1000",
                description = "At most this many entries (default ${DEFAULT-VALUE}).")
        int limit;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (AuditTrail trail = new AuditTrail(store.existing(spec.commandLine()), Clock.systemUTC())) {
                PrintWriter o = spec.commandLine().getOut();
                for (AuditEntry e : trail.read(from == null ? Instant.EPOCH : from, to == null ? Instant.MAX : to,
                        Math.max(1, limit))) {
                    o.printf("%d\t%s\t%s\t%s\t%s\t%s\t%s%n", e.seq(), e.time(), e.actor(), e.action(), e.target(),
                            e.outcome(), e.address());
                }
                return 0;
            }
        }
    }
}
