package kz.shekara.theatre;

/**
 * A kind of detail withheld from a partner agency even in what is released to it, as the theatre's
 * {@code agencies.yaml} lists per agency under {@code redact}.
 */
public enum Redaction {
    /** Which sensor saw something, and where the sensors stand. */
    SENSOR,
    /** Which unit it is (its id and callsign): the unit appears only as its kind. */
    UNIT
}
