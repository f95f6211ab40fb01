package cn.yzz.kiosk.app.catalogue;

import java.util.List;
import java.util.Locale;

/**
 * A life theme: one tile on the home screen.
 *
 * @param hint    a few plain words under the name saying what is inside ("养老保险、资格认证")
 * @param english the theme in English for testers and reviewers, or null where the catalogue has none
 */
public record Theme(String id, String name, String hint, List<Service> services, English english) {

    /** A theme's name and hint in English ({@code "en"} in catalogue.json). */
    public record English(String name, String hint) {

        public English {
            Checks.text(name, "name");
            Checks.text(hint, "hint");
        }
    }

    public Theme {
        Checks.text(id, "id");
        Checks.text(name, "name");
        Checks.text(hint, "hint");
        services = Checks.list(services, "services");
    }

    /** A theme with Chinese only. */
    public Theme(String id, String name, String hint, List<Service> services) {
        this(id, name, hint, services, null);
    }

    /** The name in English when {@code locale} is English and the theme has it; otherwise Chinese. */
    public String name(Locale locale) {
        return Checks.english(locale) && english != null ? english.name() : name;
    }

    /** The hint in English when {@code locale} is English and the theme has it; otherwise Chinese. */
    public String hint(Locale locale) {
        return Checks.english(locale) && english != null ? english.hint() : hint;
    }
}
