package cn.yzz.kiosk.app.voice;

import cn.yzz.kiosk.app.i18n.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The texts of the prompts, one UTF-8 bundle per language ({@code prompts_zh_CN.properties},
 * {@code prompts_yue…}, {@code prompts_hak…}, {@code prompts_en…}), formatted with
 * {@link MessageFormat}. The Mandarin bundle is the reference: every bundle has exactly its keys,
 * and its {@code {n}} say how many arguments a prompt takes (other bundles may leave one out).
 * Immutable and thread-safe once loaded.
 */
public final class VoicePrompts {

    private static final Language REFERENCE = Language.PUTONGHUA;

    private final Map<Language, Map<String, String>> patterns;
    private final Map<String, Integer> arity;

    private VoicePrompts(Map<Language, Map<String, String>> patterns, Map<String, Integer> arity) {
        this.patterns = patterns;
        this.arity = arity;
    }

    /**
     * Reads the four bundles from the class path and checks them (same keys, valid patterns, no more
     * arguments than the reference).
     *
     * @throws IllegalStateException naming the bundle and key when a bundle is missing or malformed
     */
    public static VoicePrompts load() {
        Map<Language, Map<String, String>> patterns = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            patterns.put(language, read(bundleName(language)));
        }
        Map<String, Integer> arity = new TreeMap<>();
        patterns.get(REFERENCE).forEach((key, pattern) -> arity.put(key, arguments(bundleName(REFERENCE), key, pattern)));
        for (Language language : Language.values()) {
            Map<String, String> bundle = patterns.get(language);
            if (!bundle.keySet().equals(arity.keySet())) {
                Set<String> missing = new TreeSet<>(arity.keySet());
                missing.removeAll(bundle.keySet());
                Set<String> extra = new TreeSet<>(bundle.keySet());
                extra.removeAll(arity.keySet());
                throw new IllegalStateException(bundleName(language) + " does not have the keys of " + bundleName(REFERENCE)
                        + ": missing " + missing + ", extra " + extra);
            }
            bundle.forEach((key, pattern) -> {
                if (arguments(bundleName(language), key, pattern) > arity.get(key)) {
                    throw new IllegalStateException(bundleName(language) + " " + key + " uses more arguments than "
                            + bundleName(REFERENCE) + " (" + arity.get(key) + ")");
                }
            });
        }
        return new VoicePrompts(patterns, Map.copyOf(arity));
    }

    /** Every prompt key. */
    public Set<String> keys() {
        return arity.keySet();
    }

    /** How many arguments a prompt with this key takes. */
    public int arity(String key) {
        Integer n = arity.get(key);
        if (n == null) {
            throw new IllegalArgumentException("no voice prompt " + key);
        }
        return n;
    }

    /** Every prompt that takes no argument: what {@link Voice#warm} caches. */
    public List<Prompt> withoutArguments() {
        List<Prompt> out = new ArrayList<>();
        new TreeMap<>(arity).forEach((key, n) -> {
            if (n == 0) {
                out.add(Prompt.of(key));
            }
        });
        return out;
    }

    /**
     * The text espeak-ng is given for this prompt in this language.
     *
     * @throws IllegalArgumentException for an unknown key or the wrong number of arguments
     */
    public String text(Prompt prompt, Language language) {
        check(prompt);
        Object[] args = prompt.args().stream().map(spoken -> spoken.in(language)).toArray();
        return new MessageFormat(patterns.get(language).get(prompt.key()), language.promptLocale()).format(args);
    }

    /** @throws IllegalArgumentException for an unknown key or the wrong number of arguments */
    void check(Prompt prompt) {
        int n = arity(prompt.key());
        if (prompt.args().size() != n) {
            throw new IllegalArgumentException("voice prompt " + prompt.key() + " takes " + n + " arguments, not " + prompt.args().size());
        }
    }

    static String bundleName(Language language) {
        return "prompts_" + language.promptLocale().toString() + ".properties";
    }

    private static Map<String, String> read(String name) {
        try (InputStream in = VoicePrompts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("voice prompt bundle " + name + " is missing from the class path");
            }
            Properties p = new Properties();
            // Report malformed UTF-8 instead of silently replacing it.
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
            Map<String, String> out = new TreeMap<>();
            p.forEach((k, v) -> out.put((String) k, (String) v));
            return Map.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read voice prompt bundle " + name + ": " + e.getMessage(), e);
        }
    }

    /** How many arguments a pattern uses: its highest {n} plus one. */
    private static int arguments(String bundle, String key, String pattern) {
        Objects.requireNonNull(pattern);
        try {
            return new MessageFormat(pattern).getFormatsByArgumentIndex().length;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(bundle + " " + key + " is not a valid MessageFormat pattern: " + e.getMessage(), e);
        }
    }
}
