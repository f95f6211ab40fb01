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
 * POLL WITH ACK (0x56) / EVENT ACK (0x57), essp.md §4: taken only encrypted (essp.md §7; in clear: KEY NOT SET with
 * no key, COMMAND CANNOT BE PROCESSED with one, nothing told or cleared). In a POLL WITH ACK reply the events that
 * need an ack (EE, E6, E2 and E1, see {@link cn.yzz.kiosk.device.cash.ssp.SspEventCode#needsEventAck}) are kept
 * in the state file and told again in every POLL WITH ACK reply, with no note moving (no READ, no STACKED, no
 * note drawn in), until EVENT ACK (F0; F5 with nothing pending). A plain POLL tells everything once, as ever.
 * A power cut turns what was unacknowledged into power-up events: E1/E2 told again after SLAVE RESET; an EE's note,
 * still in the stack path, into the box as E2 (counted once); an E6 dropped. Older firmware without the two
 * commands (F2): {@link cn.yzz.kiosk.device.cash.emu.NoteAcceptorEmulator#setPollWithAck}.
 * Not emulated: counters, barcodes, payout.
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
 * {@code unacked} (events told in POLL WITH ACK replies awaiting EVENT ACK: code, channel),
 * {@code noPollWithAck}, {@code lastRejectCode}, {@code credits} (every note taken for good: seq, channel, valueFen, via CREDIT /
 * CLEARED_TO_CASHBOX / CREDIT_THEN_CLEARED, at), {@code savedAt}. Read it with
 * {@link cn.yzz.kiosk.device.cash.emu.AcceptorState#read}.
 */
package cn.yzz.kiosk.device.cash.emu;
