/**
 * An emulated ITL note validator (NV9 USB class, SSP / eSSP, essp.md) for tests, the demo, training and the
 * cash crash test: {@link cn.yzz.kiosk.device.cash.emu.NoteAcceptorEmulator} answers on any serial link
 * (a pty pair in tests, {@code kioskctl emulate cash-acceptor} for people and the crash test).
 *
 * <h2>The unit</h2>
 * Address 0, 9600 8N2; HOST PROTOCOL VERSION up to 7 (an NV9 USB from firmware 3.33; 8 gets FAIL), 6 at
 * power-up; firmware "0333", serial 1873452; dataset CNY, channels 1–6 = ¥1, 5, 10, 20, 50, 100, value
 * multiplier 1, real value multiplier 100 ({@link cn.yzz.kiosk.device.cash.emu.Dataset}, any channel may be
 * left 0). A note goes READ 0 → READ ch (escrow, held by any non-POLL command, handed back with 0x13 after
 * 10 s without one) → the next POLL accepts (F0) → STACKING → CREDIT ch + STACKING → STACKED. Inhibited:
 * reject 0x06; not in the dataset: 0x01; fake: 0x02; REJECT: 0x08. Lasting conditions (disabled E8, jams
 * EA/E9, cash box removed E3, stacker full E7, B5 from protocol 7) are told in every poll while they last.
 * Power-up: SLAVE RESET (with E8) in the first poll, NOTE CLEARED FROM FRONT / INTO CASHBOX in the next.
 * Not emulated: POLL WITH ACK / EVENT ACK (F2), counters, barcodes, payout.
 *
 * <h2>The state file</h2>
 * JSON, written atomically (temp file, fsync, rename, fsync of the folder) before the reply that tells any
 * change of it: {@code format} ({@code yzz-note-validator-emulator/1}), {@code serial}, {@code country},
 * {@code channelsFen}, {@code essp}, {@code enabled}, {@code inhibits} (bit n-1 = channel n takes notes),
 * {@code cashboxIn}, {@code cashbox} (value in fen → notes), {@code stackerCapacity}, {@code notesCredited},
 * {@code counters} (powerUps, stacked, rejected, escrowTimeouts, fraudAttempts, safeJams, unsafeJams,
 * clearedFromFront, clearedToCashbox, cashboxRemovals, cashboxReplacements), {@code note} (the note in the path:
 * stage READING / ESCROW / REJECTING / STACKING / CREDITED / FRAUD, channel, valueFen, fake, step, jam,
 * rejectCode; or null), {@code pendingClearing} (E1/E2 still to be acknowledged by the host's next command),
 * {@code lastRejectCode}, {@code credits} (every note taken for good: seq, channel, valueFen, via CREDIT /
 * CLEARED_TO_CASHBOX / CREDIT_THEN_CLEARED, at), {@code savedAt}. Read it with
 * {@link cn.yzz.kiosk.device.cash.emu.AcceptorState#read}.
 */
package cn.yzz.kiosk.device.cash.emu;
