package cn.yzz.kiosk.device;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for a device's answer from a thread that may block (never the JavaFX thread). */
public final class DeviceCalls {

    private DeviceCalls() {}

    /**
     * The result of {@code call}, waiting at most {@code millis}. Every failure comes out as a
     * {@link DeviceException}: the device's own, {@code NOT_ANSWERING} on timeout (the call is then
     * cancelled so it does not stay queued on the device thread), {@code CLOSED} when cancelled or
     * interrupted.
     *
     * @param device what to name in the timeout message, e.g. 读卡器
     */
    public static <T> T await(CompletableFuture<T> call, long millis, String device) throws DeviceException {
        try {
            return call.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(false);
            throw new DeviceException(DeviceException.Kind.NOT_ANSWERING, device + "在 " + millis / 1000 + " 秒内没有完成操作");
        } catch (InterruptedException e) {
            call.cancel(false);
            Thread.currentThread().interrupt();
            throw new DeviceException(DeviceException.Kind.CLOSED, "等待" + device + "时被中断");
        } catch (CancellationException e) {
            throw new DeviceException(DeviceException.Kind.CLOSED, device + "的操作已取消");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DeviceException d) {
                throw d;
            }
            throw new DeviceException(DeviceException.Kind.PROTOCOL, device + "出错：" + e.getCause(), e.getCause());
        }
    }
}
