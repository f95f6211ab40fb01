package cn.yzz.kiosk.device.sscard;

import javax.smartcardio.CardException;

/** One command APDU out, its response APDU (data + SW1 SW2) back. PC/SC in the kiosk, a virtual card in unit tests. */
@FunctionalInterface
interface ApduChannel {
    byte[] transmit(byte[] command) throws CardException;
}
