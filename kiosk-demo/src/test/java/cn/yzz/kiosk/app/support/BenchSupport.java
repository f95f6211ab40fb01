package cn.yzz.kiosk.app.support;

import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;

/** What the kiosk's benchmarks share: a call on the JavaFX thread, a wait for a condition there, and the figures. */
public final class BenchSupport {

    private BenchSupport() {}

    /** Median, 95th percentile and maximum of a benchmark's samples. */
    public record Stats(double median, double p95, double max) {
        public static Stats of(double[] values) {
            double[] v = values.clone();
            Arrays.sort(v);
            int n = v.length;
            double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
            return new Stats(median, v[(int) Math.ceil(0.95 * n) - 1], v[n - 1]);
        }
    }

    /** Runs {@code c} on the JavaFX thread and returns its result, waiting at most {@code seconds}. */
    public static <T> T onFx(Callable<T> c, long seconds) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Exception | Error e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(seconds, TimeUnit.SECONDS);
    }

    /** Waits until {@code condition}, asked on the JavaFX thread every 20 ms, holds; fails after {@code seconds}. */
    public static void awaitOnFx(String what, long seconds, BooleanSupplier condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!onFx(condition::getAsBoolean, seconds)) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("waited " + seconds + " s for " + what);
            }
            Thread.sleep(20);
        }
    }
}
