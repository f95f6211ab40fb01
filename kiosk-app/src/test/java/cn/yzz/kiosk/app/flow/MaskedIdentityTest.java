package cn.yzz.kiosk.app.flow;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.device.idcard.CardCheck;
import cn.yzz.kiosk.device.idcard.CardType;
import cn.yzz.kiosk.device.idcard.PhotoDecoder;
import cn.yzz.kiosk.device.idcard.Sex;
import cn.yzz.kiosk.device.idcard.emu.CardFixture;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MaskedIdentityTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    private static MaskedIdentity of(CardFixture f, LocalDate today) {
        return MaskedIdentity.of(f.card(), today, PhotoDecoder.placeholder());
    }

    @ParameterizedTest
    @MethodSource("cn.yzz.kiosk.device.idcard.emu.CardFixtures#all")
    void neverHoldsTheFullNameOrNumber(CardFixture f) {
        MaskedIdentity id = of(f, TODAY);
        String all = String.join("|", id.name(), id.nation(), id.number(), id.toString());
        assertThat(all).doesNotContain(f.card().idNumber());
        if (f.card().displayName().length() > 1) {
            assertThat(all).doesNotContain(f.card().displayName());
        }
        assertThat(id.number()).startsWith(f.card().idNumber().substring(0, 3)).contains("*");
    }

    @Test
    void anElderlyYaoWomanWithALongTermCard() {
        MaskedIdentity id = of(CardFixtures.ELDER_YAO_LONG_TERM, TODAY);
        assertThat(id.name()).isEqualTo("盘**");
        assertThat(id.sex()).isEqualTo(Sex.FEMALE);
        assertThat(id.nation()).isEqualTo("瑶族");
        assertThat(id.age()).isEqualTo(76);
        assertThat(id.elder()).isTrue();
        assertThat(id.validFrom()).isEqualTo(LocalDate.of(2015, 9, 20));
        assertThat(id.longTerm()).isTrue();
        assertThat(id.canContinue()).isTrue();
    }

    @Test
    void aForeignersCardHasNoNationAndShowsTheChineseNameMasked() {
        MaskedIdentity id = of(CardFixtures.FOREIGN_2023, TODAY);
        assertThat(id.cardType()).isEqualTo(CardType.FOREIGN_2023);
        assertThat(id.name()).isEqualTo("玛**");
        assertThat(id.nation()).isEmpty();
        assertThat(id.elder()).isFalse();
    }

    @Test
    void anExpiredCardCannotBeUsedAndSaysWhyInPlainWords() {
        MaskedIdentity id = of(CardFixtures.RESIDENT, LocalDate.of(2032, 1, 1));
        assertThat(id.problems()).containsExactly(CardCheck.EXPIRED);
        assertThat(id.canContinue()).isFalse();
    }

    @Test
    void aWrongCheckDigitIsAProblem() {
        MaskedIdentity id = of(CardFixtures.RESIDENT_BAD_CHECK, TODAY);
        assertThat(id.problems()).contains(CardCheck.BAD_CHECK_DIGIT);
        assertThat(id.canContinue()).isFalse();
    }
}
