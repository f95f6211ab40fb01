package cn.yzz.kiosk.cashin;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a cash desk takes and how long it waits. Every figure is configurable per kiosk; the defaults and why:
 *
 * <ul>
 *   <li>{@code acceptedFen} ¥10, ¥20, ¥50, ¥100 (of those the unit has): county fees are whole tens of yuan, and
 *       ¥1/¥5 notes are the most worn (more rejects at the bezel) and fill the box fastest (600 ¥1 notes are ¥600).
 *       A village where people do pay in small notes adds 100 and 500.</li>
 *   <li>{@code capacityNotes} 600 and {@code nearFullPercent} 90: an NV9 USB's standard cash box holds about 600
 *       notes; at 540 cash leaves the service lists, so the box is emptied before the unit reports STACKER FULL in
 *       the middle of somebody's payment, with room left for the payments already under way.</li>
 *   <li>{@code maxVoucherFen} ¥99.99, i.e. any note that is still needed is taken: elderly villagers often carry
 *       only the ¥100 notes their pension came in, and refusing the one note they have means a second trip. The
 *       voucher is redeemed at the village committee the kiosk stands in. A committee short of change sets it
 *       lower (¥20 or ¥50): a note that would overpay by more is then inhibited.</li>
 *   <li>{@code inactivity} 120 s without a note: long enough for an old hand to find a second note in a purse and
 *       smooth it; the payment then ends as timed out, with a voucher for anything credited.</li>
 *   <li>{@code recoveryWindow} 5 s: how long after the link is up (and after the last power-up event) the
 *       reconciliation listens for the unit's NOTE CLEARED events. ITL's flows report them in the poll after
 *       SLAVE RESET; the driver polls at least once a second, and clearing a note out of the path is one note
 *       cycle (2–4 s), so 5 s is a whole note cycle plus a poll at the slowest rate. It is the longest wait: a
 *       driver that counts its polls ({@code PollCount}) ends it after four polls answered with nothing new.</li>
 *   <li>{@code linkWait} 15 s: how long the reconciliation waits for the unit to answer at all (SYNC, set-up)
 *       before giving up and leaving the open payments for a later try.</li>
 * </ul>
 */
public record CashPolicy(Set<Long> acceptedFen, int capacityNotes, int nearFullPercent, long maxVoucherFen,
                         Duration inactivity, Duration recoveryWindow, Duration linkWait) {

    public static final Set<Long> DEFAULT_ACCEPTED = Set.of(1_000L, 2_000L, 5_000L, 10_000L);

    public CashPolicy {
        acceptedFen = Set.copyOf(new TreeSet<>(Objects.requireNonNull(acceptedFen, "acceptedFen")));
        if (acceptedFen.isEmpty() || acceptedFen.stream().anyMatch(v -> v <= 0)) {
            throw new IllegalArgumentException("acceptedFen must be positive note values: " + acceptedFen);
        }
        if (capacityNotes < 1) {
            throw new IllegalArgumentException("capacityNotes must be at least 1: " + capacityNotes);
        }
        if (nearFullPercent < 1 || nearFullPercent > 100) {
            throw new IllegalArgumentException("nearFullPercent must be 1..100: " + nearFullPercent);
        }
        if (maxVoucherFen < 0) {
            throw new IllegalArgumentException("maxVoucherFen is negative: " + maxVoucherFen);
        }
        for (Duration d : new Duration[] {inactivity, recoveryWindow, linkWait}) {
            if (Objects.requireNonNull(d, "duration").isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive: " + d);
            }
        }
    }

    public static CashPolicy defaults() {
        return new CashPolicy(DEFAULT_ACCEPTED, 600, 90, 9_999, Duration.ofSeconds(120), Duration.ofSeconds(5),
                Duration.ofSeconds(15));
    }

    /**
     * The policy a kiosk's configuration sets on its cash acceptor (options {@code notes}, {@code capacity},
     * {@code near-full}, {@code max-voucher-fen}; the profile fills in defaults), the timings as {@link #defaults()}.
     */
    public static CashPolicy from(cn.yzz.kiosk.device.profile.DeviceSpec spec) {
        Set<Long> notes = new java.util.TreeSet<>();
        for (String v : spec.textOption("notes").split(",")) {
            notes.add(Long.parseLong(v.strip()));
        }
        return defaults().withAccepted(Set.copyOf(notes))
                .withCapacity(spec.intOption("capacity"), spec.intOption("near-full"))
                .withMaxVoucher(spec.intOption("max-voucher-fen"));
    }

    /** The note count at which cash leaves the service lists. */
    public int nearFullNotes() {
        return (int) Math.ceil(capacityNotes * nearFullPercent / 100.0);
    }

    public CashPolicy withAccepted(Set<Long> values) {
        return new CashPolicy(values, capacityNotes, nearFullPercent, maxVoucherFen, inactivity, recoveryWindow, linkWait);
    }

    public CashPolicy withCapacity(int notes, int percent) {
        return new CashPolicy(acceptedFen, notes, percent, maxVoucherFen, inactivity, recoveryWindow, linkWait);
    }

    public CashPolicy withMaxVoucher(long fen) {
        return new CashPolicy(acceptedFen, capacityNotes, nearFullPercent, fen, inactivity, recoveryWindow, linkWait);
    }

    public CashPolicy withInactivity(Duration d) {
        return new CashPolicy(acceptedFen, capacityNotes, nearFullPercent, maxVoucherFen, d, recoveryWindow, linkWait);
    }

    public CashPolicy withRecovery(Duration window, Duration link) {
        return new CashPolicy(acceptedFen, capacityNotes, nearFullPercent, maxVoucherFen, inactivity, window, link);
    }
}
