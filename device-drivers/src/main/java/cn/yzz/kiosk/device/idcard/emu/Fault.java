package cn.yzz.kiosk.device.idcard.emu;

/** What the emulated reader can be told to get wrong (devices.md §1.14). */
public enum Fault {
    /** The read reply is 41 (读卡操作失败) and the card is gone, as when it is lifted mid-read. */
    CARD_REMOVED_MID_READ,
    /** The read reply is 41 but the card stays: a bad RF moment that a retry gets past. */
    READ_FAILS,
    /** The reply's checksum byte is wrong. */
    BAD_CHECKSUM,
    /** Only the first part of the reply is sent. */
    TRUNCATED_REPLY,
    /** Random bytes are sent before the reply's preamble. */
    GARBAGE_BEFORE_PREAMBLE,
    /** The reply is written one byte at a time. */
    SPLIT_WRITES,
    /** No reply at all. */
    SILENCE,
    /** The security module reports 60 (SAM_V 自检失败) instead of answering (inject it until cleared for a dead module). */
    SAM_FAILURE
}
