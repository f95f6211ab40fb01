package cn.yzz.kiosk.app.console.pages;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A page's own thread for its blocking work: one named daemon thread, started on demand and ended after a while
 * without work, so a console left closed holds no thread. Results and failures come back through {@code fx}.
 */
final class Background {

    private static final System.Logger LOG = System.getLogger(Background.class.getName());

    /** One blocking call. */
    @FunctionalInterface
    interface Job<T> {
        T call() throws Exception;
    }

    private final ThreadPoolExecutor pool;
    private final Executor fx;

    Background(String name, Executor fx) {
        this.fx = Objects.requireNonNull(fx, "fx");
        this.pool = new ThreadPoolExecutor(1, 1, 20, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    /** Runs {@code job} on the page's thread; {@code done} or {@code failed} runs on the JavaFX thread afterwards. */
    <T> void run(Job<T> job, Consumer<? super T> done, Consumer<Exception> failed) {
        pool.execute(() -> {
            T result;
            try {
                result = job.call();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "console page work failed", e);
                fx.execute(() -> failed.accept(e));
                return;
            }
            fx.execute(() -> done.accept(result));
        });
    }
}
