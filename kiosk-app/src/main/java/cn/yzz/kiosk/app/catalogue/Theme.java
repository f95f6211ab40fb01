package cn.yzz.kiosk.app.catalogue;

import java.util.List;

/**
 * A life theme: one tile on the home screen.
 *
 * @param hint a few plain words under the name saying what is inside ("养老保险、资格认证")
 */
public record Theme(String id, String name, String hint, List<Service> services) {

    public Theme {
        Checks.text(id, "id");
        Checks.text(name, "name");
        Checks.text(hint, "hint");
        services = Checks.list(services, "services");
    }
}
