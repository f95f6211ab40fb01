package cn.yzz.kiosk.app.flow;

import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import cn.yzz.kiosk.cache.catalog.DeviceUse;
import cn.yzz.kiosk.cache.catalog.Identity;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What this kiosk can do right now: its model, the devices that work and whether the county backend
 * can be reached. {@link cn.yzz.kiosk.app.service.Offer} turns a service and this into a plan, or a
 * reason why the service is not offered now.
 *
 * @param model "desktop" or "enhanced"
 */
public record Abilities(Set<DeviceNeed> devices, boolean online, String model) {

    public Abilities {
        devices = devices.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(devices));
        Objects.requireNonNull(model, "model");
    }

    public boolean has(DeviceNeed d) {
        return devices.contains(d);
    }

    /** The identity methods the working devices allow. A 粤省事 code is checked online, so it needs the network. */
    public boolean allows(Identity m) {
        return switch (m) {
            case IDCARD -> has(DeviceNeed.IDCARD_READER);
            case YSS_CODE -> has(DeviceNeed.QR_SCANNER) && online;
            case SSCARD -> has(DeviceNeed.SSCARD_READER);
            case FACE -> false; // face recognition is not built: a camera alone is no way to identify, so it is never offered
        };
    }

    /** Whether a device a service names in its {@code devices} works here. */
    public boolean works(DeviceUse use) {
        return has(switch (use) {
            case RECEIPT_PRINTER -> DeviceNeed.RECEIPT_PRINTER;
            case A4_PRINTER -> DeviceNeed.A4_PRINTER;
            case NOTE_ACCEPTOR -> DeviceNeed.CASH_ACCEPTOR;
            case CAMERA, DOCUMENT_CAMERA -> DeviceNeed.CAMERA;
        });
    }
}
