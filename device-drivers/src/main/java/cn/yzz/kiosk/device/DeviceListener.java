package cn.yzz.kiosk.device;

/**
 * Receives a device's events on the device's thread. Implementations must return quickly and must
 * not throw; an exception is caught, logged and otherwise ignored so that one bad listener cannot
 * stop a device.
 */
@FunctionalInterface
public interface DeviceListener {
    void onEvent(DeviceEvent event);
}
