package kz.shekara.server.response;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import kz.shekara.model.Refusal;
import kz.shekara.model.Task;
import kz.shekara.model.UnitClaim;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.ReadBack;
import kz.shekara.server.bus.Topic;

/**
 * One decision per unit between the dispatch desks of a cluster's response workers. Before a desk tasks a unit it
 * publishes a {@link UnitClaim} on {@link Topic#UNIT_CLAIMS}, keyed by the unit, so that one partition orders every
 * claim of a unit; every response worker reads every claim ({@link #take}) and folds them alike: the first claim of
 * a free unit wins it for its task, a later claim for another task loses, a release by the holding task frees it.
 * The desk tasks the unit only once it has read its own claim back as the winner ({@link #claim}); a loser is
 * refused ({@link Refusal.Conflict}, counted as {@code shekara.response.claims.lost}). A task's end releases its
 * unit ({@link #release}). Every worker reads the topic from its start in a group of its own (its node's), so a
 * worker started or taking partitions over holds every claim in force; the decision is the partition's order, so
 * it does not depend on how far behind a reader is. Unused by one process, whose one desk decides alone.
 * Thread-safe.
 */
public final class UnitClaims {
    /** What the fold made of a claim: won, or lost to the task that holds the unit. */
    private record Decision(boolean won, String holder) {
    }

    private final Bus bus;
    private final Duration wait;
    private final Map<String, UnitClaim> holders = new HashMap<>();
    private final ReadBack<String, Decision> decisions;
    private final Counter won;
    private final Counter lost;

    /**
     * @param bus  where claims and releases are published (the node's bus, which logs them)
     * @param wait the longest a dispatch waits for its claim to come back decided
     */
    public UnitClaims(Bus bus, Duration wait, MeterRegistry meters) {
        this.bus = bus;
        this.wait = wait;
        this.won = meters.counter("shekara.response.claims.won");
        this.lost = meters.counter("shekara.response.claims.lost");
        this.decisions = new ReadBack<>(wait, meters.counter("shekara.response.claims.unanswered"), false);
        io.micrometer.core.instrument.Gauge.builder("shekara.response.claims.held", holders, h -> {
            synchronized (h) {
                return h.size();
            }
        }).description("units held by a claim in force, as far as read").register(meters);
    }

    /** A claim or a release read from the claims topic, in its unit's order: folded, and its waiting dispatch told. */
    public void take(UnitClaim c) {
        Decision d;
        synchronized (holders) {
            UnitClaim h = holders.get(c.unit()); // the winning claim in force
            if (c.kind() == UnitClaim.Kind.RELEASE) {
                if (h != null && h.task().equals(c.task())) {
                    holders.remove(c.unit());
                }
                return;
            }
            d = new Decision(h == null || h.task().equals(c.task()), h == null ? c.task() : h.task());
            if (d.won()) {
                holders.put(c.unit(), c);
            }
        }
        decisions.answer(c.id(), d);
    }

    /**
     * Claims {@code t}'s unit for {@code t} (its incident of {@code sector}) and waits for the claim to come back
     * decided; returns when it won.
     *
     * @throws Refusal.Conflict when another task holds the unit (the winner of an earlier claim), or when no
     *                          decision came within the wait (the claim is then released)
     */
    public void claim(Task t, String sector) {
        UnitClaim c = UnitClaim.claim(UUID.randomUUID().toString(), t, sector);
        java.util.Optional<Decision> decided = decisions.await(c.id(), () -> bus.publish(Topic.UNIT_CLAIMS, c.unit(), c));
        if (decided.isEmpty()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted while claiming unit " + t.unit());
            }
            release(t, sector); // had it won after all, the unit is free again
            throw new Refusal.Conflict("unit " + t.unit() + " not tasked: its claim had no answer from the cluster"
                    + " within " + wait.toSeconds() + " s; try again");
        }
        Decision d = decided.get();
        if (!d.won()) {
            lost.increment();
            throw new Refusal.Conflict("unit " + t.unit() + " is tasked already: another desk claimed it first for "
                    + d.holder() + "; not tasked twice");
        }
        won.increment();
    }

    /** Releases {@code t}'s unit held by {@code t} (its task ended, or never made); a release by another task is void. */
    public void release(Task t, String sector) {
        bus.publish(Topic.UNIT_CLAIMS, t.unit(), UnitClaim.release(UUID.randomUUID().toString(), t, sector));
    }

    /**
     * Releases the units held, as far as read, by tasks of incidents of {@code sectors} that are not {@code active}
     * (claims won by a desk that did not live to make their task: the owner of the sectors frees them); returns how
     * many.
     */
    public int releaseWithoutTask(Collection<String> sectors, Set<String> active) {
        List<UnitClaim> orphans;
        synchronized (holders) {
            orphans = holders.values().stream().filter(h -> sectors.contains(h.sector()) && !active.contains(h.task()))
                    .toList();
        }
        for (UnitClaim h : orphans) {
            bus.publish(Topic.UNIT_CLAIMS, h.unit(), new UnitClaim(h.time(), UUID.randomUUID().toString(),
                    UnitClaim.Kind.RELEASE, h.unit(), h.task(), h.incident(), h.sector(), h.marking()));
        }
        return orphans.size();
    }

    /** The units held now, as far as read, by task id of their holder. */
    public Map<String, String> held() {
        synchronized (holders) {
            Map<String, String> out = new HashMap<>();
            holders.forEach((unit, h) -> out.put(unit, h.task()));
            return out;
        }
    }
}
