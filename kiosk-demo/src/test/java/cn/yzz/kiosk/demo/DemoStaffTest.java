package cn.yzz.kiosk.demo;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.assist.StaffMember;
import cn.yzz.kiosk.app.assist.StaffStore;
import cn.yzz.kiosk.app.assist.StaffStore.SignIn;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's known staff member for 帮办代办, as the README tells testers. */
class DemoStaffTest {

    @TempDir
    Path data;

    @Test
    void aNewDemoFolderGetsTheDemoStaffMemberWithTheirPinAndCardAndKeepsWhatItHas() throws Exception {
        Demo.enrolDemoStaff(data);
        StaffStore staff = StaffStore.in(data);
        StaffMember wei = new StaffMember("001", "韦国华");
        assertThat(staff.pin(Demo.DEMO_STAFF_PIN.toCharArray())).isEqualTo(new SignIn.Ok(wei));
        assertThat(staff.card(CardFixtures.RESIDENT_FINGERPRINT.card().idNumber())).isEqualTo(new SignIn.Ok(wei));
        assertThat(CardFixtures.all().indexOf(CardFixtures.RESIDENT_FINGERPRINT) + 1).as("the key that places it").isEqualTo(3);

        staff.add("001", "韦国华", "802468".toCharArray(), null); // the tester changed the PIN
        Demo.enrolDemoStaff(data);
        assertThat(staff.pin("802468".toCharArray())).as("a folder with staff is left alone").isEqualTo(new SignIn.Ok(wei));
    }
}
