package cn.yzz.kiosk.app.flow;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import cn.yzz.kiosk.app.catalogue.IdentityMethod;
import cn.yzz.kiosk.app.catalogue.Service;
import cn.yzz.kiosk.app.catalogue.ServiceKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which services this kiosk can offer now, from the devices that work and the network. */
class AbilitiesTest {

    private static final Set<DeviceNeed> ALL = EnumSet.allOf(DeviceNeed.class);
    /** A desktop kiosk: no social security card reader, no cash, no A4 printer, no camera. */
    private static final Set<DeviceNeed> DESKTOP = EnumSet.of(DeviceNeed.IDCARD_READER, DeviceNeed.QR_SCANNER,
            DeviceNeed.RECEIPT_PRINTER);

    private static Service service(List<IdentityMethod> identity, List<DeviceNeed> devices, boolean needsNetwork) {
        // A mutable copy: Service's check for null elements throws NullPointerException on List.of lists.
        return new Service("test", "测试事项", "测试局", ServiceKind.QUERY, new ArrayList<>(identity), devices, needsNetwork);
    }

    private static final Service PRINT_RECORD = service(List.of(IdentityMethod.IDCARD),
            List.of(DeviceNeed.IDCARD_READER, DeviceNeed.A4_PRINTER), false);
    private static final Service LIVE_QUERY = service(List.of(IdentityMethod.IDCARD),
            List.of(DeviceNeed.IDCARD_READER), true);
    private static final Service OFFLINE_QUERY = service(List.of(IdentityMethod.IDCARD),
            List.of(DeviceNeed.IDCARD_READER), false);
    private static final Service QR_ONLY = service(List.of(IdentityMethod.YSS_QR), List.of(), false);
    private static final Service SSCARD_ONLY = service(List.of(IdentityMethod.SSCARD),
            List.of(DeviceNeed.RECEIPT_PRINTER), false);

    @Test
    void everythingIsOfferedWithAllDevicesOnline() {
        Abilities a = new Abilities(ALL, true);
        for (Service s : List.of(PRINT_RECORD, LIVE_QUERY, OFFLINE_QUERY, QR_ONLY, SSCARD_ONLY)) {
            assertThat(a.canOffer(s)).as("%s %s", s.identity(), s.devices()).isTrue();
        }
        for (IdentityMethod m : IdentityMethod.values()) {
            assertThat(a.allows(m)).as(m.name()).isTrue();
        }
    }

    @Test
    void aMissingDeviceHidesTheServicesThatUseIt() {
        Set<DeviceNeed> noA4 = EnumSet.complementOf(EnumSet.of(DeviceNeed.A4_PRINTER));
        Abilities a = new Abilities(noA4, true);
        assertThat(a.canOffer(PRINT_RECORD)).isFalse();
        assertThat(a.canOffer(LIVE_QUERY)).as("does not use the A4 printer").isTrue();
    }

    @Test
    void withoutTheIdCardReaderAServiceAcceptingOnlyTheIdCardIsHidden() {
        Service cardOnly = service(List.of(IdentityMethod.IDCARD), List.of(), false);
        Abilities a = new Abilities(EnumSet.complementOf(EnumSet.of(DeviceNeed.IDCARD_READER)), true);
        assertThat(a.allows(IdentityMethod.IDCARD)).isFalse();
        assertThat(a.canOffer(cardOnly)).as("no way to identify the villager").isFalse();
    }

    @Test
    void offlineHidesTheServicesThatNeedTheNetworkOnly() {
        Abilities a = new Abilities(ALL, false);
        assertThat(a.canOffer(LIVE_QUERY)).isFalse();
        assertThat(a.canOffer(OFFLINE_QUERY)).isTrue();
        assertThat(a.canOffer(PRINT_RECORD)).isTrue();
    }

    @Test
    void aYueShengShiCodeNeedsTheNetworkAndTheQrScanner() {
        assertThat(new Abilities(ALL, true).allows(IdentityMethod.YSS_QR)).isTrue();
        assertThat(new Abilities(ALL, false).allows(IdentityMethod.YSS_QR)).as("checked online").isFalse();
        assertThat(new Abilities(EnumSet.complementOf(EnumSet.of(DeviceNeed.QR_SCANNER)), true)
                .allows(IdentityMethod.YSS_QR)).as("no scanner").isFalse();

        assertThat(new Abilities(ALL, true).canOffer(QR_ONLY)).isTrue();
        assertThat(new Abilities(ALL, false).canOffer(QR_ONLY))
                .as("the service itself needs no network, but its only identity method does").isFalse();
        assertThat(new Abilities(EnumSet.complementOf(EnumSet.of(DeviceNeed.QR_SCANNER)), true).canOffer(QR_ONLY))
                .isFalse();
    }

    @Test
    void anyOneAcceptedIdentityMethodIsEnough() {
        Service cardOrCode = service(List.of(IdentityMethod.IDCARD, IdentityMethod.YSS_QR), List.of(), false);
        assertThat(new Abilities(ALL, false).canOffer(cardOrCode)).as("offline: the ID card still works").isTrue();
        assertThat(new Abilities(EnumSet.of(DeviceNeed.QR_SCANNER), true).canOffer(cardOrCode))
                .as("no ID card reader: the code still works").isTrue();
        assertThat(new Abilities(EnumSet.of(DeviceNeed.QR_SCANNER), false).canOffer(cardOrCode)).isFalse();
    }

    @Test
    void aServiceAcceptingOnlyTheSocialSecurityCardIsNotOfferedOnADesktopKiosk() {
        Abilities desktop = new Abilities(DESKTOP, true);
        assertThat(desktop.allows(IdentityMethod.SSCARD)).isFalse();
        assertThat(desktop.canOffer(SSCARD_ONLY)).as("its devices are there, but no way to identify").isFalse();
        assertThat(new Abilities(EnumSet.of(DeviceNeed.SSCARD_READER, DeviceNeed.RECEIPT_PRINTER), true)
                .canOffer(SSCARD_ONLY)).isTrue();
    }

    @Test
    void faceNeedsTheCamera() {
        Service faceOnly = service(List.of(IdentityMethod.FACE), List.of(), false);
        assertThat(new Abilities(DESKTOP, true).canOffer(faceOnly)).isFalse();
        assertThat(new Abilities(EnumSet.of(DeviceNeed.CAMERA), false).canOffer(faceOnly)).isTrue();
    }

    @Test
    void noDevicesOffersNothingAndTheDevicesAreCopied() {
        assertThat(new Abilities(Set.of(), true).canOffer(OFFLINE_QUERY)).isFalse();
        Set<DeviceNeed> devices = EnumSet.of(DeviceNeed.IDCARD_READER);
        Abilities a = new Abilities(devices, true);
        devices.clear();
        assertThat(a.devices()).as("a later change to the caller's set does not change the abilities")
                .containsExactly(DeviceNeed.IDCARD_READER);
        assertThat(a.canOffer(OFFLINE_QUERY)).isTrue();
    }
}
