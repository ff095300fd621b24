package kz.shekara.theatre;

/** What moves a response unit: feet, a ground vehicle, a helicopter, a boat. */
public enum UnitKind { FOOT_PATROL, GROUND_VEHICLE, HELICOPTER, BOAT }
