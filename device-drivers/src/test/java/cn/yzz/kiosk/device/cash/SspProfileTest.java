package cn.yzz.kiosk.device.cash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.device.Device;
import cn.yzz.kiosk.device.cash.ssp.EsspKeys;
import cn.yzz.kiosk.device.profile.DeviceFactory;
import cn.yzz.kiosk.device.profile.DeviceKind;
import cn.yzz.kiosk.device.profile.DeviceProfile;
import cn.yzz.kiosk.device.profile.DeviceSpec;
import cn.yzz.kiosk.device.profile.ProfileException;
import org.junit.jupiter.api.Test;

/** The cash-acceptor entry of a profile: its options, and the driver the factory builds from it. */
class SspProfileTest {

    private static final String ID = "{\"kind\": \"idcard-reader\", \"driver\": \"samv\", \"port\": \"/dev/ttyUSB0\"}";

    private static DeviceSpec cash(String options) throws ProfileException {
        return DeviceProfile.parse("{\"model\": \"enhanced\", \"devices\": [" + ID
                        + ", {\"kind\": \"cash-acceptor\", \"driver\": \"essp\", \"port\": \"/dev/ttyUSB1\"" + options + "}]}",
                "kiosk.json").device(DeviceKind.CASH_ACCEPTOR).orElseThrow();
    }

    @Test
    void defaultsAre9600AddressZeroEncryptionAutoAndItlsFixedKey() throws Exception {
        DeviceSpec s = cash("");
        assertThat(s.intOption("baud")).isEqualTo(9600);
        assertThat(s.intOption("address")).isZero();
        assertThat(s.textOption("encryption")).isEqualTo("auto");
        assertThat(s.textOption("fixed-key")).isEqualTo("0123456701234567");
        try (Device d = DeviceFactory.create(s).orElseThrow()) {
            assertThat(d).isInstanceOf(SspNoteAcceptor.class);
            assertThat(d.name()).isEqualTo("cash-acceptor");
        }
    }

    @Test
    void optionsReachTheDriver() throws Exception {
        DeviceSpec s = cash(", \"options\": {\"encryption\": \"required\", \"fixed-key\": \"00112233AABBCCDD\", \"address\": 3}");
        assertThat(s.textOption("encryption")).isEqualTo("required");
        // DeviceFactory's own translation, as kioskctl and the kiosk get it.
        SspNoteAcceptor.Options o = new SspNoteAcceptor.Options(s.intOption("address"),
                SspNoteAcceptor.Encryption.valueOf(s.textOption("encryption").toUpperCase()),
                EsspKeys.parseFixedKey(s.textOption("fixed-key")), SspNoteAcceptor.Options.defaults().pollInterval(),
                SspNoteAcceptor.Options.defaults().replyTimeout(), 20);
        assertThat(o.fixedKey()).isEqualTo(0x00112233AABBCCDDL);
        assertThat(o.address()).isEqualTo(3);
    }

    @Test
    void aBadKeyOrEncryptionWordIsRefusedWithWhatToWrite() {
        assertThatThrownBy(() -> cash(", \"options\": {\"fixed-key\": \"0123\"}")).isInstanceOf(ProfileException.class)
                .hasMessageContaining("16 hex digits");
        assertThatThrownBy(() -> cash(", \"options\": {\"encryption\": \"yes\"}")).isInstanceOf(ProfileException.class)
                .hasMessageContaining("auto");
    }
}
