package cn.yzz.kiosk.demo.e2e;

import cn.yzz.kiosk.backend.DevBackend;
import cn.yzz.kiosk.backend.StoredTransaction;
import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.OutboxEntry;
import cn.yzz.kiosk.cache.QueueStatus;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.StoreException;
import cn.yzz.kiosk.device.Mask;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What the journeys did that the county must now hold, as the villager saw it on the screen and on paper:
 * the payments and applications (by the receipt number shown), the order each payment's phone paid, the
 * orders that must stay unpaid, and the evaluations. Checked at the end against the kiosk's outbox (all
 * acknowledged) and, when the backend runs in-process, against what the backend stored.
 */
final class Ledger {

    /**
     * A payment or an application the screen said was done.
     *
     * @param id       the transaction id when the villager saw it (a printed receipt's QR code), else null
     * @param payUrl   the code the phone paid (payments), else null
     * @param members  people paid for in {@code data.members} (0: for oneself)
     */
    record Done(String journey, String type, String serviceCode, String receiptNo, UUID id, String payUrl, long amountFen,
                int members, Map<String, String> data, String backendRef, String personId) {

        Done(String journey, String type, String serviceCode, String receiptNo, UUID id, String payUrl, long amountFen, int members) {
            this(journey, type, serviceCode, receiptNo, id, payUrl, amountFen, members, Map.of(), null, null);
        }

        /** The same, and the county must hold {@code data} among its answers and have given it {@code backendRef} (when not null). */
        Done with(Map<String, String> data, String backendRef) {
            return new Done(journey, type, serviceCode, receiptNo, id, payUrl, amountFen, members, Map.copyOf(data), backendRef, personId);
        }

        /** The same, done for the person with ID number {@code idNumber} (as identified, by card or code). */
        Done by(String idNumber) {
            return new Done(journey, type, serviceCode, receiptNo, id, payUrl, amountFen, members, data, backendRef, idNumber);
        }
    }

    /** A printout the villager took: its service, the pages the paper has, and the verify code its QR code carries. */
    record Printed(String journey, String serviceCode, int pages, String verifyCode) {}

    /** An evaluation the villager submitted for {@code ratedReceiptNo}. */
    record Rated(String journey, String ratedReceiptNo, int level, List<String> reasons) {}

    /** A payment in cash, as the screen and the voucher slip said: what went in, in which notes, and the voucher. */
    record CashPaid(String journey, String receiptNo, long insertedFen, long voucherFen, String voucherNo, List<Long> notes) {}

    /** An order whose code was shown and that must not have been paid (cancelled, expired). */
    record Unpaid(String journey, String payUrl) {}

    private final List<Done> done = new ArrayList<>();
    private final List<Rated> rated = new ArrayList<>();
    private final List<Unpaid> unpaid = new ArrayList<>();
    private final List<Printed> printed = new ArrayList<>();
    private final List<CashPaid> cash = new ArrayList<>();

    synchronized void cash(CashPaid c) {
        cash.add(c);
    }

    synchronized void done(Done d) {
        done.add(d);
    }

    synchronized void rated(Rated r) {
        rated.add(r);
    }

    synchronized void unpaid(Unpaid u) {
        unpaid.add(u);
    }

    synchronized void printed(Printed p) {
        printed.add(p);
    }

    synchronized int expected() {
        return done.size() + rated.size() + printed.size();
    }

    /**
     * The kiosk's outbox entry with receipt {@code receiptNo}, read as {@code kioskctl queue} reads it on a running kiosk;
     * null when there is none yet.
     */
    static OutboxEntry entry(Path dataDir, String receiptNo) {
        try (KioskStore store = KioskStore.open(dataDir, Settings.defaults())) {
            return store.outbox().list(10_000).stream().filter(e -> receiptNo.equals(e.transaction().receiptNo())).findFirst().orElse(null);
        } catch (StoreException e) {
            throw new JourneyFailed("cannot read the kiosk's outbox: " + e.getMessage());
        }
    }

    /**
     * Waits until the kiosk's outbox holds nothing pending (everything acknowledged by the backend), then checks
     * that it holds exactly what the journeys did, each once, all acknowledged. Returns a line for the report.
     */
    synchronized String checkOutbox(Path dataDir, Duration limit) {
        List<OutboxEntry> entries;
        try (KioskStore store = KioskStore.open(dataDir, Settings.defaults())) { // as kioskctl queue status does on a running kiosk
            long deadline = System.nanoTime() + limit.toNanos();
            // An evaluation is queued just after the villager leaves it: wait for all of them, then for the uploads.
            QueueStatus s = store.outbox().status(Instant.now());
            while (s.pending() > 0 || total(s) < expected()) {
                if (System.nanoTime() > deadline) {
                    throw new JourneyFailed("after " + limit.toSeconds() + " s the outbox holds " + total(s) + " of the journeys' "
                            + expected() + " transactions, " + s.pending() + " of them pending");
                }
                KioskScreen.sleep(200);
                s = store.outbox().status(Instant.now());
            }
            entries = store.outbox().list(10_000);
            if (s.blocked() > 0 || s.rejected() > 0) {
                throw new JourneyFailed("the outbox has " + s.blocked() + " blocked and " + s.rejected() + " rejected: "
                        + entries.stream().filter(e -> e.state() != OutboxEntry.State.ACKNOWLEDGED)
                        .map(e -> e.transaction().type() + " " + e.transaction().serviceCode() + " " + e.state() + " (" + e.lastError() + ")")
                        .toList());
            }
        } catch (StoreException e) {
            throw new JourneyFailed("cannot read the kiosk's outbox: " + e.getMessage());
        }
        for (OutboxEntry e : entries) {
            if (e.state() != OutboxEntry.State.ACKNOWLEDGED) {
                throw new JourneyFailed("outbox entry " + e.transaction().id() + " is " + e.state());
            }
        }
        for (Done d : done) {
            List<OutboxEntry> found = entries.stream().filter(e -> d.receiptNo().equals(e.transaction().receiptNo())).toList();
            if (found.size() != 1) {
                throw new JourneyFailed(d.journey() + ": " + found.size() + " outbox entries with receipt " + d.receiptNo());
            }
            var t = found.get(0).transaction();
            if (!t.type().equals(d.type()) || d.id() != null && !t.id().equals(d.id())
                    || d.amountFen() > 0 && !Objects.equals(t.amountFen(), d.amountFen())) {
                throw new JourneyFailed(d.journey() + ": receipt " + d.receiptNo() + " is " + t.type() + " " + t.id() + " of "
                        + t.amountFen() + " fen in the outbox, the screen said " + d.type() + " " + d.id() + " of " + d.amountFen());
            }
            if (d.backendRef() != null && !d.backendRef().equals(found.get(0).backendRef())) {
                throw new JourneyFailed(d.journey() + ": receipt " + d.receiptNo() + " has the county's reference "
                        + found.get(0).backendRef() + " in the outbox, " + d.backendRef() + " during the journey");
            }
        }
        for (Printed p : printed) {
            List<OutboxEntry> found = entries.stream().filter(e -> "print".equals(e.transaction().type())
                    && p.serviceCode().equals(e.transaction().serviceCode())
                    && p.verifyCode().equals(e.transaction().data().get("verifyCode"))).toList();
            if (found.size() != 1) {
                throw new JourneyFailed(p.journey() + ": " + found.size() + " print transactions of " + p.serviceCode()
                        + " with the printout's verify code in the outbox");
            }
            Object pages = found.get(0).transaction().data().get("pages");
            if (!(pages instanceof Number n) || n.intValue() != p.pages()) {
                throw new JourneyFailed(p.journey() + ": the print transaction says " + pages + " pages, the paper has " + p.pages());
            }
        }
        for (Rated r : rated) {
            UUID ratedId = entries.stream().filter(e -> r.ratedReceiptNo().equals(e.transaction().receiptNo())).findFirst()
                    .orElseThrow().transaction().id();
            long n = entries.stream().filter(e -> "evaluation".equals(e.transaction().type())
                    && ratedId.toString().equals(e.transaction().data().get("ratedTransactionId"))
                    && e.transaction().data().get("level") instanceof Number l && l.intValue() == r.level()).count();
            if (n != 1) {
                throw new JourneyFailed(r.journey() + ": " + n + " evaluations of level " + r.level() + " for " + r.ratedReceiptNo()
                        + " in the outbox");
            }
        }
        if (entries.size() != expected()) {
            throw new JourneyFailed("the outbox holds " + entries.size() + " transactions, the journeys made " + expected());
        }
        return "outbox: " + entries.size() + " transactions (" + done.size() + " payments and applications, " + printed.size()
                + " printouts, " + rated.size() + " evaluations), each once, all acknowledged by the backend";
    }

    private static long total(QueueStatus s) {
        return s.pending() + s.blocked() + s.rejected() + s.acknowledged();
    }

    /** Against the in-process dev-backend's own store: each transaction stored exactly once, as the screen said. */
    synchronized String checkBackend(DevBackend backend, String kioskId) {
        List<StoredTransaction> stored = backend.storedTransactions().stream().filter(t -> kioskId.equals(t.kioskId())).toList();
        Map<String, StoredTransaction> byReceipt = new java.util.HashMap<>();
        for (StoredTransaction t : stored) {
            if (backend.storedCount(t.id()) != 1) {
                throw new JourneyFailed("the backend stored " + t.id() + " " + backend.storedCount(t.id()) + " times");
            }
            JsonNode no = t.json().get("receiptNo");
            if (no != null && no.isTextual() && byReceipt.put(no.asText(), t) != null) {
                throw new JourneyFailed("the backend holds two transactions with receipt " + no.asText());
            }
        }
        for (Done d : done) {
            StoredTransaction t = byReceipt.get(d.receiptNo());
            if (t == null) {
                throw new JourneyFailed(d.journey() + ": the backend has no transaction with receipt " + d.receiptNo());
            }
            if (!t.type().equals(d.type()) || !t.serviceCode().equals(d.serviceCode()) || d.id() != null && !t.id().equals(d.id().toString())) {
                throw new JourneyFailed(d.journey() + ": receipt " + d.receiptNo() + " is stored as " + t.type() + " " + t.serviceCode()
                        + " " + t.id());
            }
            if ("payment".equals(d.type())) {
                if (d.payUrl() == null ? !"cash".equals(t.method()) || t.orderId() != null
                        : !"qr".equals(t.method()) || t.orderId() == null || !d.payUrl().endsWith("/" + t.orderId())) {
                    throw new JourneyFailed(d.journey() + ": payment " + d.receiptNo() + " is stored with method " + t.method()
                            + " and order " + t.orderId() + ", " + (d.payUrl() == null ? "paid in cash" : "the phone paid " + d.payUrl()));
                }
                JsonNode amount = t.json().get("amountFen");
                if (amount == null || amount.asLong() != d.amountFen()) {
                    throw new JourneyFailed(d.journey() + ": payment " + d.receiptNo() + " is stored as " + amount + " fen, the screen said "
                            + d.amountFen());
                }
                JsonNode members = t.data().get("members");
                int n = members == null ? 0 : members.size();
                if (n != d.members()) {
                    throw new JourneyFailed(d.journey() + ": payment " + d.receiptNo() + " is stored for " + n + " members, "
                            + d.members() + " were chosen");
                }
            }
            for (Map.Entry<String, String> a : d.data().entrySet()) {
                if (!a.getValue().equals(t.data().path(a.getKey()).asText(null))) {
                    throw new JourneyFailed(d.journey() + ": receipt " + d.receiptNo() + " is stored with " + a.getKey() + " = "
                            + t.data().path(a.getKey()) + ", the villager gave " + a.getValue());
                }
            }
            String person = t.json().path("person").path("idNumber").asText(null);
            if (d.personId() != null && !d.personId().equals(person)) {
                throw new JourneyFailed(d.journey() + ": receipt " + d.receiptNo() + " is stored for " + Mask.number(person)
                        + ", the villager identified as " + Mask.number(d.personId()));
            }
            if (d.backendRef() != null && !d.backendRef().equals(t.backendRef())) {
                throw new JourneyFailed(d.journey() + ": receipt " + d.receiptNo() + " is stored with reference " + t.backendRef()
                        + ", the kiosk was given " + d.backendRef());
            }
        }
        for (CashPaid c : cash) {
            JsonNode stored1 = byReceipt.get(c.receiptNo()).json().path("cash");
            java.util.SortedMap<String, Integer> notes = new java.util.TreeMap<>();
            c.notes().forEach(n -> notes.merge(Long.toString(n), 1, Integer::sum));
            java.util.SortedMap<String, Integer> storedNotes = new java.util.TreeMap<>();
            stored1.path("notes").fields().forEachRemaining(e -> storedNotes.put(e.getKey(), e.getValue().asInt()));
            if (stored1.path("insertedFen").asLong(-1) != c.insertedFen() || stored1.path("voucherFen").asLong(-1) != c.voucherFen()
                    || !c.voucherNo().equals(stored1.path("voucherNo").asText()) || !notes.equals(storedNotes)) {
                throw new JourneyFailed(c.journey() + ": receipt " + c.receiptNo() + " is stored with cash " + stored1 + "; "
                        + c.insertedFen() + " fen went in as " + notes + " and the voucher slip says " + c.voucherNo() + " for "
                        + c.voucherFen() + " fen");
            }
        }
        for (Printed p : printed) {
            List<StoredTransaction> found = stored.stream().filter(t -> "print".equals(t.type()) && p.serviceCode().equals(t.serviceCode())
                    && p.verifyCode().equals(t.data().path("verifyCode").asText())).toList();
            if (found.size() != 1 || found.get(0).data().path("pages").asInt() != p.pages()) {
                throw new JourneyFailed(p.journey() + ": the backend holds " + found.size() + " print transactions of " + p.serviceCode()
                        + " with the printout's verify code" + (found.size() == 1 ? ", of " + found.get(0).data().path("pages")
                        + " pages, the paper has " + p.pages() : ""));
            }
        }
        for (Rated r : rated) {
            String ratedId = byReceipt.get(r.ratedReceiptNo()).id();
            List<StoredTransaction> evaluations = stored.stream().filter(t -> "evaluation".equals(t.type())
                    && ratedId.equals(t.data().path("ratedTransactionId").asText())).toList();
            if (evaluations.size() != 1) {
                throw new JourneyFailed(r.journey() + ": the backend holds " + evaluations.size() + " evaluations of " + r.ratedReceiptNo());
            }
            JsonNode data = evaluations.get(0).data();
            List<String> reasons = new ArrayList<>();
            data.path("reasons").forEach(n -> reasons.add(n.asText()));
            if (data.path("level").asInt() != r.level() || !reasons.equals(r.reasons())) {
                throw new JourneyFailed(r.journey() + ": the evaluation is stored as level " + data.path("level") + " " + reasons
                        + ", the villager gave " + r.level() + " " + r.reasons());
            }
        }
        for (Unpaid u : unpaid) {
            if (stored.stream().anyMatch(t -> t.orderId() != null && u.payUrl().endsWith("/" + t.orderId()))) {
                throw new JourneyFailed(u.journey() + ": the order of " + u.payUrl() + " was stored as paid");
            }
        }
        if (stored.size() != expected()) {
            throw new JourneyFailed("the backend holds " + stored.size() + " transactions of this kiosk, the journeys made " + expected());
        }
        return "dev-backend store: " + stored.size() + " transactions, each stored exactly once (id, type, method, order, "
                + (cash.isEmpty() ? "" : "cash and voucher, ") + "data as on screen"
                + " and paper, references as the kiosk was given); "
                + unpaid.size() + " cancelled or expired orders unpaid";
    }
}
