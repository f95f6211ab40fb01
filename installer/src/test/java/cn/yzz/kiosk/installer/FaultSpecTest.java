package cn.yzz.kiosk.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.device.idcard.emu.Fault;
import cn.yzz.kiosk.device.idcard.samv.SamCommand;
import cn.yzz.kiosk.installer.steps.FaultSpec;
import org.junit.jupiter.api.Test;

class FaultSpecTest {

    @Test
    void withoutTimesAFaultLastsUntilCleared() {
        assertThat(FaultSpec.parse("silence")).isEqualTo(new FaultSpec(Fault.SILENCE, FaultSpec.ALWAYS, null));
        assertThat(FaultSpec.parse("SAM_FAILURE:always")).isEqualTo(new FaultSpec(Fault.SAM_FAILURE, FaultSpec.ALWAYS, null));
    }

    @Test
    void timesAndCommandAreOptional() {
        assertThat(FaultSpec.parse(" read-fails:2 ")).isEqualTo(new FaultSpec(Fault.READ_FAILS, 2, null));
        assertThat(FaultSpec.parse("bad-checksum:3@read-text-photo"))
                .isEqualTo(new FaultSpec(Fault.BAD_CHECKSUM, 3, SamCommand.READ_TEXT_PHOTO));
        assertThat(FaultSpec.parse("bad-checksum@FIND_CARD"))
                .isEqualTo(new FaultSpec(Fault.BAD_CHECKSUM, FaultSpec.ALWAYS, SamCommand.FIND_CARD));
        assertThat(FaultSpec.parse("bad-checksum:3@read-text-photo"))
                .hasToString("bad-checksum（3 次，只影响 read-text-photo 的回复）");
    }

    @Test
    void mistakesAreExplainedWithTheChoices() {
        assertThatThrownBy(() -> FaultSpec.parse("melt")).hasMessageStartingWith("不认识的故障 'melt'，可用：card-removed-mid-read、");
        assertThatThrownBy(() -> FaultSpec.parse("silence:0")).hasMessage("故障次数 '0' 应为正整数或 always");
        assertThatThrownBy(() -> FaultSpec.parse("silence:x")).hasMessage("故障次数 'x' 应为正整数或 always");
        assertThatThrownBy(() -> FaultSpec.parse("silence@dance")).hasMessageStartingWith("不认识的命令 'dance'，可用：reset、status、");
    }
}
