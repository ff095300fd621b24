package kz.shekara.theatre;

/** What a base is for. */
public enum BaseKind { BORDER_POST, AIR_BASE, BOAT_STATION, COMMAND }
