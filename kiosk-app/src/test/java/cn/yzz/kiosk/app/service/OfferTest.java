package cn.yzz.kiosk.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import cn.yzz.kiosk.app.flow.Abilities;
import cn.yzz.kiosk.cache.catalog.DeviceUse;
import cn.yzz.kiosk.cache.catalog.Identity;
import cn.yzz.kiosk.cache.catalog.Kind;
import cn.yzz.kiosk.cache.catalog.Output;
import cn.yzz.kiosk.cache.catalog.PayMethod;
import cn.yzz.kiosk.cache.catalog.Payer;
import cn.yzz.kiosk.cache.catalog.Service;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The plan is a pure function of the catalogue entry and what the kiosk can do now: a table. */
class OfferTest {

    private static final Set<DeviceNeed> DESKTOP = EnumSet.of(DeviceNeed.IDCARD_READER, DeviceNeed.QR_SCANNER,
            DeviceNeed.RECEIPT_PRINTER);
    private static final Set<DeviceNeed> NO_PRINTER = EnumSet.of(DeviceNeed.IDCARD_READER, DeviceNeed.QR_SCANNER);
    private static final Set<DeviceNeed> NO_READER = EnumSet.of(DeviceNeed.QR_SCANNER, DeviceNeed.RECEIPT_PRINTER);

    private static final Service PENSION = Services.pension();
    private static final Service APPLY = Services.application();
    private static final List<Identity> CARD = List.of(Identity.IDCARD);

    private static Service pension(List<String> models, List<Payer> payers, List<PayMethod> pay) {
        return Services.with(PENSION, Kind.PAYMENT, true, models, payers, pay, Output.RECEIPT,
                List.of(DeviceUse.RECEIPT_PRINTER), PENSION.identity());
    }

    /** A payment that needs no live data (the catalogue may say so): cash can then be taken offline. */
    private static Service paidOffline(List<PayMethod> pay) {
        return Services.with(PENSION, Kind.PAYMENT, false, List.of(), List.of(Payer.SELF), pay, Output.RECEIPT,
                List.of(DeviceUse.RECEIPT_PRINTER), PENSION.identity());
    }

    /** An enhanced kiosk whose note acceptor can take cash now (its cash desk says so). */
    private static final Set<DeviceNeed> CASH = EnumSet.of(DeviceNeed.IDCARD_READER, DeviceNeed.QR_SCANNER,
            DeviceNeed.RECEIPT_PRINTER, DeviceNeed.CASH_ACCEPTOR);

    @org.junit.jupiter.api.Test
    void cashIsAWayToPayOnlyWhileTheKioskCanTakeCashAndByPhoneOnlyOnline() {
        Service both = paidOffline(List.of(PayMethod.QR, PayMethod.CASH));
        assertThat(Offer.plan(both, new Abilities(CASH, true, "enhanced")).plan().methods())
                .containsExactly(PayMethod.QR, PayMethod.CASH);
        assertThat(Offer.plan(both, new Abilities(CASH, false, "enhanced")).plan().methods()).containsExactly(PayMethod.CASH);
        assertThat(Offer.plan(both, new Abilities(DESKTOP, true, "enhanced")).plan().methods()).containsExactly(PayMethod.QR);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // service, devices, online, model, expected steps (null: not offered), reason contains
                Arguments.of("pension online", PENSION, DESKTOP, true, "desktop",
                        "IDENTIFY PAYER FORM SUMMARY PAY PRINT EVALUATE END", null),
                Arguments.of("pension offline: paying by phone needs the line", PENSION, DESKTOP, false, "desktop", null, "network"),
                Arguments.of("pension without printer: its receipt-printer is missing", PENSION, NO_PRINTER, true, "desktop", null,
                        "receipt-printer"),
                Arguments.of("self only: no payer step", pension(List.of(), List.of(Payer.SELF), List.of(PayMethod.QR)), DESKTOP,
                        true, "desktop", "IDENTIFY FORM SUMMARY PAY PRINT EVALUATE END", null),
                Arguments.of("cash only, on a kiosk that cannot take cash now", pension(List.of(), List.of(Payer.SELF),
                        List.of(PayMethod.CASH)), DESKTOP, true, "desktop", null, "cash cannot be taken"),
                Arguments.of("cash only, on an enhanced kiosk taking cash, offline: cash needs no line",
                        paidOffline(List.of(PayMethod.CASH)), CASH, false, "enhanced",
                        "IDENTIFY FORM SUMMARY PAY PRINT EVALUATE END", null),
                Arguments.of("by phone or in cash, offline, the box full (no cash now)",
                        paidOffline(List.of(PayMethod.QR, PayMethod.CASH)), DESKTOP, false, "enhanced", null,
                        "and cash cannot be taken"),
                Arguments.of("enhanced only on a desktop kiosk", pension(List.of("enhanced"), List.of(Payer.SELF), List.of(PayMethod.QR)),
                        DESKTOP, true, "desktop", null, "desktop"),
                Arguments.of("enhanced only on an enhanced kiosk", pension(List.of("enhanced"), List.of(Payer.SELF), List.of(PayMethod.QR)),
                        DESKTOP, true, "enhanced", "IDENTIFY FORM SUMMARY PAY PRINT EVALUATE END", null),
                Arguments.of("no ID card reader working, only the card accepted",
                        Services.with(APPLY, Kind.APPLICATION, false, List.of(), List.of(), List.of(), Output.NONE, List.of(), CARD),
                        NO_READER, true, "desktop", null, "identify"),
                Arguments.of("a 粤省事码 needs the line", Services.with(APPLY, Kind.APPLICATION, false, List.of(), List.of(), List.of(),
                        Output.NONE, List.of(), List.of(Identity.YSS_CODE)), DESKTOP, false, "desktop", null, "identify"),
                Arguments.of("application offline works", APPLY, DESKTOP, false, "desktop",
                        "IDENTIFY FORM SUMMARY SUBMIT PRINT EVALUATE END", null),
                Arguments.of("application needing the line, offline",
                        Services.with(APPLY, Kind.APPLICATION, true, List.of(), List.of(), List.of(), Output.NONE, List.of(), CARD),
                        DESKTOP, false, "desktop", null, "network"),
                Arguments.of("A4 output without an A4 printer",
                        Services.with(APPLY, Kind.APPLICATION, false, List.of(), List.of(), List.of(), Output.A4, List.of(), CARD),
                        DESKTOP, true, "desktop", null, "A4"),
                Arguments.of("a query shown on screen: no summary, no printout",
                        Services.with(APPLY, Kind.QUERY, true, List.of(), List.of(), List.of(), Output.NONE, List.of(), CARD),
                        DESKTOP, true, "desktop", "IDENTIFY FORM QUERY EVALUATE END", null),
                Arguments.of("a query needs the line",
                        Services.with(APPLY, Kind.QUERY, true, List.of(), List.of(), List.of(), Output.NONE, List.of(), CARD),
                        DESKTOP, false, "desktop", null, "network"),
                Arguments.of("a query with A4 output and no A4 printer: offered, without 打印",
                        Services.with(APPLY, Kind.QUERY, true, List.of(), List.of(), List.of(), Output.A4,
                                List.of(DeviceUse.A4_PRINTER), CARD), DESKTOP, true, "desktop", "IDENTIFY FORM QUERY EVALUATE END", null),
                Arguments.of("a query with A4 output and an A4 printer: 打印 offered",
                        Services.with(APPLY, Kind.QUERY, true, List.of(), List.of(), List.of(), Output.A4,
                                List.of(DeviceUse.A4_PRINTER), CARD), EnumSet.of(DeviceNeed.IDCARD_READER, DeviceNeed.A4_PRINTER),
                        true, "enhanced", "IDENTIFY FORM QUERY PRINTOUT EVALUATE END", null),
                Arguments.of("a print service without its A4 printer",
                        Services.with(APPLY, Kind.PRINT, true, List.of(), List.of(), List.of(), Output.A4,
                                List.of(DeviceUse.A4_PRINTER), CARD), DESKTOP, true, "desktop", null, "a4-printer"),
                Arguments.of("a print service on the receipt printer",
                        Services.with(APPLY, Kind.PRINT, true, List.of(), List.of(), List.of(), Output.RECEIPT, List.of(), CARD),
                        DESKTOP, true, "desktop", "IDENTIFY FORM QUERY PRINTOUT EVALUATE END", null),
                Arguments.of("a print service on the receipt printer, which is down",
                        Services.with(APPLY, Kind.PRINT, true, List.of(), List.of(), List.of(), Output.RECEIPT, List.of(), CARD),
                        NO_PRINTER, true, "desktop", null, "receipt printer"),
                Arguments.of("household only, offline: the household list needs the line",
                        Services.with(PENSION, Kind.PAYMENT, false, List.of(), List.of(Payer.HOUSEHOLD), List.of(PayMethod.QR),
                                Output.RECEIPT, List.of(), PENSION.identity()), DESKTOP, false, "desktop", null, "household"),
                Arguments.of("household dropped offline, self stays (cash would pay; by phone needs the line)",
                        Services.with(PENSION, Kind.PAYMENT, false, List.of(), List.of(Payer.SELF, Payer.HOUSEHOLD),
                                List.of(PayMethod.QR), Output.RECEIPT, List.of(), PENSION.identity()), DESKTOP, false, "desktop",
                        null, "by phone"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void plansWhatTheKioskCanDoNow(String name, Service s, Set<DeviceNeed> devices, boolean online, String model,
                                   String steps, String why) {
        Offer.Result r = Offer.plan(s, new Abilities(devices, online, model));
        if (steps == null) {
            assertThat(r.offered()).as(name).isFalse();
            assertThat(r.whyNot()).as(name).contains(why);
        } else {
            assertThat(r.offered()).as(name + ": " + r.whyNot()).isTrue();
            assertThat(String.join(" ", r.plan().steps().stream().map(Enum::name).toList())).isEqualTo(steps);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void offeredAgreesWithPlan(String name, Service s, Set<DeviceNeed> devices, boolean online, String model,
                               String steps, String why) {
        assertThat(Offer.offered(s, new Abilities(devices, online, model))).isEqualTo(steps != null);
    }
}
