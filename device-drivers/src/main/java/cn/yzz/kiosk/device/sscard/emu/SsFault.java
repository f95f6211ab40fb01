package cn.yzz.kiosk.device.sscard.emu;

/** What the emulated card can be told to get wrong. */
public enum SsFault {
    /** The card is pulled out of the slot when the first command for EF06 arrives: EF05 was read, the holder's data was not. */
    PULLED_OUT_MID_READ
}
