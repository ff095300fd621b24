package kz.shekara.server.adapter.jsonl;

import java.util.List;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;

/**
 * A track line of docs/formats.md written straight as text, byte for byte what {@link JsonlCodec}'s
 * JSON tree writes for it: the fields in the tree's order, numbers by {@link DecimalText}, the track
 * id between quotes as it is (callers check {@link #plain} first). Stateless; thread-safe. Cost: one
 * string builder per line.
 */
final class TrackLineText {
    private TrackLineText() {
    }

    /** True if JSON writes {@code s} between its quotes as it is: no quote, backslash or control character. */
    static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** The line of {@code t}, its time given as JSON text (a number, or an instant between quotes). */
    static String of(TrackUpdate t, String timeJson) {
        StringBuilder o = new StringBuilder(192);
        o.append("{\"time\":").append(timeJson);
        o.append(",\"track\":\"").append(t.track());
        o.append("\",\"lat\":");
        DecimalText.append(o, t.lat(), 7);
        o.append(",\"lon\":");
        DecimalText.append(o, t.lon(), 7);
        o.append(",\"vn\":");
        DecimalText.append(o, t.vnMps(), 3);
        o.append(",\"ve\":");
        DecimalText.append(o, t.veMps(), 3);
        o.append(",\"sigma_m\":");
        DecimalText.append(o, t.sigmaM(), 2);
        List<Double> modes = t.modeProbabilities();
        if (!modes.isEmpty()) {
            o.append(",\"modes\":[");
            for (int i = 0; i < modes.size(); i++) {
                if (i > 0) {
                    o.append(',');
                }
                DecimalText.append(o, modes.get(i), 3);
            }
            o.append(']');
        }
        if (t.status() == TrackStatus.DELETED) {
            o.append(",\"status\":\"deleted\"");
        }
        return o.append('}').toString();
    }
}
