package cn.yzz.kiosk.device.idcard;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.device.Mask;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IdNumbersTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    @Test
    void checkCharacterFollowsIso7064Mod11_2() {
        assertThat(IdNumbers.checkChar("11010519491231002")).isEqualTo('X'); // devices.md §1.11
        assertThat(IdNumbers.isValid18("11010519491231002X")).isTrue();
        assertThat(IdNumbers.isValid18("110105194912310021")).isFalse();
        assertThat(IdNumbers.isValid18("11010519491231002x")).isFalse();
        assertThat(IdNumbers.isValid18("1101051949123100")).isFalse();
    }

    @Test
    void birthDateAndSexComeFromTheNumber() {
        assertThat(IdNumbers.birthDate("11010519491231002X")).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(IdNumbers.sex("11010519491231002X")).isEqualTo(Sex.FEMALE);
        assertThat(IdNumbers.sex("11010519491231001" + IdNumbers.checkChar("11010519491231001"))).isEqualTo(Sex.MALE);
        assertThat(IdNumbers.birthDate("110105194913310021")).isNull();
    }

    @Test
    void wellFormedFixturesPassEveryCheck() {
        for (var f : CardFixtures.all()) {
            if (f != CardFixtures.RESIDENT_BAD_CHECK) {
                assertThat(f.card().checks(TODAY)).as(f.id()).isEmpty();
            }
        }
    }

    @Test
    void theBadCheckFixtureFailsOnlyTheCheckDigit() {
        assertThat(CardFixtures.RESIDENT_BAD_CHECK.card().checks(TODAY)).containsExactly(CardCheck.BAD_CHECK_DIGIT);
    }

    @Test
    void crossChecksCatchBirthDateSexAndValidity() {
        IdCard c = CardFixtures.RESIDENT.card();
        IdCard wrong = new IdCard(c.cardType(), c.name(), "", Sex.FEMALE, c.nationCode(), "", c.birthDate().plusDays(1),
                c.address(), c.idNumber(), c.issuer(), c.validFrom(), LocalDate.of(2020, 1, 1), "", "", "", c.photo(), null);
        assertThat(wrong.checks(TODAY)).containsExactlyInAnyOrder(CardCheck.BIRTH_DATE_MISMATCH, CardCheck.SEX_MISMATCH, CardCheck.EXPIRED);
        assertThat(c.checks(c.validFrom().minusDays(1))).containsExactly(CardCheck.NOT_YET_VALID);
    }

    @Test
    void masksKeepOnlyWhatTheRulesAllow() {
        assertThat(Mask.name("盘秀英")).isEqualTo("盘**");
        assertThat(Mask.name("ANDERSON, JOHN")).isEqualTo("A******** ****");
        assertThat(Mask.number("441826195008010021")).isEqualTo("441***********0021");
        assertThat(Mask.number("H60123456")).isEqualTo("H60**3456");
        assertThat(Mask.number("123")).isEqualTo("1**");
        assertThat(CardFixtures.RESIDENT.card().toString()).doesNotContain(CardFixtures.RESIDENT.card().idNumber())
                .doesNotContain(CardFixtures.RESIDENT.card().name());
    }
}
