package kz.shekara.theatre;

import java.util.Locale;

/**
 * What a theatre zone is. In GeoJSON the {@code kind} property carries {@link #code()}.
 * COUNTRY polygons are the offline basemap; BORDER lines are the state border split by sector;
 * SECTOR polygons are the areas each sector's tracker and units are responsible for.
 */
public enum ZoneKind {
    COUNTRY, SEA, BORDER, SECTOR, CROSSING_POINT, PROTECTED_SITE, RESTRICTED_AREA, ROAD;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ZoneKind fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
