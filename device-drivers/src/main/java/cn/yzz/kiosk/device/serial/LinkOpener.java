package cn.yzz.kiosk.device.serial;

import java.io.IOException;

/**
 * Opens a fresh link to the same device, at a given speed. Drivers keep one so that they can
 * reopen the port after a cable is pulled or try another speed while detecting the baud rate.
 */
@FunctionalInterface
public interface LinkOpener {

    SerialLink open(int baudRate) throws IOException;

    /** A real serial port (or pty) at {@code port}, through jSerialComm. */
    static LinkOpener serialPort(String port) {
        return baud -> JSerialCommLink.open(new SerialSettings(port, baud));
    }

    /** As {@link #serialPort(String)} with {@code stopBits} stop bits (SSP note validators use 2). */
    static LinkOpener serialPort(String port, int stopBits) {
        return baud -> JSerialCommLink.open(new SerialSettings(port, baud, stopBits));
    }
}
