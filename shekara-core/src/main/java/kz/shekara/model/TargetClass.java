package kz.shekara.model;

/** A coarse class of a track by its speed; not an identification. */
public enum TargetClass { UNKNOWN, WALKER, VEHICLE, VESSEL, FAST_MOVER }
