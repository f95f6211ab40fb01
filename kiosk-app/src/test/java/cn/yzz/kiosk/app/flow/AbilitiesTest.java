package cn.yzz.kiosk.app.flow;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import cn.yzz.kiosk.cache.catalog.DeviceUse;
import cn.yzz.kiosk.cache.catalog.Identity;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which ways of identifying and which devices this kiosk has now (what to offer is {@code OfferTest}'s table). */
class AbilitiesTest {

    private static final Set<DeviceNeed> ALL = EnumSet.allOf(DeviceNeed.class);
    private static final Set<DeviceNeed> DESKTOP = EnumSet.of(DeviceNeed.IDCARD_READER, DeviceNeed.QR_SCANNER,
            DeviceNeed.RECEIPT_PRINTER);

    @Test
    void everyIdentityMethodTheKioskCanDoWithAllDevicesOnline() {
        Abilities a = new Abilities(ALL, true, "enhanced");
        for (Identity m : Identity.values()) {
            assertThat(a.allows(m)).as(m.name()).isEqualTo(m != Identity.FACE); // face recognition is not built
        }
    }

    @Test
    void aYueShengShiCodeNeedsTheNetworkAndTheQrScanner() {
        assertThat(new Abilities(ALL, false, "enhanced").allows(Identity.YSS_CODE)).as("checked online").isFalse();
        assertThat(new Abilities(EnumSet.complementOf(EnumSet.of(DeviceNeed.QR_SCANNER)), true, "enhanced")
                .allows(Identity.YSS_CODE)).as("no scanner").isFalse();
    }

    @Test
    void aCameraAloneDoesNotMakeFaceAWayToIdentifyUntilFaceRecognitionIsBuilt() {
        assertThat(new Abilities(ALL, true, "enhanced").allows(Identity.FACE)).isFalse();
    }

    @Test
    void aDesktopKioskHasNoSocialSecurityCardReaderCameraOrA4Printer() {
        Abilities desktop = new Abilities(DESKTOP, true, "desktop");
        assertThat(desktop.allows(Identity.IDCARD)).isTrue();
        assertThat(desktop.allows(Identity.SSCARD)).isFalse();
        assertThat(desktop.allows(Identity.FACE)).isFalse();
        assertThat(desktop.works(DeviceUse.RECEIPT_PRINTER)).isTrue();
        assertThat(desktop.works(DeviceUse.A4_PRINTER)).isFalse();
        assertThat(desktop.works(DeviceUse.NOTE_ACCEPTOR)).isFalse();
    }

    @Test
    void theDevicesAreCopied() {
        Set<DeviceNeed> devices = EnumSet.of(DeviceNeed.IDCARD_READER);
        Abilities a = new Abilities(devices, true, "desktop");
        devices.clear();
        assertThat(a.devices()).as("a later change to the caller's set does not change the abilities")
                .containsExactly(DeviceNeed.IDCARD_READER);
    }
}
