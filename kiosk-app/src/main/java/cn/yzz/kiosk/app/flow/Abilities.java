package cn.yzz.kiosk.app.flow;

import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import cn.yzz.kiosk.app.catalogue.IdentityMethod;
import cn.yzz.kiosk.app.catalogue.Service;
import java.util.EnumSet;
import java.util.Set;

/**
 * What this kiosk can do right now: the devices that work and whether the county backend can be
 * reached. A service is offered only when every device it uses works, at least one identity
 * method it accepts is possible here, and the network is up if it needs live data.
 */
public record Abilities(Set<DeviceNeed> devices, boolean online) {

    public Abilities {
        devices = devices.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(devices));
    }

    /** The identity methods the working devices allow. A 粤省事 code is checked online, so it needs the network. */
    public boolean allows(IdentityMethod m) {
        return switch (m) {
            case IDCARD -> devices.contains(DeviceNeed.IDCARD_READER);
            case YSS_QR -> devices.contains(DeviceNeed.QR_SCANNER) && online;
            case SSCARD -> devices.contains(DeviceNeed.SSCARD_READER);
            case FACE -> devices.contains(DeviceNeed.CAMERA);
        };
    }

    public boolean canOffer(Service s) {
        return devices.containsAll(s.devices())
                && (online || !s.needsNetwork())
                && s.identity().stream().anyMatch(this::allows);
    }
}
