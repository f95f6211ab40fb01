package cn.yzz.kiosk.app.catalogue;

import java.util.List;
import java.util.Locale;

/**
 * One service a villager can do at the kiosk, with what it needs: which ways of proving who you
 * are it accepts, which devices it uses and whether it needs the network. A kiosk will offer only
 * what its own devices and connectivity can do (later issues), so these fields are data, not code.
 *
 * @param department the department responsible, as villagers know it ("人力资源和社会保障局")
 * @param identity   accepted identity methods, any one of which is enough
 * @param devices    devices the service uses, besides the screen
 * @param english    the service in English for testers and reviewers, or null where the catalogue has none
 */
public record Service(String id, String name, String department, ServiceKind kind, List<IdentityMethod> identity,
                      List<DeviceNeed> devices, boolean needsNetwork, English english) {

    /** A service's name and department in English ({@code "en"} in catalogue.json). */
    public record English(String name, String department) {

        public English {
            Checks.text(name, "name");
            Checks.text(department, "department");
        }
    }

    public Service {
        Checks.text(id, "id");
        Checks.text(name, "name");
        Checks.text(department, "department");
        Checks.present(kind, "kind");
        identity = Checks.list(identity, "identity");
        devices = devices == null ? List.of() : List.copyOf(devices);
    }

    /** A service with Chinese only. */
    public Service(String id, String name, String department, ServiceKind kind, List<IdentityMethod> identity,
                   List<DeviceNeed> devices, boolean needsNetwork) {
        this(id, name, department, kind, identity, devices, needsNetwork, null);
    }

    public boolean accepts(IdentityMethod method) {
        return identity.contains(method);
    }

    /** The name in English when {@code locale} is English and the service has it; otherwise Chinese. */
    public String name(Locale locale) {
        return Checks.english(locale) && english != null ? english.name() : name;
    }

    /** The department in English when {@code locale} is English and the service has it; otherwise Chinese. */
    public String department(Locale locale) {
        return Checks.english(locale) && english != null ? english.department() : department;
    }
}
