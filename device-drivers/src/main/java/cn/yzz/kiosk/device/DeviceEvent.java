package cn.yzz.kiosk.device;

/**
 * Something a device tells the application. Events are delivered on the device's own thread;
 * listeners that touch the UI must hop to the UI thread themselves.
 */
public interface DeviceEvent {

    /** The device changed state; {@code detail} says why, in plain words. */
    record StateChanged(String device, DeviceState from, DeviceState to, String detail) implements DeviceEvent {}
}
