package kz.shekara.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The message catalogue of one language: every label and sentence template the operators read, in
 * Kazakh (Cyrillic), Russian or English, from the resources {@code kz/shekara/i18n/messages_<code>.properties}
 * (UTF-8). Templates name their arguments in braces ({@code {site}}), replaced once, left to right;
 * a brace not followed by a name and a closing brace is plain text. The same keys serve the Java code
 * and the web map. A language the catalogue does not have reads as English; a key it does not have
 * is a programming error ({@link IllegalArgumentException}), which the catalogue test rules out for
 * the keys of every language. Loaded once; immutable and thread-safe.
 */
public final class Messages {
    /** The languages of the catalogue, in the order the operators' switch shows them. */
    public static final List<String> LANGUAGES = List.of("kk", "ru", "en");

    private static final Pattern ARG = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");
    private static final Map<String, Messages> BY_LANGUAGE = load();

    private final String language;
    private final SortedMap<String, String> texts;

    private Messages(String language, SortedMap<String, String> texts) {
        this.language = language;
        this.texts = Collections.unmodifiableSortedMap(texts);
    }

    /** The catalogue of a language code (kk, ru, en, any case); any other code and null give English. */
    public static Messages of(String language) {
        return BY_LANGUAGE.get(language(language));
    }

    /** The catalogue's code for a language code: kk, ru or en (any other code and null: en). */
    public static String language(String code) {
        String l = code == null ? "en" : code.trim().toLowerCase(Locale.ROOT);
        return LANGUAGES.contains(l) ? l : "en";
    }

    /** This catalogue's language code. */
    public String language() {
        return language;
    }

    /** The text of a key, as written (a template's arguments left in braces). */
    public String text(String key) {
        String s = texts.get(key);
        if (s == null) {
            throw new IllegalArgumentException("no message '" + key + "' in the " + language + " catalogue");
        }
        return s;
    }

    /** The text of a key with each {@code {name}} replaced by its argument; an argument not given is an error. */
    public String format(String key, Map<String, ?> args) {
        String template = text(key);
        Matcher m = ARG.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 32);
        int from = 0;
        while (m.find()) {
            if (!args.containsKey(m.group(1))) {
                throw new IllegalArgumentException("message '" + key + "' needs argument '" + m.group(1) + "'");
            }
            out.append(template, from, m.start()).append(args.get(m.group(1)));
            from = m.end();
        }
        return out.append(template, from, template.length()).toString();
    }

    /** Every key and text of this language, sorted by key. */
    public SortedMap<String, String> all() {
        return texts;
    }

    /** The argument names of a template, in order of first use. */
    public static Set<String> arguments(String template) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = ARG.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static Map<String, Messages> load() {
        Map<String, Messages> out = new LinkedHashMap<>();
        for (String l : LANGUAGES) {
            out.put(l, new Messages(l, read(l)));
        }
        return Collections.unmodifiableMap(out);
    }

    private static SortedMap<String, String> read(String language) {
        String resource = "messages_" + language + ".properties";
        try (InputStream in = Messages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("message catalogue " + resource + " missing from the classpath");
            }
            Properties p = new Properties();
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            SortedMap<String, String> texts = new TreeMap<>();
            p.stringPropertyNames().forEach(k -> texts.put(k, p.getProperty(k)));
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read message catalogue " + resource, e);
        }
    }
}
