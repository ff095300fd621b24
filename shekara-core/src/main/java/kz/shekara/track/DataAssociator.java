package kz.shekara.track;

import java.util.List;

/**
 * Role: decides, for a whole scan, which plot (if any) updates each predicted track; each plot
 * explains at most one track. Implementations are immutable and thread-safe.
 */
public interface DataAssociator {
    Association associate(List<GaussianState> predictedTracks, List<Plot> scan);
}
