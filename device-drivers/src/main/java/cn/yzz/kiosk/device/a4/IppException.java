package cn.yzz.kiosk.device.a4;

import java.io.IOException;

/** CUPS answered with something that is not IPP, or not the IPP expected. */
final class IppException extends IOException {
    IppException(String message) {
        super(message);
    }
}
