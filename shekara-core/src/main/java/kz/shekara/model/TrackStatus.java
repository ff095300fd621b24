package kz.shekara.model;

/**
 * Lifecycle of a track: tentative until confirmed; coasting while no detection updates it; deleted
 * when the tracker ends it (too long without a detection, or too uncertain), which is the last update
 * live consumers get of that track and never appears in the batch files.
 */
public enum TrackStatus { TENTATIVE, CONFIRMED, COASTING, DELETED }
