package cn.yzz.kiosk.device.qr.emu;

/** What the emulated scanner can be told to get wrong (devices.md §3.7). */
public enum ScannerFault {
    /** Line noise (bytes that are not text, no suffix) before the next code. */
    GARBAGE_BEFORE_CODE,
    /** The next code stops half way for {@link ScannerEmulator#SPLIT_GAP_MILLIS} ms before the rest comes. */
    SPLIT_WITH_GAP,
    /** Suffix-framed links: the next code comes without its suffix (devices.md §3.7), then the line stays quiet. */
    MISSING_SUFFIX,
    /** Commands get no reply at all. */
    NO_ANSWER,
    /** SSI: the next decode packet's first transmission has a wrong checksum. GM65: the next reply's CRC is wrong. */
    BAD_CHECKSUM,
    /** SSI and Newland: the next command is answered with a NAK asking for it again. */
    NAK_COMMAND
}
