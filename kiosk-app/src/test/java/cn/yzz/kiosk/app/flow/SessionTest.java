package cn.yzz.kiosk.app.flow;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.cache.catalog.CatalogParser;
import cn.yzz.kiosk.cache.catalog.Service;
import cn.yzz.kiosk.device.idcard.IdCard;
import cn.yzz.kiosk.device.idcard.PhotoDecoder;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One villager's visit: what it holds, what {@link Session#wipe()} forgets, and the money holds it never forgets. */
class SessionTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private static final Service PENSION = CatalogParser.bundled().service("SWJ-0001").orElseThrow();

    private final Session session = new Session();

    private static MaskedIdentity masked(IdCard card) {
        return MaskedIdentity.of(card, TODAY, PhotoDecoder.placeholder());
    }

    @Test
    void aNewSessionIsInactiveAndHoldsNothing() {
        assertThat(session.active()).isFalse();
        assertThat(session.personProperty().get()).isNull();
        assertThat(session.serviceProperty().get()).isNull();
        assertThat(session.card()).isNull();
        assertThat(session.cardMayBeOnReader()).isFalse();
        assertThat(session.receiptWasPrinted()).isFalse();
        assertThat(session.takingMoney()).isFalse();
    }

    @Test
    void beginIsIdempotent() {
        List<Boolean> changes = new ArrayList<>();
        session.activeProperty().addListener((o, was, now) -> changes.add(now));
        session.begin();
        session.begin();
        session.begin();
        assertThat(session.active()).isTrue();
        assertThat(changes).as("one visit begins once, however often it is touched").containsExactly(true);
    }

    @Test
    void identifiedBeginsTheVisitAndKeepsTheCardAndTheMaskedPerson() {
        IdCard card = CardFixtures.RESIDENT.card();
        MaskedIdentity person = masked(card);
        session.identified(Villager.of(card), person);
        assertThat(session.active()).isTrue();
        assertThat(session.card()).isSameAs(card);
        assertThat(session.personProperty().get()).isSameAs(person);
        assertThat(session.personProperty().get().name()).isEqualTo("陈**");
        assertThat(session.cardMayBeOnReader()).as("the card was read, so it is on the reader").isTrue();
    }

    @Test
    void chooseBeginsTheVisitAndNullForgetsTheChoice() {
        session.choose(PENSION);
        assertThat(session.active()).isTrue();
        assertThat(session.serviceProperty().get()).isEqualTo(PENSION);
        session.choose(null);
        assertThat(session.serviceProperty().get()).isNull();
        assertThat(session.active()).isTrue();
    }

    @Test
    void aPlacedCardAndAPrintedReceiptAreRemembered() {
        session.begin();
        session.cardPlaced();
        session.receiptPrinted();
        assertThat(session.cardMayBeOnReader()).isTrue();
        assertThat(session.receiptWasPrinted()).isTrue();
    }

    @Test
    void wipeForgetsPersonCardServiceAndRemindersAndEndsTheVisit() {
        IdCard card = CardFixtures.ELDER_YAO_LONG_TERM.card();
        session.identified(Villager.of(card), masked(card));
        session.choose(PENSION);
        session.receiptPrinted();

        session.wipe();

        assertThat(session.active()).isFalse();
        assertThat(session.personProperty().get()).isNull();
        assertThat(session.card()).isNull();
        assertThat(session.serviceProperty().get()).isNull();
        assertThat(session.cardMayBeOnReader()).isFalse();
        assertThat(session.receiptWasPrinted()).isFalse();
    }

    @Test
    void wipeOfAnInactiveSessionChangesNothingAndANewVisitCanBegin() {
        session.wipe();
        assertThat(session.active()).isFalse();
        session.begin();
        assertThat(session.active()).isTrue();
        assertThat(session.personProperty().get()).as("the new visit starts empty").isNull();
    }

    @Test
    void takingMoneyWhileAnyHoldIsUnreleased() {
        Runnable first = session.holdForMoney();
        Runnable second = session.holdForMoney();
        assertThat(session.takingMoney()).isTrue();
        first.run();
        assertThat(session.takingMoney()).as("the second hold is still unreleased").isTrue();
        second.run();
        assertThat(session.takingMoney()).isFalse();
    }

    @Test
    void releasingAHoldTwiceDoesNotGoNegative() {
        Runnable first = session.holdForMoney();
        first.run();
        first.run();
        first.run();
        assertThat(session.takingMoney()).isFalse();
        Runnable second = session.holdForMoney();
        assertThat(session.takingMoney()).as("extra releases of the first hold did not cancel the second in advance").isTrue();
        first.run();
        assertThat(session.takingMoney()).as("the first hold, released again, does not release the second").isTrue();
        second.run();
        assertThat(session.takingMoney()).isFalse();
    }

    @Test
    void wipeDoesNotDropAMoneyHold() {
        session.begin();
        Runnable hold = session.holdForMoney();
        session.wipe();
        assertThat(session.takingMoney()).as("a payment under way is never forgotten").isTrue();
        hold.run();
        assertThat(session.takingMoney()).isFalse();
    }
}
