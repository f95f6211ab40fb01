package cn.yzz.kiosk.device.serial;

import java.io.IOException;

/** The link is gone: the cable was pulled, the device powered off or the pty closed. */
public class LinkLostException extends IOException {
    public LinkLostException(String message) {
        super(message);
    }
}
