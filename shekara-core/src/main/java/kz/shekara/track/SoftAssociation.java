package kz.shekara.track;

import java.util.List;
import java.util.Objects;

/**
 * A track's association probabilities at one scan, as joint probabilistic data association gives
 * them: {@code missWeight} that none of its gated plots is its detection, {@code weights[k]} that
 * {@code options.get(k)}'s plot is. The weights sum to one. Immutable (the array is not written after
 * construction).
 */
public record SoftAssociation(double missWeight, List<Hypothesis.Associated> options, double[] weights) {
    public SoftAssociation {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(weights, "weights");
        options = List.copyOf(options);
        if (weights.length != options.size()) {
            throw new IllegalArgumentException("one weight per option");
        }
    }

    /**
     * The posterior of the track: each option updated by {@code updater}, and the prediction for the
     * missed case, combined by moment matching with these weights. For multiple-model states each
     * motion model is combined on its own (its probability the weighted sum of the options' ones), then
     * the models as the filter combines them.
     */
    public GaussianState posterior(GaussianState prediction, Updater updater) {
        int k = options.size();
        GaussianState[] parts = new GaussianState[k + 1];
        double[] w = new double[k + 1];
        parts[0] = prediction;
        w[0] = missWeight;
        for (int i = 0; i < k; i++) {
            parts[i + 1] = updater.update(options.get(i));
            w[i + 1] = weights[i];
        }
        GaussianState.Modes first = prediction.modes();
        boolean modal = first != null;
        for (GaussianState s : parts) {
            modal &= s.modes() != null && s.modes().count() == first.count();
        }
        double[] x = new double[4];
        double[] p = new double[16];
        if (!modal) {
            double[][] means = new double[k + 1][];
            double[][] covs = new double[k + 1][];
            for (int i = 0; i <= k; i++) {
                means[i] = parts[i].meanView();
                covs[i] = parts[i].covView();
            }
            ImmPredictor.mixInto(w, means, covs, x, p);
            return GaussianState.owning(prediction.time(), x, p, null);
        }
        int r = first.count();
        double[] mu = new double[r];
        double[][] modeMeans = new double[r][];
        double[][] modeCovs = new double[r][];
        for (int j = 0; j < r; j++) {
            double[] wj = new double[k + 1];
            double[][] means = new double[k + 1][];
            double[][] covs = new double[k + 1][];
            for (int i = 0; i <= k; i++) {
                GaussianState.Modes m = parts[i].modes();
                wj[i] = w[i] * m.p()[j];
                mu[j] += wj[i];
                means[i] = m.mean()[j];
                covs[i] = m.cov()[j];
            }
            modeMeans[j] = new double[4];
            modeCovs[j] = new double[16];
            if (mu[j] > 0) {
                for (int i = 0; i <= k; i++) {
                    wj[i] /= mu[j];
                }
                ImmPredictor.mixInto(wj, means, covs, modeMeans[j], modeCovs[j]);
            } else {
                modeMeans[j] = first.mean()[j].clone();
                modeCovs[j] = first.cov()[j].clone();
            }
        }
        ImmPredictor.mixInto(mu, modeMeans, modeCovs, x, p);
        return GaussianState.owning(prediction.time(), x, p, new GaussianState.Modes(mu, modeMeans, modeCovs));
    }
}
