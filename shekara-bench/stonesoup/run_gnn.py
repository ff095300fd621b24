#!/usr/bin/env python3
"""Stone Soup's GNN tracker on one scene written by kz.shekara.bench.ReferenceComparison.

Usage: run_gnn.py STONESOUP_CHECKOUT SCENE_DIR [--q 0.05] [--sigma 10] [--velocity-sigma 10]
                  [--min-points 3] [--max-misses 3] [--missed-distance 3]

Reads SCENE_DIR/detections.csv (scan,east,north; 1 s scans, metres in a local east-north frame) and
writes SCENE_DIR/stonesoup_tracks.csv (scan,track,east,north,ve,vn): every track the tracker holds
after each scan, as Stone Soup's MultiTargetTracker yields them. Prints the tracking time in seconds
(scene reading and imports excluded) on its last line as "seconds <t>".

The tracker is the textbook Stone Soup assembly: nearly-constant-velocity model with the given
process noise (the true one of the scene's targets), Kalman predictor and updater, Mahalanobis
distance hypothesiser with a missed distance, GNNWith2DAssignment, MultiMeasurementInitiator
(min_points) running its own GNN on holding tracks, UpdateTimeStepsDeleter. Run with Debian's
python3-numpy and python3-scipy; Stone Soup is imported from the checkout given, never installed.

One change of speed, not of result: the hypothesiser first keeps the detections inside a disc that
contains the missed-distance ellipse (radius missed_distance * sqrt(largest eigenvalue of S)),
found with a k-d tree. A detection outside it is farther than the missed distance, so Stone Soup's
own hypothesiser would drop it too (include_all is False), and the same hypotheses result.
"""
import argparse
import csv
import datetime
import os
import sys
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("stonesoup")
    ap.add_argument("scene")
    ap.add_argument("--q", type=float, default=0.05)
    ap.add_argument("--sigma", type=float, default=10.0)
    ap.add_argument("--velocity-sigma", type=float, default=10.0)
    ap.add_argument("--min-points", type=int, default=3)
    ap.add_argument("--max-misses", type=int, default=3)
    ap.add_argument("--missed-distance", type=float, default=3.0)
    a = ap.parse_args()
    sys.path.insert(0, os.path.abspath(a.stonesoup))

    import numpy as np
    from scipy.spatial import cKDTree
    from stonesoup.dataassociator.neighbour import GNNWith2DAssignment
    from stonesoup.deleter.time import UpdateTimeStepsDeleter
    from stonesoup.hypothesiser.distance import DistanceHypothesiser
    from stonesoup.initiator.simple import MultiMeasurementInitiator
    from stonesoup.measures import Mahalanobis
    from stonesoup.models.measurement.linear import LinearGaussian
    from stonesoup.models.transition.linear import (CombinedLinearGaussianTransitionModel,
                                                    ConstantVelocity)
    from stonesoup.predictor.kalman import KalmanPredictor
    from stonesoup.types.detection import Detection
    from stonesoup.types.state import GaussianState
    from stonesoup.updater.kalman import KalmanUpdater

    class DiscHypothesiser(DistanceHypothesiser):
        """DistanceHypothesiser that skips detections no gate could keep (see module doc)."""
        _scan = None
        _tree = None
        _dets = None

        def hypothesise(self, track, detections, timestamp, **kwargs):
            if self._scan is not detections:
                self._scan = detections
                self._dets = list(detections)
                self._tree = cKDTree(np.array([[d.state_vector[0, 0], d.state_vector[1, 0]]
                                               for d in self._dets])) if self._dets else None
            near = set()
            if self._tree is not None:
                prediction = self.predictor.predict(track, timestamp=timestamp)
                mp = self.updater.predict_measurement(prediction, measurement_model)
                radius = self.missed_distance * np.sqrt(np.linalg.eigvalsh(mp.covar).max()) * 1.000001
                centre = [mp.state_vector[0, 0], mp.state_vector[1, 0]]
                near = {self._dets[i] for i in self._tree.query_ball_point(centre, radius)}
            return super().hypothesise(track, near, timestamp, **kwargs)

    transition_model = CombinedLinearGaussianTransitionModel(
        [ConstantVelocity(a.q), ConstantVelocity(a.q)])
    measurement_model = LinearGaussian(ndim_state=4, mapping=(0, 2),
                                       noise_covar=np.diag([a.sigma ** 2, a.sigma ** 2]))
    predictor = KalmanPredictor(transition_model)
    updater = KalmanUpdater(measurement_model)
    hypothesiser = DiscHypothesiser(predictor, updater, measure=Mahalanobis(),
                                    missed_distance=a.missed_distance)
    associator = GNNWith2DAssignment(hypothesiser)
    deleter = UpdateTimeStepsDeleter(time_steps_since_update=a.max_misses)
    vv = a.velocity_sigma ** 2
    initiator = MultiMeasurementInitiator(
        prior_state=GaussianState(np.zeros((4, 1)), np.diag([0, vv, 0, vv])),
        measurement_model=measurement_model,
        deleter=UpdateTimeStepsDeleter(time_steps_since_update=a.max_misses),
        data_associator=GNNWith2DAssignment(hypothesiser),
        updater=updater,
        min_points=a.min_points)

    start = datetime.datetime(2026, 1, 1)
    scans = {}
    with open(os.path.join(a.scene, "detections.csv")) as f:
        for row in csv.DictReader(f):
            scans.setdefault(int(row["scan"]), []).append((float(row["east"]), float(row["north"])))
    last = max(scans) if scans else -1

    t0 = time.perf_counter()
    tracks = set()
    out = []
    for k in range(last + 1):
        ts = start + datetime.timedelta(seconds=k)
        detections = {Detection(np.array([[e], [n]]), timestamp=ts, measurement_model=measurement_model)
                      for e, n in scans.get(k, [])}
        # Stone Soup's MultiTargetTracker loop (stonesoup/tracker/simple.py), written out.
        associations = associator.associate(tracks, detections, ts)
        associated = set()
        for track, hypothesis in associations.items():
            if hypothesis:
                track.append(updater.update(hypothesis))
                associated.add(hypothesis.measurement)
            else:
                track.append(hypothesis.prediction)
        tracks -= deleter.delete_tracks(tracks)
        tracks |= initiator.initiate(detections - associated, ts)
        for track in tracks:
            x = track.state_vector
            out.append((k, track.id, float(x[0, 0]), float(x[2, 0]), float(x[1, 0]), float(x[3, 0])))
    seconds = time.perf_counter() - t0

    ids = {}
    with open(os.path.join(a.scene, "stonesoup_tracks.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["scan", "track", "east", "north", "ve", "vn"])
        for k, tid, e, n, ve, vn in out:
            w.writerow([k, ids.setdefault(tid, len(ids) + 1), repr(e), repr(n), repr(ve), repr(vn)])
    print("seconds %.3f" % seconds)


if __name__ == "__main__":
    main()
