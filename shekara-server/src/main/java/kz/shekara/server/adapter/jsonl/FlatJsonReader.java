package kz.shekara.server.adapter.jsonl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Reads the plain shape of a JSON Lines record, one flat object whose values are strings without
 * escapes, plain decimal numbers, booleans or null, straight into the tree Jackson's {@code readTree}
 * would build for it (the same node types and values). Anything else (nesting, escapes, exponents,
 * duplicate keys, text after the object, malformed input) is not read here: {@link #read} answers
 * null and the caller gives the line to Jackson, whose answer or error stands. Stateless; thread-safe.
 * Cost: one pass over the line, no parser object.
 */
final class FlatJsonReader {
    /** Longer numbers go to Jackson (its limits and big-number types are its own). */
    private static final int MAX_NUMBER_CHARS = 18;

    private FlatJsonReader() {
    }

    /** The object on the line, or null if it is not of the plain shape (or not valid JSON). */
    static ObjectNode read(String s) {
        int n = s.length();
        int i = skipSpace(s, 0);
        if (i >= n || s.charAt(i) != '{') {
            return null;
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        i = skipSpace(s, i + 1);
        if (i < n && s.charAt(i) == '}') {
            return skipSpace(s, i + 1) == n ? o : null;
        }
        while (true) {
            if (i >= n || s.charAt(i) != '"') {
                return null;
            }
            int keyEnd = stringEnd(s, i + 1);
            if (keyEnd < 0) {
                return null;
            }
            String key = s.substring(i + 1, keyEnd);
            i = skipSpace(s, keyEnd + 1);
            if (i >= n || s.charAt(i) != ':') {
                return null;
            }
            i = skipSpace(s, i + 1);
            if (i >= n) {
                return null;
            }
            int end = valueEnd(s, i);
            if (end < 0) {
                return null;
            }
            JsonNode v = value(s, i, end);
            if (v == null || o.replace(key, v) != null) {
                return null;
            }
            i = skipSpace(s, end);
            if (i >= n) {
                return null;
            }
            char c = s.charAt(i);
            if (c == '}') {
                return skipSpace(s, i + 1) == n ? o : null;
            }
            if (c != ',') {
                return null;
            }
            i = skipSpace(s, i + 1);
        }
    }

    /** Where the value starting at {@code i} ends (exclusive), or -1 if it is not of the plain shape. */
    static int valueEnd(String s, int i) {
        char c = s.charAt(i);
        if (c == '"') {
            int e = stringEnd(s, i + 1);
            return e < 0 ? -1 : e + 1;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return numberEnd(s, i);
        }
        for (String word : new String[] {"true", "false", "null"}) {
            if (s.startsWith(word, i)) {
                return i + word.length();
            }
        }
        return -1;
    }

    private static JsonNode value(String s, int start, int end) {
        char c = s.charAt(start);
        if (c == '"') {
            return TextNode.valueOf(s.substring(start + 1, end - 1));
        }
        if (c == 't') {
            return BooleanNode.TRUE;
        }
        if (c == 'f') {
            return BooleanNode.FALSE;
        }
        if (c == 'n') {
            return NullNode.instance;
        }
        String text = s.substring(start, end);
        if (text.indexOf('.') >= 0) {
            return DoubleNode.valueOf(Double.parseDouble(text));
        }
        long v = Long.parseLong(text);
        return v == (int) v ? IntNode.valueOf((int) v) : LongNode.valueOf(v);
    }

    /** The index of the closing quote of a string with no escape or control character, else -1. */
    static int stringEnd(String s, int i) {
        for (int n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\' || c < 0x20) {
                return -1;
            }
        }
        return -1;
    }

    /** The end of {@code -?(0|[1-9][0-9]*)(.[0-9]+)?} at {@code i}, or -1 if the text there is not that. */
    static int numberEnd(String s, int i) {
        int n = s.length();
        int start = i;
        if (s.charAt(i) == '-') {
            i++;
        }
        int digits = i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        if (i == digits || (s.charAt(digits) == '0' && i - digits > 1)) {
            return -1;
        }
        if (i < n && s.charAt(i) == '.') {
            int fraction = ++i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == fraction) {
                return -1;
            }
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E') || i - start > MAX_NUMBER_CHARS) {
            return -1;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static int skipSpace(String s, int i) {
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return i;
            }
            i++;
        }
        return i;
    }
}
