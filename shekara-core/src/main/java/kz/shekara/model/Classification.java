package kz.shekara.model;

/**
 * Security classification of an event, ordered from least to most restrictive.
 * The ordinal order is the restriction order: {@link #max} picks the more restrictive.
 */
public enum Classification {
    UNCLASSIFIED, RESTRICTED, CONFIDENTIAL, SECRET;

    /** The more restrictive of the two. */
    public static Classification max(Classification a, Classification b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
