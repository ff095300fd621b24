package kz.shekara.track;

import java.time.Instant;

/**
 * Initiation that asks more of a new track where clutter is dense. Where the density of unexplained
 * plots around a tentative track's plot ({@link ClutterDensity}) is at most {@code densePerKm2}, the
 * {@code sparse} initiator decides (two-point and M-of-N, tuned on scenes of 0.05 false plots per km²).
 * Above it, counting plots confirms clutter (a gate there holds a false plot most scans), so the track
 * score decides: the sequential log-likelihood ratio of Blackman &amp; Popoli, <i>Design and Analysis of
 * Modern Tracking Systems</i>, 1999, §6.2, which a hit raises by {@code ln(P_D · N(z; ẑ, S) / β)} (the
 * plot's Gaussian density under the prediction against the local clutter density β) and a miss lowers
 * by {@code ln(1 − P_D)}. A tentative track is confirmed once its score reaches {@code confirmScore}
 * (with at least {@value #MIN_HITS} plots), abandoned once it falls to {@link #DROP_SCORE} or has had
 * {@code maxScans} scans. Wald's thresholds for a false-track probability α and a missed-track
 * probability β_m are {@code ln((1 − β_m) / α)} and {@code ln(β_m / (1 − α))}: the default
 * {@code confirmScore} 6.8 is α = 10⁻³, β_m = 0.1, and the drop threshold is −2.3 (one miss right
 * after the first plot ends a start, as {@code singlePlotMisses} 1 does). Each track's score starts at 0
 * with its first plot and is kept in sparse clutter too, so a track that enters dense clutter has it.
 * {@code P_D} is {@value #DETECTION_PROBABILITY}, as the joint association assumes. Immutable, thread-safe.
 */
public final class ClutterScoredInitiator implements Initiator {
    /** The detection probability the score assumes: the theatre's radars' typical one (see docs/tracker.md). */
    static final double DETECTION_PROBABILITY = TrackerParts.JPDA_DETECTION_PROBABILITY;
    /** Wald's lower threshold for α = 10⁻³, β_m = 0.1: ln(0.1 / 0.999). */
    static final double DROP_SCORE = Math.log(0.1 / 0.999);
    /** Plots a track needs before the score may confirm it. */
    static final int MIN_HITS = 3;

    private final Initiator sparse;
    private final double densePerM2;
    private final double confirmScore;
    private final int maxScans;
    private final double lnDetect = Math.log(DETECTION_PROBABILITY);
    private final double lnMiss = Math.log(1 - DETECTION_PROBABILITY);

    /**
     * @param sparse       decides where the clutter density is at most {@code densePerKm2}
     * @param densePerKm2  the clutter density (per km²) above which the score decides
     * @param confirmScore the score that confirms a track in dense clutter
     * @param maxScans     scans after which a tentative track in dense clutter is abandoned
     */
    public ClutterScoredInitiator(Initiator sparse, double densePerKm2, double confirmScore, int maxScans) {
        if (!(densePerKm2 > 0) || Double.isInfinite(densePerKm2)) {
            throw new IllegalArgumentException("dense clutter density must be a positive number, got " + densePerKm2);
        }
        if (!(confirmScore > 0) || Double.isInfinite(confirmScore)) {
            throw new IllegalArgumentException("confirmation score must be a positive number, got " + confirmScore);
        }
        if (maxScans < MIN_HITS) {
            throw new IllegalArgumentException("maxScans must be at least " + MIN_HITS + ", got " + maxScans);
        }
        this.sparse = sparse;
        this.densePerM2 = densePerKm2 * 1e-6;
        this.confirmScore = confirmScore;
        this.maxScans = maxScans;
    }

    @Override
    public GaussianState initiate(Plot plot, Instant time) {
        return sparse.initiate(plot, time);
    }

    @Override
    public boolean confirms(int hits, int scans) {
        return sparse.confirms(hits, scans);
    }

    @Override
    public boolean confirms(int hits, int scans, Hypothesis.Associated latest) {
        return sparse.confirms(hits, scans, latest);
    }

    @Override
    public boolean abandons(int hits, int scans) {
        return sparse.abandons(hits, scans);
    }

    @Override
    public boolean scored() {
        return true;
    }

    @Override
    public double scoreHit(Hypothesis.Associated h, double clutterPerM2) {
        // ln(P_D · N / β) with ln N = −d²/2 − ln(2π √|S|).
        MeasurementPrediction s = h.measurement();
        double det = s.s00() * s.s11() - s.s01() * s.s01();
        return lnDetect - h.distance2() / 2 - Math.log(2 * Math.PI * Math.sqrt(det)) - Math.log(clutterPerM2);
    }

    @Override
    public double scoreMiss() {
        return lnMiss;
    }

    @Override
    public boolean confirms(int hits, int scans, Hypothesis.Associated latest, double score, double clutterPerM2) {
        if (clutterPerM2 > densePerM2) {
            return hits >= MIN_HITS && score >= confirmScore;
        }
        return sparse.confirms(hits, scans, latest);
    }

    @Override
    public boolean abandons(int hits, int scans, double score, double clutterPerM2) {
        if (clutterPerM2 > densePerM2) {
            return score <= DROP_SCORE || scans >= maxScans;
        }
        return sparse.abandons(hits, scans);
    }
}
