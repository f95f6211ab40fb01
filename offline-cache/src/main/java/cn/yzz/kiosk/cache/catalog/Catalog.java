package cn.yzz.kiosk.cache.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The county's catalogue in the contract's shape ({@code GET /api/v1/catalog}, sync-api.md v1.1), as
 * the kiosk can use it: the services it can render, and those it left out with the reason. Immutable.
 *
 * @param version     the catalogue's own version string
 * @param departments the departments, in the catalogue's order
 * @param themes      the home screen's tiles in order; themes named by services but not listed are
 *                    added after the listed ones, named by their id
 * @param services    the services the kiosk can render, in catalogue order
 * @param leftOut     services the kiosk cannot render, each with its code, JSON path and reason
 */
public record Catalog(String version, List<Department> departments, List<Theme> themes, List<Service> services,
                      List<LeftOut> leftOut) {

    /** A service the kiosk left out: {@code path} is where in the JSON the problem is ("services[12].form[0].type"). */
    public record LeftOut(String code, String path, String reason) {
        public LeftOut {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(reason, "reason");
        }
    }

    public Catalog {
        Objects.requireNonNull(version, "version");
        departments = List.copyOf(departments);
        themes = List.copyOf(themes);
        services = List.copyOf(services);
        leftOut = List.copyOf(leftOut);
    }

    public Optional<Service> service(String code) {
        return services.stream().filter(s -> s.code().equals(code)).findFirst();
    }

    public Optional<Department> department(String code) {
        return departments.stream().filter(d -> d.code().equals(code)).findFirst();
    }

    public Optional<Theme> theme(String id) {
        return themes.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** The services of theme {@code id}, in catalogue order. */
    public List<Service> servicesOf(String themeId) {
        return services.stream().filter(s -> s.theme().equals(themeId)).toList();
    }
}
