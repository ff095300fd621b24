package kz.shekara.model;

/** Lifecycle of a track: tentative until confirmed; coasting while no detection updates it. */
public enum TrackStatus { TENTATIVE, CONFIRMED, COASTING }
