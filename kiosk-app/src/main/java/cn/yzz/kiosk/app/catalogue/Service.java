package cn.yzz.kiosk.app.catalogue;

import java.util.List;

/**
 * One service a villager can do at the kiosk, with what it needs: which ways of proving who you
 * are it accepts, which devices it uses and whether it needs the network. A kiosk will offer only
 * what its own devices and connectivity can do (later issues), so these fields are data, not code.
 *
 * @param department the department responsible, as villagers know it ("人力资源和社会保障局")
 * @param identity   accepted identity methods, any one of which is enough
 * @param devices    devices the service uses, besides the screen
 */
public record Service(String id, String name, String department, ServiceKind kind, List<IdentityMethod> identity,
                      List<DeviceNeed> devices, boolean needsNetwork) {

    public Service {
        Checks.text(id, "id");
        Checks.text(name, "name");
        Checks.text(department, "department");
        Checks.present(kind, "kind");
        identity = Checks.list(identity, "identity");
        devices = devices == null ? List.of() : List.copyOf(devices);
    }

    public boolean accepts(IdentityMethod method) {
        return identity.contains(method);
    }
}
