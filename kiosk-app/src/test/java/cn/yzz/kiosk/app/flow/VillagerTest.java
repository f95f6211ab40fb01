package cn.yzz.kiosk.app.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.catalog.Identity;
import cn.yzz.kiosk.device.idcard.Sex;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class VillagerTest {

    @Test
    void aVillagerByCodeHasSexAndBirthFromTheNumberAndNoCardToTake() {
        Villager v = Villager.byCode(new Person("440203195103152316", "李秀英"));
        assertThat(v.how()).isEqualTo(Identity.YSS_CODE);
        assertThat(v.birthDate()).contains(LocalDate.of(1951, 3, 15));
        assertThat(v.sex()).contains(Sex.MALE); // the 17th digit, 1, is odd
        assertThat(v.nation()).isEmpty();
        assertThat(v.leftACard()).isFalse();
    }

    @Test
    void aVillagerByIdCardTakesEverythingFromTheCardAndMustTakeItAway() {
        var card = CardFixtures.RESIDENT.card();
        Villager v = Villager.of(card);
        assertThat(v.idNumber()).isEqualTo(card.idNumber());
        assertThat(v.sex()).contains(card.sex());
        assertThat(v.leftACard()).isTrue();
        assertThat(v.person().idNumber()).isEqualTo(card.idNumber());
    }

    @Test
    void itsTextNeverHoldsTheFullNameOrNumber() {
        Villager v = Villager.byCode(new Person("440203195103152316", "李秀英"));
        assertThat(v.toString()).doesNotContain("440203195103152316").doesNotContain("李秀英").contains("yss-code");
    }

    @Test
    void theCardMustMatchTheWayTheyIdentified() {
        assertThatThrownBy(() -> new Villager(Identity.IDCARD, "李秀英", "440203195103152316", null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
