package cn.yzz.kiosk.demo.e2e;

import cn.yzz.kiosk.app.Kiosk;
import cn.yzz.kiosk.app.flow.Abilities;
import cn.yzz.kiosk.app.flow.IdentifyModel;
import cn.yzz.kiosk.app.flow.KioskFlowModel.Screen;
import cn.yzz.kiosk.app.flow.Shell.Cover;
import cn.yzz.kiosk.app.service.Money;
import cn.yzz.kiosk.app.service.Offer;
import cn.yzz.kiosk.app.service.Plan;
import cn.yzz.kiosk.app.service.Printouts;
import cn.yzz.kiosk.backend.YssCodes;
import cn.yzz.kiosk.cache.OutboxEntry;
import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.catalog.Amount;
import cn.yzz.kiosk.cache.catalog.Catalog;
import cn.yzz.kiosk.cache.catalog.Field;
import cn.yzz.kiosk.cache.catalog.FieldType;
import cn.yzz.kiosk.cache.catalog.Identity;
import cn.yzz.kiosk.cache.catalog.Kind;
import cn.yzz.kiosk.cache.catalog.Output;
import cn.yzz.kiosk.cache.catalog.PayMethod;
import cn.yzz.kiosk.cache.catalog.Payer;
import cn.yzz.kiosk.cache.catalog.Service;
import cn.yzz.kiosk.cache.sync.QueryAnswer;
import cn.yzz.kiosk.demo.DemoRig;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.Mask;
import cn.yzz.kiosk.device.a4.A4Pages;
import cn.yzz.kiosk.device.idcard.IdCard;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import cn.yzz.kiosk.device.profile.DeviceKind;
import cn.yzz.kiosk.device.sscard.SsCard;
import cn.yzz.kiosk.device.sscard.emu.SsCardFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * The villagers' journeys: each walks up to the kiosk, picks its service from whatever the county's
 * catalogue offers (by kind and form, never by code), identifies with the demo's resident card, answers
 * on the keypad and the big buttons, pays with the phone by reading the QR code off the screen, and leaves.
 * They act only by tapping and read only the screen (and the printer's paper); the kiosk's models are read
 * only to wait for it. What the screen said was done goes into the {@link Ledger}.
 */
final class Journeys {

    /** One journey: its name for the report and its walk, which throws {@link JourneyFailed} when something is wrong. */
    record Journey(String name, Runnable walk) {}

    /** The ID number keyed for "another person" (a valid GB 11643 number of the dev-backend's households). */
    static final String OTHER_PERSON = "441826195008010020";
    private static final String PHONE_NUMBER = "13800138000";
    /** The run's staff member for 帮办代办 (as the demo's: 工号 001, 韦国华, the 含指纹 card as staff card); see {@link E2eRun}. */
    static final String STAFF_NO = "001";
    static final String STAFF_PIN = "246810";
    private static final Pattern RECEIPT_NO = Pattern.compile("([A-Za-z0-9][A-Za-z0-9-]*-\\d{8}-\\d{4,})");
    private static final Pattern VERIFY = Pattern.compile("YZZ-RECEIPT:(.+):([0-9a-fA-F-]{36})");
    /** The county's tracking number of an application (办件编号): 20 digits. */
    private static final Pattern TRACKING_NO = Pattern.compile("\\d{20}");
    /**
     * The longest the expiry journey waits for an order to run out. A county's staging backend cannot be told to expire
     * an order early (the contract has no such call), so the journey waits as a villager would: a `./kiosk backend`
     * left at its default of 5 minutes costs 5 minutes, which is what checking a real expiry takes.
     */
    static final Duration LONGEST_EXPIRY = Duration.ofMinutes(20);
    /** An order that lives longer than this makes the journey say how long it will wait. */
    private static final Duration SAY_WAIT_FROM = Duration.ofSeconds(60);

    private final Kiosk kiosk;
    private final KioskScreen screen;
    private final DemoRig rig;
    private final SsCardSlot slot;
    private final LineProxy line;
    private final Path dataDir;
    private final Path receipts;
    private final A4Tray tray;
    private final Kioskctl kioskctl;
    private final String kioskId;
    private final Ledger ledger;
    private final Phone phone = new Phone();
    private final java.util.function.Consumer<String> info;

    /**
     * @param slot     the social security card slot
     * @param line     the village line the kiosk reaches its backend through, or null when there is none to cut
     * @param dataDir  the kiosk's data folder; the emulated receipt printer puts each receipt it cuts in receipts/ there
     * @param tray     the A4 printer's output
     * @param kioskctl kioskctl on the kiosk's data, or null when the run has none
     * @param kioskId  the kiosk's id as enrolled
     * @param info     what the run says besides PASS and FAIL lines (a long wait, for one)
     */
    Journeys(Kiosk kiosk, KioskScreen screen, DemoRig rig, SsCardSlot slot, LineProxy line, Path dataDir, A4Tray tray,
             Kioskctl kioskctl, String kioskId, Ledger ledger, java.util.function.Consumer<String> info) {
        this.kiosk = kiosk;
        this.info = info;
        this.screen = screen;
        this.rig = rig;
        this.slot = slot;
        this.line = line;
        this.dataDir = dataDir;
        this.receipts = dataDir.resolve("receipts");
        this.tray = tray;
        this.kioskctl = kioskctl;
        this.kioskId = kioskId;
        this.ledger = ledger;
    }

    List<Journey> all() {
        List<Journey> all = new ArrayList<>();
        all.add(new Journey("pay-for-oneself-printed-receipt", this::payForOneself));
        all.add(new Journey("household-payment", this::household));
        all.add(new Journey("pay-for-another-by-keyed-id", this::forAnother));
        all.add(new Journey("cancel-payment", this::cancel));
        all.add(new Journey("expired-code-new-order", this::expiry));
        if (line != null) {
            all.add(new Journey("line-lost-while-paying", this::lineLost));
        }
        all.add(new Journey("printer-out-of-paper", this::outOfPaper));
        all.add(new Journey("low-rating-with-reason", this::lowRating));
        all.add(new Journey("no-evaluation", this::noEvaluation));
        all.add(new Journey("query-shown-printed-on-a4", this::queryOnA4));
        all.add(new Journey("print-service-on-a4", this::printService));
        if (line != null) {
            all.add(new Journey("application-offline-then-synced", this::offlineApplication));
        }
        all.add(new Journey("one-thing-bundle-two-steps", this::bundle));
        all.add(new Journey("assisted-visit", this::assisted));
        all.add(new Journey("search-by-initials", this::search));
        all.add(new Journey("yss-code-login-online", this::yssOnline));
        if (line != null) {
            all.add(new Journey("yss-code-refused-offline", this::yssOffline));
        }
        all.add(new Journey("social-security-card-login", this::ssCard));
        all.add(new Journey("cash-overpayment-change-voucher", this::cashOverpaid));
        // A comma-separated list of journeys, to look at one: -Dyzz.e2e.only=… or YZZ_E2E_ONLY=…
        String only = System.getProperty("yzz.e2e.only", Objects.requireNonNullElse(System.getenv("YZZ_E2E_ONLY"), ""));
        return only.isBlank() ? all : all.stream().filter(j -> List.of(only.split(",")).contains(j.name())).toList();
    }

    // The journeys //

    /** 1: pays for oneself by phone, prints the receipt (its QR code names the stored transaction), rates 满意. */
    private void payForOneself() {
        String name = "pay-for-oneself-printed-receipt";
        Service s = pick("a payment by phone for oneself", payment(Payer.SELF));
        begin(s);
        Form f = form(s, Payer.SELF, 0);
        long amount = summary(s, f);
        String url = payByPhone(amount);
        String receiptNo = paid();
        screen.tap("pay-next");
        screen.awaitShown("receipt-print");
        Set<Path> before = pngs();
        screen.tap("receipt-print");
        screen.awaitText("receipt-heading", text("receipt.heading.printed"));
        String verify = newReceipt(before);
        Matcher m = VERIFY.matcher(verify);
        if (!m.matches()) {
            throw new JourneyFailed("the printed receipt's QR code says \"" + verify + "\", not YZZ-RECEIPT:<receiptNo>:<transactionId>");
        }
        if (!m.group(1).equals(receiptNo)) {
            throw new JourneyFailed("the printed receipt is " + m.group(1) + ", the screen said " + receiptNo);
        }
        ledger.done(new Ledger.Done(name, "payment", s.code(), receiptNo, UUID.fromString(m.group(2)), url, amount, 0));
        screen.tap("receipt-next");
        rate(name, receiptNo, 4);
        leave();
    }

    /**
     * Cash on the enhanced kiosk: 现金支付 at the summary, notes put into the emulated note validator one by one (each
     * credit read off the screen with what is still due) until more is in than due; 缴费成功 with a change voucher
     * printed as a slip of its own (its QR code is the voucher number on the screen, its amount the difference);
     * the receipt printed names the voucher; the payment reaches the county once with its cash fields.
     */
    private void cashOverpaid() {
        String name = "cash-overpayment-change-voucher";
        Service s = pick("a payment in cash for oneself", x -> x.kind() == Kind.PAYMENT && x.payers().contains(Payer.SELF)
                && x.pay().contains(PayMethod.CASH) && x.pay().contains(PayMethod.QR)
                && cashHere(x));
        begin(s);
        Form f = form(s, Payer.SELF, 0);
        long amount = summary(s, f, "summary-cash");
        screen.awaitShown("cash-notes");
        if (!screen.text("cash-left").equals(text("cash.left", Money.text(amount)))) {
            throw new JourneyFailed("the cash screen says \"" + screen.text("cash-left") + "\", the summary said " + Money.text(amount));
        }
        long first = amount % 10_000 == 2_000 ? 5_000 : 2_000; // a ¥20 (or ¥50) then ¥100s: more than due, whatever the amount
        long inserted = 0;
        List<Long> notes = new ArrayList<>();
        while (inserted < amount) {
            long note = notes.isEmpty() ? first : 10_000;
            long before = inserted;
            screen.poll("the note validator to draw in a " + Money.text(note) + " yuan note", Duration.ofSeconds(20),
                    () -> rig.insertNote(note));
            inserted += note;
            notes.add(note);
            long in = inserted;
            if (in < amount) {
                screen.awaitText("cash-inserted", text("cash.inserted", Money.text(in)));
                screen.awaitText("cash-left", text("cash.left", Money.text(amount - in)));
            } else if (before == in) {
                throw new JourneyFailed("no progress");
            }
        }
        long over = inserted - amount;
        Set<Path> slips = pngs();
        screen.awaitText("cash-heading", text("cash.heading.paid"));
        screen.awaitText("cash-slip", text("cash.voucher.printed"));
        String voucherNo = newReceipt(slips);
        if (!screen.text("cash-voucher-no").equals(text("cash.voucher.no", voucherNo))) {
            throw new JourneyFailed("the voucher slip's QR code says " + voucherNo + ", the screen " + screen.text("cash-voucher-no"));
        }
        if (!screen.text("cash-voucher-amount").equals(text("cash.voucher.amount", Money.text(over)))) {
            throw new JourneyFailed("the voucher on screen says \"" + screen.text("cash-voucher-amount") + "\"; " + Money.text(inserted)
                    + " went in for " + Money.text(amount));
        }
        String receiptNo = receiptNo(screen.text("cash-status"));
        screen.tap("cash-next");
        screen.awaitShown("receipt-print");
        if (!screen.text("receipt-找零券").endsWith(voucherNo)) {
            throw new JourneyFailed("the receipt names the voucher as \"" + screen.text("receipt-找零券") + "\", not " + voucherNo);
        }
        Set<Path> before = pngs();
        screen.tap("receipt-print");
        screen.awaitText("receipt-heading", text("receipt.heading.printed"));
        Matcher m = VERIFY.matcher(newReceipt(before));
        if (!m.matches() || !m.group(1).equals(receiptNo)) {
            throw new JourneyFailed("the printed receipt's QR code does not name receipt " + receiptNo);
        }
        ledger.done(new Ledger.Done(name, "payment", s.code(), receiptNo, UUID.fromString(m.group(2)), null, amount, 0));
        ledger.cash(new Ledger.CashPaid(name, receiptNo, inserted, over, voucherNo, notes));
        screen.tap("receipt-next");
        rate(name, receiptNo, 5);
        leave();
    }

    /** 2: pays for household members ticked on the screen; the amount is per member. */
    private void household() {
        String name = "household-payment";
        Service s = pick("a payment by phone for the household", payment(Payer.HOUSEHOLD));
        begin(s);
        Form f = form(s, Payer.HOUSEHOLD, 2);
        if (f.members < 2) {
            throw new JourneyFailed("the household list showed " + f.members + " member(s); the journey ticks two");
        }
        long amount = summary(s, f);
        String url = payByPhone(amount);
        String receiptNo = paid();
        ledger.done(new Ledger.Done(name, "payment", s.code(), receiptNo, null, url, amount, f.members));
        screen.tap("pay-next");
        noReceipt();
        rate(name, receiptNo, 5);
        leave();
    }

    /** 3: pays for another person whose ID number is keyed on the keypad. */
    private void forAnother() {
        String name = "pay-for-another-by-keyed-id";
        Service s = pick("a payment by phone for another person", payment(Payer.OTHER).and(
                x -> x.form().stream().anyMatch(f -> f.type() == FieldType.IDNUMBER)));
        begin(s);
        Form f = form(s, Payer.OTHER, 0);
        if (!f.keyedOther) {
            throw new JourneyFailed("no question asked for the other person's ID number");
        }
        long amount = summary(s, f);
        String url = payByPhone(amount);
        String receiptNo = paid();
        ledger.done(new Ledger.Done(name, "payment", s.code(), receiptNo, null, url, amount, 1));
        screen.tap("pay-next");
        noReceipt();
        rate(name, receiptNo, 3);
        leave();
    }

    /** 4: 取消支付 on the QR screen: nothing paid, the evaluation offered, 暂不评价. */
    private void cancel() {
        String name = "cancel-payment";
        Service s = pick("a payment by phone for oneself", payment(Payer.SELF));
        begin(s);
        Form f = form(s, Payer.SELF, 0);
        long amount = summary(s, f);
        String url = codeOnScreen(amount);
        screen.tap("pay-cancel");
        screen.awaitText("pay-heading", text("pay.heading.cancelled"));
        screen.awaitText("pay-status", text("pay.status.cancelled"));
        ledger.unpaid(new Ledger.Unpaid(name, url));
        screen.tap("pay-give-up");
        screen.awaitShown("evaluate");
        screen.tap("evaluate-skip");
        leave();
    }

    /** 5: the code runs out; 重新生成二维码 brings a new order, which the phone pays. */
    private void expiry() {
        String name = "expired-code-new-order";
        Service s = pick("a payment by phone for oneself", payment(Payer.SELF));
        begin(s);
        Form f = form(s, Payer.SELF, 0);
        long amount = summary(s, f);
        String first = codeOnScreen(amount);
        Duration left = timeLeft();
        if (left.compareTo(LONGEST_EXPIRY) > 0) {
            throw new JourneyFailed("the backend's orders live " + left.toSeconds() + " s, longer than the "
                    + LONGEST_EXPIRY.toMinutes() + " minutes this journey waits");
        }
        if (left.compareTo(SAY_WAIT_FROM) > 0) {
            info.accept(name + ": waiting " + left.toSeconds() + " s for the backend's order to run out"
                    + " (./kiosk backend --payment-expiry 20 makes this quicker)");
        }
        screen.awaitShown("pay-again", left.plusSeconds(20));
        screen.awaitText("pay-heading", text("pay.heading.expired"));
        ledger.unpaid(new Ledger.Unpaid(name, first));
        screen.tap("pay-again");
        screen.awaitShown("qr-code");
        String second = screen.readCode("qr-code");
        if (second.equals(first)) {
            throw new JourneyFailed("重新生成二维码 showed the expired order's code again");
        }
        phone.pay(second);
        String receiptNo = paid();
        ledger.done(new Ledger.Done(name, "payment", s.code(), receiptNo, null, second, amount, 0));
        screen.tap("pay-next");
        noReceipt();
        rate(name, receiptNo, 5);
        leave();
    }

    /** 6: the village line goes down while the order is open; the screen says so; the line comes back, the phone pays. */
    private void lineLost() {
        String name = "line-lost-while-paying";
        Service s = pick("a payment by phone for oneself", payment(Payer.SELF));
        begin(s);
        Form f = form(s, Payer.SELF, 0);
        long amount = summary(s, f);
        String url = codeOnScreen(amount);
        line.cut();
        try {
            screen.awaitText("pay-status", text("pay.status.line_down"));
        } finally {
            restoreLine();
        }
        phone.pay(url);
        String receiptNo = paid();
        ledger.done(new Ledger.Done(name, "payment", s.code(), receiptNo, null, url, amount, 0));
        screen.tap("pay-next");
        noReceipt();
        rate(name, receiptNo, 4);
        leave();
    }

    /** 7: the roll runs out as the villager asks for the receipt: it shows on screen with the reason, and the visit ends. */
    private void outOfPaper() {
        String name = "printer-out-of-paper";
        Service s = pick("a payment by phone for oneself", payment(Payer.SELF));
        begin(s);
        Form f = form(s, Payer.SELF, 0);
        long amount = summary(s, f);
        String url = payByPhone(amount);
        String receiptNo = paid();
        ledger.done(new Ledger.Done(name, "payment", s.code(), receiptNo, null, url, amount, 0));
        screen.tap("pay-next");
        screen.awaitShown("receipt-print");
        rig.receiptPrinter().setPaperEnd(true);
        try {
            screen.tap("receipt-print");
            screen.awaitText("receipt-heading", text("receipt.heading.on_screen"));
            String why = screen.text("receipt-problem");
            if (why.equals(text("receipt.printer.down", ""))) {
                throw new JourneyFailed("the receipt is on screen without the printer's reason: " + why);
            }
            if (!receiptNo.equals(screen.text("receipt-凭条号"))) {
                throw new JourneyFailed("the receipt on screen is " + screen.text("receipt-凭条号") + ", paid was " + receiptNo);
            }
            String verify = screen.readCode("receipt-qr");
            if (!verify.startsWith("YZZ-RECEIPT:" + receiptNo + ":")) {
                throw new JourneyFailed("the receipt's QR code on screen says \"" + verify + "\"");
            }
            screen.tap("receipt-next");
        } finally {
            paperBack();
        }
        screen.awaitShown("evaluate");
        screen.tap("evaluate-skip");
        leave();
    }

    /** 8: an application, rated 不满意: a reason must be picked (服务态度) before 提交评价 takes it. */
    private void lowRating() {
        String name = "low-rating-with-reason";
        Service s = pick("an application", application());
        String receiptNo = apply(name, s);
        screen.awaitShown("evaluate");
        screen.tap("evaluate-2");
        screen.tap("evaluate-submit");
        screen.awaitShown("evaluate-missing");
        screen.tap("reason-attitude");
        screen.await("服务态度 chosen", () -> screen.selected("reason-attitude"));
        screen.tap("evaluate-submit");
        ledger.rated(new Ledger.Rated(name, receiptNo, 2, List.of("attitude")));
        leave();
    }

    /** 9: an application, then 暂不评价: nothing is rated, and the visit ends. */
    private void noEvaluation() {
        Service s = pick("an application", application());
        apply("no-evaluation", s);
        screen.awaitShown("evaluate");
        screen.tap("evaluate-skip");
        leave();
    }

    /**
     * 10: a query that prints on A4: its answer read off the screen, 打印, 请取走打印件; the paper (the PDF of the job)
     * has the pages the screen said, each with the table's heading row as the answer laid out anew has it, and a QR code
     * the phone opens to check it.
     */
    private void queryOnA4() {
        String name = "query-shown-printed-on-a4";
        Service s = pick("a query that prints on A4", x -> x.kind() == Kind.QUERY && x.output() == Output.A4);
        begin(s);
        form(s, Payer.SELF, 0);
        QueryAnswer answer = answerOnScreen();
        if (!screen.shown("query-done") || !text("query.done").equals(screen.text("query-done"))) {
            throw new JourneyFailed("a query's answer without 完成 under it");
        }
        printOnA4(name, s, answer);
        screen.awaitShown("evaluate");
        screen.tap("evaluate-skip");
        leave();
    }

    /** 11: a print service: the preview under 打印 and 不打印, then as the query on A4. */
    private void printService() {
        String name = "print-service-on-a4";
        Service s = pick("a print service on A4", x -> x.kind() == Kind.PRINT && x.output() != Output.RECEIPT);
        begin(s);
        form(s, Payer.SELF, 0);
        QueryAnswer answer = answerOnScreen();
        if (!text("query.no-print").equals(screen.textIfShown("query-done"))) {
            throw new JourneyFailed("a print service's preview without 不打印 beside 打印");
        }
        printOnA4(name, s, answer);
        screen.awaitShown("evaluate");
        screen.tap("evaluate-skip");
        leave();
    }

    /**
     * 12: the village line is down: an application the kiosk can take offline is filled in and submitted; the receipt
     * number is given and the application waits in the outbox; the line comes back, the kiosk uploads it, and the
     * county's tracking number (办件编号) is in the outbox, and in {@code kioskctl queue list --json} when the run has it.
     */
    private void offlineApplication() {
        String name = "application-offline-then-synced";
        line.cut();
        try {
            lineChanged(false);
            screen.await("the kiosk to notice the line is down", Duration.ofSeconds(30), () -> !kiosk.onlineProperty().get());
            Service s = pick("an application that works offline", application().and(x -> !x.online()));
            begin(s, false);
            Form f = form(s, Payer.SELF, 0);
            summary(s, f);
            screen.awaitShown("submit-next");
            String receiptNo = receiptNo(screen.text("submit-text"));
            OutboxEntry waiting = Ledger.entry(dataDir, receiptNo);
            if (waiting == null || waiting.state() != OutboxEntry.State.PENDING) {
                throw new JourneyFailed("offline, the application " + receiptNo + " is " + (waiting == null ? "not in the outbox"
                        : waiting.state() + ", not waiting to be sent"));
            }
            screen.tap("submit-next");
            noReceipt();
            rate(name, receiptNo, 5);
            leave();
            String ref = synced(receiptNo);
            ledger.done(new Ledger.Done(name, "application", s.code(), receiptNo, waiting.transaction().id(), null, 0, 0)
                    .with(Map.of(), ref));
        } finally {
            restoreLine();
        }
    }

    /**
     * 13: a 一件事 bundle of two applications that ask a question in common: one identification, its step list
     * (第 1 步 / 共 2 步), the first application, the list again with it done, the second without the question in
     * common, 都办完了. Each step is its own transaction with the shared answer, and both reach the county.
     */
    private void bundle() {
        String name = "one-thing-bundle-two-steps";
        Plan plan = pickBundle();
        Service s = plan.service();
        List<Service> steps = plan.parts().stream().map(Plan::service).toList();
        String shared = shared(steps.get(0), steps.get(1));
        begin(s);
        screen.awaitShown("bundle-go");
        screen.awaitText("bundle-heading", text("bundle.heading", 1, 2));
        bundleItems(steps, "next", "left");
        Map<String, String> given = new LinkedHashMap<>();
        List<String> receiptNos = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            screen.tap("bundle-go");
            Service step = steps.get(k);
            Form f = form(step, Payer.SELF, 0);
            if (k == 0) {
                if (!f.answers.containsKey(shared)) {
                    throw new JourneyFailed("step 1 (" + step.code() + ") did not ask " + shared);
                }
                given.put(shared, f.answers.get(shared));
            } else if (f.answers.containsKey(shared)) {
                throw new JourneyFailed("step 2 (" + step.code() + ") asked " + shared + " again, answered in step 1");
            }
            summary(step, f);
            screen.awaitShown("submit-next");
            String receiptNo = receiptNo(screen.text("submit-text"));
            receiptNos.add(receiptNo);
            ledger.done(new Ledger.Done(name, "application", step.code(), receiptNo, null, null, 0, 0).with(given, null));
            screen.tap("submit-next");
            noReceipt();
            screen.awaitShown("bundle-go");
            if (k == 0) {
                screen.awaitText("bundle-heading", text("bundle.heading", 2, 2));
                bundleItems(steps, "done", "next");
            }
        }
        if (receiptNos.get(0).equals(receiptNos.get(1))) {
            throw new JourneyFailed("both steps were given receipt " + receiptNos.get(0));
        }
        screen.awaitText("bundle-heading", text("bundle.heading.done"));
        bundleItems(steps, "done", "done");
        screen.tap("bundle-go");
        screen.awaitShown("evaluate");
        screen.tap("evaluate-skip");
        leave();
    }

    /**
     * 14: 帮办代办: a village committee staff member holds the title, keys their PIN; the villager consents with their
     * own ID card; the application goes as the villager's with 帮办模式 on every screen and without a second
     * identification; the villager rates it; the mode ends with the visit. The county stores it with
     * {@code data.assistedBy}, the staff number.
     */
    private void assisted() {
        String name = "assisted-visit";
        Service s = pick("an application", application());
        screen.await("the home screen", () -> model(Screen.HOME) && !kiosk.model().session().active());
        if (screen.shown("assist-banner")) {
            throw new JourneyFailed("帮办模式 shown before anyone signed in");
        }
        screen.hold("title", Duration.ofMillis(3300));
        screen.await("the staff's sign-in", () -> model(Screen.STAFF));
        for (char c : STAFF_PIN.toCharArray()) {
            screen.tap("staff-key-" + c);
        }
        screen.await("the villager's consent", Duration.ofSeconds(30), () -> model(Screen.CONSENT) || screen.shown("staff-problem"));
        if (!KioskScreen.fx(() -> model(Screen.CONSENT))) {
            throw new JourneyFailed("the staff PIN was refused: " + screen.text("staff-problem"));
        }
        String staff = Mask.name(CardFixtures.RESIDENT_FINGERPRINT.card().name());
        String banner = text("assist.banner", staff);
        screen.awaitText("assist-banner", banner);
        screen.awaitText("consent-statement", text("consent.statement", staff, STAFF_NO));
        rig.placeCard(CardFixtures.RESIDENT);
        screen.awaitShown("consent-start");
        String villager = Mask.name(CardFixtures.RESIDENT.card().name());
        screen.awaitText("consent-given", text("consent.given", villager, staff));
        screen.tap("consent-start");
        screen.await("home with the villager identified", () -> model(Screen.HOME) && kiosk.model().session().active());
        bannerOn("home", banner);
        openService(s);
        screen.await("the service's first step, without a second identification", () -> model(Screen.SERVICE) && screen.page() != null);
        bannerOn("the first question", banner);
        Form f = form(s, Payer.SELF, 0);
        bannerOn("the summary", banner);
        summary(s, f);
        screen.awaitShown("submit-next");
        String receiptNo = receiptNo(screen.text("submit-text"));
        ledger.done(new Ledger.Done(name, "application", s.code(), receiptNo, null, null, 0, 0).with(Map.of("assistedBy", STAFF_NO), null));
        screen.tap("submit-next");
        noReceipt();
        screen.awaitShown("evaluate");
        screen.awaitText("evaluate-heading", text("evaluate.heading.assisted"));
        bannerOn("the evaluation", banner);
        rate(name, receiptNo, 4);
        screen.await("the end screen", () -> model(Screen.END));
        if (screen.shown("assist-banner")) {
            throw new JourneyFailed("帮办模式 still shown at the end of the visit");
        }
        leave();
        if (screen.shown("assist-banner")) {
            throw new JourneyFailed("帮办模式 still shown for the next villager");
        }
    }

    /**
     * 15: 搜索 from its home tile: Y L B X (养老保险) on the letter keypad, the results counted, turning pages to the
     * easiest application among them; chosen, it goes as from its theme's list: the ID card, the form, 提交.
     */
    private void search() {
        String name = "search-by-initials";
        String letters = "ylbx";
        screen.await("the home screen", () -> model(Screen.HOME) && !kiosk.model().session().active());
        screen.tap("tile-search");
        screen.awaitShown("search-hint");
        for (char c : letters.toCharArray()) {
            screen.tap("letter-" + c);
        }
        screen.awaitText("search-letters", "Y L B X");
        screen.await("what the letters find", () -> screen.shown("search-count") || screen.shown("search-none")
                || screen.shown("search-unavailable"));
        if (!screen.shown("search-count")) {
            throw new JourneyFailed("Y L B X finds nothing: " + screen.text(screen.shown("search-none") ? "search-none" : "search-unavailable"));
        }
        String count = screen.text("search-count");
        Matcher n = Pattern.compile("\\d+").matcher(count);
        if (!n.find() || !count.equals(text("search.found", Integer.parseInt(n.group())))) {
            throw new JourneyFailed("the search says \"" + count + "\"");
        }
        int found = Integer.parseInt(n.group());
        Service chosen = null;
        int seen = 0;
        for (int page = 1; chosen == null; page++) {
            List<Service> shown = screen.shownIds("result-").stream()
                    .map(id -> kiosk.model().catalogue().service(id.substring("result-".length()))
                            .orElseThrow(() -> new JourneyFailed("a result " + id + " the catalogue does not have")))
                    .toList();
            seen += shown.size();
            chosen = shown.stream().filter(s -> s.kind() == Kind.APPLICATION && s.identity().contains(Identity.IDCARD))
                    .min(Comparator.comparingInt(Journeys::effort)).orElse(null);
            if (chosen == null) {
                if (!screen.enabled("search-next") || page > 50) {
                    throw new JourneyFailed("none of the " + found + " services Y L B X finds is an application to do with the ID card");
                }
                String at = screen.text("search-page-label");
                screen.tap("search-next");
                screen.await("the next page of results", () -> !at.equals(screen.textIfShown("search-page-label")));
            }
        }
        if (seen > found) {
            throw new JourneyFailed(seen + " results on screen, the search said it found " + found);
        }
        screen.tap("result-" + chosen.code());
        screen.await("the card reader waiting", () -> kiosk.model().identify().stepProperty().get() == IdentifyModel.Step.WAITING);
        rig.placeCard(CardFixtures.RESIDENT);
        screen.tap("identity-continue");
        screen.await("the service's first step", () -> model(Screen.SERVICE) && screen.page() != null);
        Form f = form(chosen, Payer.SELF, 0);
        summary(chosen, f);
        screen.awaitShown("submit-next");
        String receiptNo = receiptNo(screen.text("submit-text"));
        ledger.done(new Ledger.Done(name, "application", chosen.code(), receiptNo, null, null, 0, 0));
        screen.tap("submit-next");
        noReceipt();
        rate(name, receiptNo, 5);
        leave();
    }

    /**
     * 16: 粤省事码: on the identify screen a code shown too long ago is refused in plain words; the villager's fresh
     * code is resolved by the county to them (name and number masked, 验证方式 粤省事码); the application is theirs.
     */
    private void yssOnline() {
        String name = "yss-code-login-online";
        Service s = pick("an application that takes the 粤省事码", application(), Identity.YSS_CODE);
        screen.await("the home screen", () -> model(Screen.HOME) && !kiosk.model().session().active());
        openService(s);
        screen.await("the identify screen offering the 粤省事码", () -> kiosk.model().identify().stepProperty().get()
                == IdentifyModel.Step.WAITING && screen.shown("method-" + Identity.YSS_CODE.wire()));
        rig.showCode(YssCodes.EXPIRED);
        screen.awaitText("identify-error", text("identify.error.code_unknown"));
        YssCodes.Holder holder = YssCodes.holder(YssCodes.CHEN_ZHIQIANG).orElseThrow();
        rig.showCode(holder.code());
        identified(holder.name(), holder.idNumber(), text("how." + Identity.YSS_CODE.wire()));
        String receiptNo = applyIdentified(s);
        ledger.done(new Ledger.Done(name, "application", s.code(), receiptNo, null, null, 0, 0).by(holder.idNumber()));
        rate(name, receiptNo, 5);
        // Nothing to take away (no card was used, no receipt printed): the end screen may be passed over.
        screen.await("the end screen or home", () -> model(Screen.END) || model(Screen.HOME) && !kiosk.model().session().active());
        if (KioskScreen.fx(() -> model(Screen.END))) {
            screen.tap("end-done");
        }
        screen.await("home, the visit wiped", () -> model(Screen.HOME) && !kiosk.model().session().active());
    }

    /**
     * 17: the line is down: the identify screen does not offer the 粤省事码, and a code shown all the same is refused
     * with 网络不通，现在不能用粤省事码，请改用身份证; the ID card then does it, the application is kept and sent later.
     */
    private void yssOffline() {
        String name = "yss-code-refused-offline";
        line.cut();
        try {
            lineChanged(false);
            screen.await("the kiosk to notice the line is down", Duration.ofSeconds(30), () -> !kiosk.onlineProperty().get());
            Service s = pick("an application that takes the 粤省事码 and works offline", application().and(x -> !x.online()),
                    Identity.YSS_CODE);
            screen.await("the home screen", () -> model(Screen.HOME) && !kiosk.model().session().active());
            openService(s);
            screen.await("the card reader waiting", () -> kiosk.model().identify().stepProperty().get() == IdentifyModel.Step.WAITING);
            if (screen.shown("method-" + Identity.YSS_CODE.wire())) {
                throw new JourneyFailed("offline, the identify screen offers the 粤省事码");
            }
            rig.showCode(YssCodes.CHEN_ZHIQIANG);
            screen.awaitText("identify-error", text("identify.error.code_offline"));
            IdCard card = CardFixtures.RESIDENT.card();
            rig.placeCard(CardFixtures.RESIDENT);
            identified(card.name(), card.idNumber(), null);
            String receiptNo = applyIdentified(s);
            ledger.done(new Ledger.Done(name, "application", s.code(), receiptNo, null, null, 0, 0).by(card.idNumber()));
            screen.awaitShown("evaluate");
            screen.tap("evaluate-skip");
            leave();
        } finally {
            restoreLine();
        }
    }

    /**
     * 18: the social security card in the slot: an expired one is refused in plain words and taken out; the villager's
     * own card is read through the real driver (through pcscd and vpcd where the machine has them), the application is
     * theirs, and the end screen says to take the social security card.
     */
    private void ssCard() {
        String name = "social-security-card-login";
        Service s = pick("an application that takes the social security card", application(), Identity.SSCARD);
        screen.await("the home screen", () -> model(Screen.HOME) && !kiosk.model().session().active());
        openService(s);
        screen.await("the identify screen offering the social security card", () -> kiosk.model().identify().stepProperty().get()
                == IdentifyModel.Step.WAITING && screen.shown("method-" + Identity.SSCARD.wire()));
        try {
            slot.insert(SsCardFixtures.EXPIRED);
            screen.awaitText("identify-error", text("identify.error.sscard_expired"));
            slot.remove();
            SsCard mine = SsCardFixtures.GEN2.expected();
            slot.insert(SsCardFixtures.GEN2);
            identified(mine.name(), mine.idNumber(), text("how." + Identity.SSCARD.wire()));
            String receiptNo = applyIdentified(s);
            ledger.done(new Ledger.Done(name, "application", s.code(), receiptNo, null, null, 0, 0).by(mine.idNumber()));
            rate(name, receiptNo, 4);
            screen.await("the end screen", () -> model(Screen.END));
            screen.awaitText("end-heading", text("end.take.sscard"));
            if (!screen.shown("end-sscard")) {
                throw new JourneyFailed("the end screen shows no social security card to take");
            }
        } finally {
            slot.remove();
        }
        leave();
    }

    // Parts of a visit //

    /**
     * The identify screen shows who was identified, masked (and how, when {@code how} is not null); 继续 to the
     * service's first step.
     */
    private void identified(String fullName, String idNumber, String how) {
        screen.await("identified", Duration.ofSeconds(30), () -> screen.shown("identity-continue") || screen.shown("identity-leave"));
        if (!screen.shown("identity-continue")) {
            throw new JourneyFailed("identified, but cannot continue: " + screen.textIfShown("identity-problems"));
        }
        if (!Mask.name(fullName).equals(screen.text("identity-name")) || !Mask.number(idNumber).equals(screen.text("identity-number"))) {
            throw new JourneyFailed("identified as " + screen.text("identity-name") + " " + screen.text("identity-number")
                    + ", not " + Mask.name(fullName) + " " + Mask.number(idNumber));
        }
        if (how != null && !how.equals(screen.text("identity-type"))) {
            throw new JourneyFailed("identified by \"" + screen.text("identity-type") + "\", not " + how);
        }
        screen.tap("identity-continue");
        screen.await("the service's first step", () -> model(Screen.SERVICE) && screen.page() != null);
    }

    /** The application's form once identified, 提交, the receipt number, 不打印; returns the number. */
    private String applyIdentified(Service s) {
        Form f = form(s, Payer.SELF, 0);
        summary(s, f);
        screen.awaitShown("submit-next");
        String receiptNo = receiptNo(screen.text("submit-text"));
        screen.tap("submit-next");
        noReceipt();
        return receiptNo;
    }

    /** 帮办模式 naming the staff member is on the screen. */
    private void bannerOn(String where, String banner) {
        if (!banner.equals(screen.textIfShown("assist-banner"))) {
            throw new JourneyFailed("on " + where + " the banner says \"" + screen.textIfShown("assist-banner") + "\", not \"" + banner + "\"");
        }
    }

    /** The line came back or went: the sync engine is told as the demo's line switch tells it (off the JavaFX thread). */
    private void lineChanged(boolean up) {
        Thread t = new Thread(() -> kiosk.networkChanged(up), "e2e-line-" + (up ? "back" : "down"));
        t.setDaemon(true);
        t.start();
    }

    /**
     * The line is back: waits until the kiosk has uploaded {@code receiptNo} and the county acknowledged it with its
     * tracking number, which {@code kioskctl queue list --json} shows too; returns it.
     */
    private String synced(String receiptNo) {
        restoreLine();
        OutboxEntry[] e = new OutboxEntry[1];
        screen.poll("the county to acknowledge " + receiptNo + " after the line came back", Duration.ofSeconds(60), () -> {
            e[0] = Ledger.entry(dataDir, receiptNo);
            return e[0] != null && e[0].state() != OutboxEntry.State.PENDING;
        });
        String ref = e[0].backendRef();
        if (e[0].state() != OutboxEntry.State.ACKNOWLEDGED || ref == null || !TRACKING_NO.matcher(ref).matches()) {
            throw new JourneyFailed(receiptNo + " is " + e[0].state() + " in the outbox with the county's reference " + ref
                    + (e[0].lastError() == null ? "" : " (" + e[0].lastError() + ")") + ", not acknowledged with a 办件编号");
        }
        if (kioskctl != null) {
            String id = e[0].transaction().id().toString();
            JsonNode row = null;
            for (JsonNode r : kioskctl.queueList()) {
                if (id.equals(r.path("id").asText())) {
                    row = r;
                }
            }
            if (row == null || !ref.equals(row.path("backendRef").asText(null))) {
                throw new JourneyFailed("kioskctl queue list --json shows " + (row == null ? "no row for " + id
                        : "backendRef " + row.path("backendRef") + " for " + id) + ", the outbox has " + ref);
            }
        }
        return ref;
    }

    /**
     * The county's answer on the screen, every page of it turned (上一页 / 下一页 and 第 k 页，共 n 页 as the table
     * goes), with its title and the county's footer; the verify code is on the paper, not the screen.
     */
    private QueryAnswer answerOnScreen() {
        screen.await("the county's answer", Duration.ofSeconds(30), () -> screen.shown("query-table") || screen.shown("query-retry")
                || screen.shown("query-done"));
        if (!screen.shown("query-table")) {
            throw new JourneyFailed("no answer: " + screen.text("query-heading") + ": " + screen.textIfShown("query-words")
                    + " " + Objects.requireNonNullElse(screen.textIfShown("query-note"), ""));
        }
        String title = screen.text("query-heading");
        String footer = Objects.requireNonNullElse(screen.textIfShown("query-footer"), "");
        List<List<String>> rows = new ArrayList<>();
        boolean paged = screen.shown("query-page");
        int page = 1;
        for (; ; page++) {
            List<List<String>> shown = screen.table("query-head", "query-cell");
            if (shown.size() < 2) {
                throw new JourneyFailed("page " + page + " of the answer shows no rows");
            }
            if (rows.isEmpty()) {
                rows.add(shown.get(0));
            } else if (!rows.get(0).equals(shown.get(0))) {
                throw new JourneyFailed("page " + page + " has the heading " + shown.get(0) + ", page 1 had " + rows.get(0));
            }
            rows.addAll(shown.subList(1, shown.size()));
            if (!paged || !screen.enabled("query-next")) {
                break;
            }
            if (page > 200) {
                throw new JourneyFailed("more than 200 pages: 下一页 goes round in circles");
            }
            String at = screen.text("query-page");
            screen.tap("query-next");
            screen.await("page " + (page + 1) + " of the answer", () -> !at.equals(screen.textIfShown("query-page")));
        }
        if (paged) {
            String last = screen.text("query-page");
            if (!last.equals(text("services.page", page, page))) {
                throw new JourneyFailed("on the last page of " + (rows.size() - 1) + " rows the screen says \"" + last + "\"");
            }
        }
        return new QueryAnswer(title, rows, footer, "");
    }

    /**
     * 打印 under the answer: 正在打印 → 请取走打印件 with the pages; then the paper. Its pages are as many as the screen
     * said and as the answer read off the screen takes on A4 when laid out anew, each with the table's heading row; its
     * QR code opens on the phone. Goes on to the evaluation.
     */
    private void printOnA4(String journey, Service s, QueryAnswer onScreen) {
        int job = tray.jobs();
        screen.tap("query-print");
        screen.awaitShown("printout");
        screen.await("the printout done or failed", Duration.ofSeconds(120),
                () -> screen.shown("printout-next") || screen.shown("printout-retry"));
        if (screen.shown("printout-retry")) {
            throw new JourneyFailed("the A4 printout failed: " + screen.text("printout-text"));
        }
        if (tray.jobs() != job + 1) {
            throw new JourneyFailed((tray.jobs() - job) + " A4 jobs for one 打印");
        }
        int pages = tray.pages(job);
        if (!text("printout.heading.done").equals(screen.text("printout-heading"))
                || !text("printout.done", pages).equals(screen.text("printout-text"))) {
            throw new JourneyFailed("the printer did " + pages + " pages, the screen says \"" + screen.text("printout-heading") + "\" / \""
                    + screen.text("printout-text") + "\"");
        }
        A4Paper paper = A4Paper.read(tray.paper(job));
        if (paper.pageCount() != pages) {
            throw new JourneyFailed(paper.file().getFileName() + " has " + paper.pageCount() + " pages, the printer reported " + pages);
        }
        String verify = paper.qrCode();
        phone.verify(verify);
        A4Pages laidOut;
        try {
            IdCard card = CardFixtures.RESIDENT.card();
            OffsetDateTime now = OffsetDateTime.now();
            laidOut = A4Pages.of(Printouts.a4(new QueryAnswer(onScreen.title(), onScreen.rows(), onScreen.footer(), verify),
                    new Printouts.Stamp(new Person(card.idNumber(), card.name()), now, kioskId,
                            Printouts.reference(kioskId, now, UUID.randomUUID()))));
        } catch (DeviceException e) {
            throw new JourneyFailed("the answer on screen cannot be laid out on A4: " + e.getMessage());
        }
        if (laidOut.getNumberOfPages() != pages) {
            throw new JourneyFailed("the " + (onScreen.rows().size() - 1) + " rows on screen take " + laidOut.getNumberOfPages()
                    + " pages of A4, the paper has " + pages);
        }
        paper.checkHeadings(laidOut);
        ledger.printed(new Ledger.Printed(journey, s.code(), pages, verify));
        screen.tap("printout-next");
    }

    /** The bundle's step list says of its two steps what {@code first} and {@code second} are (done, next, left). */
    private void bundleItems(List<Service> steps, String first, String second) {
        String[] status = {first, second};
        for (int i = 0; i < 2; i++) {
            String n = String.valueOf(i + 1);
            String want = text("bundle.status." + status[i]);
            screen.awaitText("bundle-name-" + n, steps.get(i).name());
            screen.awaitText("bundle-status-" + n, want);
        }
        if (screen.shown("bundle-item-3")) {
            throw new JourneyFailed("a third step on a two-step bundle's list: " + screen.text("bundle-name-3"));
        }
    }

    /** An application's visit up to the evaluation: the form, 提交, the receipt number, 不打印. */
    private String apply(String journey, Service s) {
        begin(s);
        Form f = form(s, Payer.SELF, 0);
        summary(s, f);
        screen.awaitShown("submit-next");
        String receiptNo = receiptNo(screen.text("submit-text"));
        ledger.done(new Ledger.Done(journey, "application", s.code(), receiptNo, null, null, 0, 0));
        screen.tap("submit-next");
        noReceipt();
        return receiptNo;
    }

    /** Home, the service's theme, its button on the list (turning pages), the ID card, 继续. */
    private void begin(Service s) {
        begin(s, true);
    }

    /** As {@link #begin(Service)}, with the kiosk online or (false) offline. */
    private void begin(Service s, boolean online) {
        screen.await("the home screen", () -> model(Screen.HOME) && !kiosk.model().session().active());
        screen.await(s.code() + " offered (" + (online ? "online" : "offline") + ", devices ready)",
                () -> kiosk.onlineProperty().get() == online
                && kiosk.model().catalogue().theme(s.theme()).map(t -> kiosk.model().offerable(t).contains(s)).orElse(false));
        openService(s);
        screen.await("the card reader waiting", () -> kiosk.model().identify().stepProperty().get() == IdentifyModel.Step.WAITING);
        rig.placeCard(CardFixtures.RESIDENT);
        screen.tap("identity-continue");
        screen.await("the service's first step", () -> model(Screen.SERVICE) && screen.page() != null);
    }

    /** The service's theme on the home screen, then its button on the list (turning pages). */
    private void openService(Service s) {
        screen.tap("tile-" + s.theme());
        screen.await("the list of services", () -> model(Screen.SERVICES));
        for (int pages = 0; !screen.shown("service-" + s.code()); pages++) {
            if (pages > 50 || !screen.shown("page-next")) {
                throw new JourneyFailed(s.code() + " is not on its theme's list");
            }
            int page = KioskScreen.fx(() -> kiosk.model().pageProperty().get());
            screen.tap("page-next");
            screen.await("the next page", () -> kiosk.model().pageProperty().get() == page + 1);
        }
        screen.tap("service-" + s.code());
    }

    /** What the form was answered with. */
    private static final class Form {
        final Map<String, String> answers = new LinkedHashMap<>();
        int members;
        boolean keyedOther;
    }

    /** Answers each question on its own screen until the summary: whom for, choices, keyed values, statements, members. */
    private Form form(Service s, Payer payer, int tick) {
        Form f = new Form();
        for (int asked = 0; asked < 40; asked++) {
            screen.await("a question, the summary or the answer", () -> screen.shown("field") || screen.shown("summary")
                    || screen.shown("payer") || screen.shown("query"));
            if (screen.shown("summary") || screen.shown("query")) {
                return f;
            }
            Object page = screen.page();
            if (screen.shown("payer")) {
                screen.tap("payer-" + payer.wire());
            } else {
                String heading = screen.text("field-heading");
                Field q = s.form().stream().filter(x -> x.label().equals(heading) && x.type() != FieldType.IDCARD_FIELD
                        && !f.answers.containsKey(x.id())).findFirst()
                        .orElseThrow(() -> new JourneyFailed("a question \"" + heading + "\" that " + s.code() + "'s form does not have"));
                answer(q, f, tick);
            }
            screen.await("the next step after " + describe(page), () -> screen.page() != page
                    || !blank(screen.textIfShown("field-problem")));
            String problem = screen.textIfShown("field-problem");
            if (screen.page() == page && !blank(problem)) {
                throw new JourneyFailed("the kiosk refused the answer: " + problem);
            }
        }
        throw new JourneyFailed("more than 40 questions: the form goes round in circles");
    }

    private static String describe(Object page) {
        return page == null ? "nothing" : "the question";
    }

    private void answer(Field q, Form f, int tick) {
        switch (q.type()) {
            case CHOICE -> {
                screen.tap("choice-0");
                f.answers.put(q.id(), q.options().get(0));
            }
            case CONFIRM -> {
                screen.tap("field-confirm");
                f.answers.put(q.id(), "true");
            }
            case HOUSEHOLD -> {
                screen.await("the household's members", () -> screen.shown("member-0")
                        || !blank(screen.textIfShown("household-status")) && !screen.shown("member-0")
                        && !text("household.loading").equals(screen.textIfShown("household-status")));
                if (!screen.shown("member-0")) {
                    throw new JourneyFailed("no household: " + screen.text("household-status"));
                }
                int n = 0;
                while (screen.shown("member-" + n)) {
                    n++;
                }
                int k = Math.min(tick, n);
                for (int i = 0; i < k; i++) {
                    String id = "member-" + i;
                    screen.tap(id);
                    screen.await(id + " ticked", () -> screen.selected(id));
                }
                f.members = k;
                f.answers.put(q.id(), Integer.toString(k));
                screen.tap("field-ok");
            }
            default -> {
                String value = switch (q.type()) {
                    case PHONE -> PHONE_NUMBER;
                    case IDNUMBER -> OTHER_PERSON;
                    case NUMBER -> number(q);
                    case DATE -> date(q);
                    default -> throw new JourneyFailed("a question of type " + q.type().wire() + " the journeys cannot answer");
                };
                screen.tap("key-clear");
                for (char c : value.toCharArray()) {
                    screen.tap("key-" + (c == 'X' ? "x" : String.valueOf(c)));
                }
                String shown = screen.text("field-keyed").replace(" ", "").replace("-", "");
                if (!shown.equals(value)) {
                    throw new JourneyFailed("keyed " + value + ", the screen shows " + screen.text("field-keyed"));
                }
                if (q.type() == FieldType.IDNUMBER) {
                    f.keyedOther = true;
                    String grouped = value.substring(0, 6) + " " + value.substring(6, 14) + " " + value.substring(14);
                    if (!grouped.equals(screen.text("field-keyed"))) {
                        throw new JourneyFailed("the ID number shows as " + screen.text("field-keyed") + ", not " + grouped);
                    }
                }
                screen.tap("field-ok");
                f.answers.put(q.id(), value);
            }
        }
    }

    /** A number the field takes: its minimum, or one with its digits, within its maximum. */
    private static String number(Field q) {
        String v = q.min() != null ? q.min() : q.digits() != null ? "1" + "0".repeat(Math.max(0, q.digits() - 1)) : "100";
        if (q.max() != null && new java.math.BigDecimal(v).compareTo(new java.math.BigDecimal(q.max())) > 0) {
            v = q.max();
        }
        return v;
    }

    /** A date the field takes (keyed yyyyMMdd): tomorrow within its bounds. */
    private static String date(Field q) {
        LocalDate d = LocalDate.now().plusDays(1);
        if (q.min() != null && d.isBefore(LocalDate.parse(q.min()))) {
            d = LocalDate.parse(q.min());
        }
        if (q.max() != null && d.isAfter(LocalDate.parse(q.max()))) {
            d = LocalDate.parse(q.max());
        }
        return d.format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    /** Whether the kiosk offers {@code s} with cash now (its note acceptor up, the desk recovered, the box not near full). */
    private boolean cashHere(Service s) {
        Offer.Result r = Offer.plan(s, kiosk.model().abilitiesProperty().get());
        return r.offered() && r.plan().methods().contains(PayMethod.CASH);
    }

    /** The summary: the amount it shows is the one the answers make (per person where the catalogue says so); 确认. */
    private long summary(Service s, Form f) {
        return summary(s, f, "summary-confirm");
    }

    /** As {@link #summary(Service, Form)}, confirming with {@code button} (扫码支付 is summary-confirm, 现金支付 summary-cash). */
    private long summary(Service s, Form f, String button) {
        screen.awaitShown("summary");
        long amount = 0;
        if (s.kind() == Kind.PAYMENT) {
            amount = amount(s, f);
            String shown = screen.text("summary-amount");
            if (!shown.equals(text("summary.amount", Money.text(amount)))) {
                throw new JourneyFailed("the summary says \"" + shown + "\"; the answers make " + Money.text(amount) + " 元"
                        + (s.amount().perPerson() ? " (" + Math.max(1, f.members) + " × " + Money.text(amount / Math.max(1, f.members)) + ")" : ""));
            }
        }
        screen.tap(button);
        return amount;
    }

    private static long amount(Service s, Form f) {
        Amount a = s.amount();
        long each = a instanceof Amount.Fixed fixed ? fixed.fen()
                : Long.parseLong(f.answers.get(((Amount.From) a).field())) * ((Amount.From) a).multiplier();
        return a.perPerson() ? each * Math.max(1, f.members) : each;
    }

    /** The QR code of a new order, with the amount beside it: what the phone would scan. */
    private String codeOnScreen(long amount) {
        screen.awaitShown("qr-code");
        String shown = screen.text("pay-amount");
        if (!shown.equals(text("pay.amount", Money.text(amount)))) {
            throw new JourneyFailed("the pay screen says \"" + shown + "\", the summary said " + Money.text(amount) + " 元");
        }
        return screen.readCode("qr-code");
    }

    /** The phone reads the code on the screen and pays it. */
    private String payByPhone(long amount) {
        String url = codeOnScreen(amount);
        phone.pay(url);
        return url;
    }

    /** Waits for 缴费成功 and returns the receipt number the screen gives. */
    private String paid() {
        screen.awaitText("pay-heading", text("pay.heading.paid"));
        screen.awaitShown("pay-next");
        return receiptNo(screen.text("pay-receipt-no"));
    }

    private static String receiptNo(String shown) {
        Matcher m = RECEIPT_NO.matcher(shown);
        if (!m.find()) {
            throw new JourneyFailed("no receipt number in \"" + shown.replace("\n", " ") + "\"");
        }
        return m.group(1);
    }

    /** The countdown beside the code, as the villager reads it. */
    private Duration timeLeft() {
        Matcher m = Pattern.compile("(\\d+)\\D+(\\d+)").matcher(screen.text("pay-left"));
        if (!m.find()) {
            throw new JourneyFailed("no time left on the screen: " + screen.text("pay-left"));
        }
        return Duration.ofMinutes(Long.parseLong(m.group(1))).plusSeconds(Long.parseLong(m.group(2)));
    }

    /** Rates the visit {@code level} (3 to 5: no reason needed) and submits. */
    private void rate(String journey, String receiptNo, int level) {
        screen.awaitShown("evaluate");
        screen.tap("evaluate-" + level);
        screen.await("level " + level + " chosen", () -> screen.selected("evaluate-" + level));
        screen.tap("evaluate-submit");
        ledger.rated(new Ledger.Rated(journey, receiptNo, level, List.of()));
    }

    /** 不打印; or, when the printer cannot print just now, 下一步 under the receipt on screen. */
    private void noReceipt() {
        screen.await("是否打印 or the receipt on screen", () -> screen.shown("receipt-skip") || screen.shown("receipt-next"));
        screen.tap(screen.shown("receipt-skip") ? "receipt-skip" : "receipt-next");
    }

    /** A new roll in the printer; waits until the kiosk sees it print again. */
    private void paperBack() {
        rig.receiptPrinter().setPaperEnd(false);
        screen.await("the receipt printer ready again", () -> kiosk.device(DeviceKind.RECEIPT_PRINTER)
                .map(d -> d.state() == DeviceState.IDLE).orElse(true));
    }

    /** The end screen: the card taken away, 完成, and the kiosk is at home for the next villager. */
    private void leave() {
        screen.await("the end screen", () -> model(Screen.END));
        rig.removeCard();
        screen.tap("end-done");
        screen.await("home, the visit wiped", () -> model(Screen.HOME) && !kiosk.model().session().active());
    }

    /** After a journey that failed: the line and the paper back, an open order cancelled, the visit ended, home. */
    void recover() {
        restoreLine();
        paperBack();
        try {
            if (screen.shown("pay-cancel")) {
                screen.tap("pay-cancel");
                screen.await("the order cancelled", () -> screen.shown("pay-give-up") || !screen.shown("pay"));
            }
        } catch (JourneyFailed e) {
            // ended below in any case
        }
        KioskScreen.fx(() -> {
            kiosk.model().end();
            kiosk.model().dismissEnd();
            return null;
        });
        rig.removeCard();
        screen.await("home after a failed journey", () -> model(Screen.HOME));
    }

    private void restoreLine() {
        if (line == null || line.up()) {
            return;
        }
        try {
            line.restore();
        } catch (IOException e) {
            throw new JourneyFailed("the line could not be restored: " + e.getMessage());
        }
        lineChanged(true);
    }

    // Picking services from the county's catalogue //

    private static Predicate<Service> payment(Payer payer) {
        return s -> s.kind() == Kind.PAYMENT && s.payers().contains(payer) && s.pay().contains(PayMethod.QR);
    }

    private static Predicate<Service> application() {
        return s -> s.kind() == Kind.APPLICATION;
    }

    /**
     * A 一件事 bundle the kiosk offers now whose two steps can both be done here, both applications, that ask a question
     * in common; the first in the catalogue.
     */
    private Plan pickBundle() {
        Plan[] found = new Plan[1];
        screen.await("the catalogue to offer a two-step 一件事 of applications with a question in common", () -> {
            Abilities a = kiosk.model().abilitiesProperty().get();
            Catalog c = kiosk.model().catalogue();
            found[0] = c.services().stream().filter(Service::isBundle).filter(s -> s.identity().contains(Identity.IDCARD))
                    .map(s -> Offer.plan(s, a, c::service)).filter(Offer.Result::offered).map(Offer.Result::plan)
                    .filter(p -> p.parts().size() == 2 && p.unavailable().isEmpty()
                            && p.parts().stream().allMatch(x -> x.service().kind() == Kind.APPLICATION)
                            && shared(p.parts().get(0).service(), p.parts().get(1).service()) != null)
                    .findFirst().orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    /** A question both ask that is answered once in a bundle (not a confirmation, nor read off the card), or null. */
    private static String shared(Service first, Service second) {
        return first.form().stream().filter(f -> f.type() != FieldType.CONFIRM && f.type() != FieldType.IDCARD_FIELD
                        && f.type() != FieldType.HOUSEHOLD)
                .filter(f -> second.field(f.id()).map(g -> g.type() == f.type()).orElse(false))
                .map(Field::id).findFirst().orElse(null);
    }

    /**
     * The easiest service for {@code what} among those the kiosk offers now to a villager with an ID card:
     * fewest questions, keyed numbers and dates counting more; catalogue order among equals.
     */
    private Service pick(String what, Predicate<Service> kind) {
        return pick(what, kind, Identity.IDCARD);
    }

    /** As {@link #pick(String, Predicate)}, for a villager who identifies {@code by}. */
    private Service pick(String what, Predicate<Service> kind, Identity by) {
        Service[] found = new Service[1];
        screen.await("the catalogue to offer " + what, () -> {
            Abilities a = kiosk.model().abilitiesProperty().get();
            found[0] = kiosk.model().catalogue().services().stream()
                    .filter(s -> s.identity().contains(by))
                    .filter(kind)
                    .filter(s -> Offer.offered(s, a))
                    .min(Comparator.comparingInt(Journeys::effort)).orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    private static int effort(Service s) {
        return s.form().stream().mapToInt(f -> switch (f.type()) {
            case IDCARD_FIELD -> 0;
            case CHOICE, CONFIRM, HOUSEHOLD, IDNUMBER, PHONE -> 1;
            case NUMBER, DATE -> 10;
        }).sum();
    }

    // Reading //

    private boolean model(Screen s) {
        return kiosk.model().screenProperty().get() == s && kiosk.shell().coverProperty().get() == Cover.NONE;
    }

    /** The kiosk's words for {@code key} in the language on screen. */
    private String text(String key, Object... args) {
        return KioskScreen.fx(() -> kiosk.shell().texts().get(key, args));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private Set<Path> pngs() {
        try (Stream<Path> files = Files.list(receipts)) {
            return new HashSet<>(files.filter(p -> p.toString().endsWith(".png")).toList());
        } catch (IOException e) {
            return new HashSet<>();
        }
    }

    /** The newest receipt the printer cut since {@code before}, read as a phone reads its QR code. */
    private String newReceipt(Set<Path> before) {
        String[] text = new String[1];
        screen.poll("a new receipt PNG in " + receipts, Duration.ofSeconds(30), () -> {
            Path newest = pngs().stream().filter(p -> !before.contains(p))
                    .max(Comparator.comparingLong(p -> p.toFile().lastModified())).orElse(null);
            if (newest == null) {
                return false;
            }
            BufferedImage image;
            try {
                image = ImageIO.read(newest.toFile());
            } catch (IOException stillBeingWritten) {
                return false;
            }
            if (image == null) {
                return false; // still being written
            }
            text[0] = KioskScreen.decode(image);
            return text[0] != null;
        });
        return text[0];
    }
}
