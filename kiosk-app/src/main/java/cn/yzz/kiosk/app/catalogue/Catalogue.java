package cn.yzz.kiosk.app.catalogue;

import java.util.List;
import java.util.Optional;

/**
 * What the kiosk offers, grouped by life theme (社保, 医保, …) rather than by department. The home
 * screen shows one tile per theme; a theme lists its services. Immutable.
 *
 * @param version the catalogue's own version, so a later sync can tell old from new
 */
public record Catalogue(int version, List<Theme> themes) {

    public Catalogue {
        themes = Checks.list(themes, "themes");
    }

    public Optional<Theme> theme(String id) {
        return themes.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    public Optional<Service> service(String id) {
        return themes.stream().flatMap(t -> t.services().stream()).filter(s -> s.id().equals(id)).findFirst();
    }
}
