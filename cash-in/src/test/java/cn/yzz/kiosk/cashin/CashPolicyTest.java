package cn.yzz.kiosk.cashin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.device.profile.DeviceKind;
import cn.yzz.kiosk.device.profile.DeviceProfile;
import cn.yzz.kiosk.device.profile.ProfileException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The cash desk's policy as a kiosk's configuration sets it on its cash acceptor. */
class CashPolicyTest {

    private static DeviceProfile enhanced(String cashOptions) throws ProfileException {
        return DeviceProfile.parse("""
                {"model": "enhanced", "devices": [
                  {"kind": "idcard-reader", "driver": "samv", "port": "/dev/ttyUSB0"},
                  {"kind": "cash-acceptor", "driver": "essp", "port": "/dev/ttyACM0"%s}]}
                """.formatted(cashOptions), "kiosk.json");
    }

    @Test
    void anAcceptorWithoutOptionsGetsTheDefaults() throws Exception {
        CashPolicy p = CashPolicy.from(enhanced("").device(DeviceKind.CASH_ACCEPTOR).orElseThrow());
        assertThat(p).isEqualTo(CashPolicy.defaults());
    }

    @Test
    void aCommitteeShortOfChangeTakesSmallNotesAndCapsTheVoucher() throws Exception {
        CashPolicy p = CashPolicy.from(enhanced(", \"options\": {\"notes\": \"500,1000,2000\", \"capacity\": 300, "
                + "\"near-full\": 80, \"max-voucher-fen\": 2000}").device(DeviceKind.CASH_ACCEPTOR).orElseThrow());
        assertThat(p.acceptedFen()).isEqualTo(Set.of(500L, 1000L, 2000L));
        assertThat(p.capacityNotes()).isEqualTo(300);
        assertThat(p.nearFullNotes()).isEqualTo(240);
        assertThat(p.maxVoucherFen()).isEqualTo(2000);
    }

    @Test
    void aWrongNoteListIsNamedWithWhatIsExpected() {
        assertThatThrownBy(() -> enhanced(", \"options\": {\"notes\": \"10 yuan\"}"))
                .isInstanceOf(ProfileException.class).hasMessageContaining("notes").hasMessageContaining("1000,2000");
    }
}
