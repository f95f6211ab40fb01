package cn.yzz.kiosk.app.i18n;

import java.text.MessageFormat;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The screen's words in the language chosen on screen. Every string a villager sees comes from
 * the bundles {@code texts_zh_CN} and {@code texts_en}; views bind to {@link #bind} so that a
 * change of language redraws every label at once, without restarting.
 *
 * <p>Use on the JavaFX thread.
 */
public final class Texts {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.i18n");
    static final String BUNDLE = "cn.yzz.kiosk.app.i18n.texts";

    private final ObjectProperty<Language> language = new SimpleObjectProperty<>(this, "language", Language.DEFAULT);
    private final Map<Language, ResourceBundle> bundles = new EnumMap<>(Language.class);

    public Texts() {
        for (Language l : Language.values()) {
            bundles.put(l, bundle(l.textLocale()));
        }
    }

    /** The bundle for one locale, with no fallback to another language: a missing key shows as such. */
    public static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** Every key of the bundle for {@code locale}. */
    public static Set<String> keys(Locale locale) {
        return Collections.unmodifiableSet(new TreeSet<>(bundle(locale).keySet()));
    }

    public ObjectProperty<Language> languageProperty() {
        return language;
    }

    public Language language() {
        return language.get();
    }

    public Locale locale() {
        return language.get().textLocale();
    }

    /** The text for {@code key} now, with {@code args} put in by MessageFormat. */
    public String get(String key, Object... args) {
        ResourceBundle b = bundles.get(language.get());
        String pattern;
        try {
            pattern = b.getString(key);
        } catch (MissingResourceException e) {
            LOG.warning(() -> "no text for '" + key + "' in " + language.get());
            return key; // visible to testers; TextsTest keeps the bundles complete
        }
        return new MessageFormat(pattern, b.getLocale()).format(args); // always, so quotes mean the same with or without arguments
    }

    /** The text for {@code key}, following the language. */
    public StringBinding bind(String key, Object... args) {
        Objects.requireNonNull(key, "key");
        return Bindings.createStringBinding(() -> get(key, args), language);
    }

    /** A text computed from the model, recomputed when {@code dependencies} or the language change. */
    public StringBinding bind(Callable<String> text, Observable... dependencies) {
        Observable[] all = new Observable[dependencies.length + 1];
        System.arraycopy(dependencies, 0, all, 0, dependencies.length);
        all[dependencies.length] = language;
        return Bindings.createStringBinding(text, all);
    }

    // The county's catalogue in the language on screen: Chinese, or English where the catalogue has it. //

    public String name(cn.yzz.kiosk.cache.catalog.Service s) {
        return language.get() == Language.ENGLISH && s.englishName() != null ? s.englishName() : s.name();
    }

    public String name(cn.yzz.kiosk.cache.catalog.Theme t) {
        return language.get() == Language.ENGLISH && t.englishName() != null ? t.englishName() : t.name();
    }

    public String hint(cn.yzz.kiosk.cache.catalog.Theme t) {
        return language.get() == Language.ENGLISH && t.englishHint() != null ? t.englishHint() : t.hint();
    }

    /** The service's department by name ("人力资源和社会保障局"), or its code when the catalogue does not list it. */
    public String department(cn.yzz.kiosk.cache.catalog.Catalog c, cn.yzz.kiosk.cache.catalog.Service s) {
        return c.department(s.department()).map(d -> language.get() == Language.ENGLISH && d.englishName() != null
                ? d.englishName() : d.name()).orElse(s.department());
    }
}
