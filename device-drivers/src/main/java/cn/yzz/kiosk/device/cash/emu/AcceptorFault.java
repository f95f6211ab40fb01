package cn.yzz.kiosk.device.cash.emu;

/**
 * What the emulated validator can be told to get wrong, each for the next N occasions
 * ({@link NoteAcceptorEmulator#inject}). Faults that are actions rather than misbehaviour (power cut, cash box
 * out, silence, KEY NOT SET mode, stacker size) are methods of the emulator.
 */
public enum AcceptorFault {
    /** The command is carried out but its reply never leaves: the host must send it again with the same flag. */
    LOSE_REPLY,
    /** Random bytes (never a whole packet) go out before the reply. */
    GARBAGE,
    /** The reply's CRC is wrong: the host must send the command again with the same flag. */
    CORRUPT_CRC,
    /** The next note accepted out of escrow jams inside before the credit point: SAFE JAM (EA), no credit. */
    SAFE_JAM,
    /** The next note jams at the front while being read: UNSAFE JAM (E9). */
    UNSAFE_JAM,
    /** The next note accepted is pulled back on a string while stacking: FRAUD ATTEMPT (E6 ch), no credit. */
    FRAUD_ATTEMPT
}
