package cn.yzz.kiosk.device.sscard;

import cn.yzz.kiosk.device.DeviceEvent;

/**
 * A card went into or came out of the reader's slot. Delivered on the reader's presence thread
 * ({@code kiosk-<name>-presence}) as soon as it is seen, even while a read runs.
 */
public interface SsCardEvent extends DeviceEvent {

    record Inserted(String device) implements SsCardEvent {}

    record Removed(String device) implements SsCardEvent {}
}
