package cn.yzz.kiosk.device.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The socat pty pair the device tests run over, opened through jSerialComm as the drivers do. */
class PtyPairTest {

    @TempDir Path dir;
    final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "pty-pair-test");
        t.setDaemon(true);
        return t;
    });

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void bytesCrossInBothDirectionsAndClosingIsAPulledCable() throws Exception {
        PtyPair pty = PtyPair.open(dir, "p");
        try (SerialLink host = LinkOpener.serialPort(pty.hostEnd().toString()).open(9600);
                SerialLink device = LinkOpener.serialPort(pty.deviceEnd().toString()).open(9600)) {
            host.write("ping\r".getBytes(StandardCharsets.US_ASCII));
            assertThat(readAll(device, 5)).isEqualTo("ping\r");
            device.write("pong\r".getBytes(StandardCharsets.US_ASCII));
            assertThat(readAll(host, 5)).isEqualTo("pong\r");
            pty.close();
            assertThat(Files.exists(pty.hostEnd(), LinkOption.NOFOLLOW_LINKS)).as("link removed").isFalse();
            Future<?> read = pool.submit(() -> host.read(new byte[16], 0, 16, 5000));
            assertThat(read).failsWithin(3, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(LinkLostException.class);
        } finally {
            pty.close();
        }
    }

    /**
     * A driver's reconnect timer may open the port the moment its path appears. socat's own links
     * appeared before socat made the ptys raw (VMIN=1 VTIME=0), which undid jSerialComm's read
     * timeout: a read then waited for a byte however long that took. An open made at once lost its
     * timeout about one time in twenty; thirty pairs caught it in four runs out of five.
     */
    @Test
    void aPortOpenedTheMomentItsPathAppearsKeepsItsReadTimeout() throws Exception {
        for (int i = 0; i < 30; i++) {
            Path pairDir = dir.resolve("pair" + i);
            Future<List<SerialLink>> ends = pool.submit(() -> openAsSoonAsTheyExist(pairDir.resolve("p-host"), pairDir.resolve("p-device")));
            try (PtyPair pty = PtyPair.open(pairDir, "p")) {
                List<SerialLink> links = ends.get(5, TimeUnit.SECONDS);
                try {
                    List<CompletableFuture<Integer>> idle = new ArrayList<>();
                    for (SerialLink link : links) {
                        idle.add(CompletableFuture.supplyAsync(() -> {
                            try {
                                return link.read(new byte[16], 0, 16, 10);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }, pool));
                    }
                    for (int k = 0; k < links.size(); k++) {
                        try {
                            assertThat(idle.get(k).get(2, TimeUnit.SECONDS)).as("nothing was sent").isZero();
                        } catch (TimeoutException e) {
                            throw new AssertionError("pair " + i + ": a 10 ms read on " + links.get(k).port()
                                    + " still waited after 2 s (its read timeout is gone): " + pty.diagnostics());
                        }
                    }
                } finally {
                    links.forEach(SerialLink::close);
                }
            }
        }
    }

    /** Opens both paths, each the moment it appears, as a reconnect timer that polls hard would. */
    private static List<SerialLink> openAsSoonAsTheyExist(Path host, Path device) throws IOException {
        SerialLink[] links = new SerialLink[2];
        Path[] paths = {host, device};
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (links[0] == null || links[1] == null) {
            if (System.nanoTime() > deadline) {
                throw new IOException(host + " or " + device + " never appeared");
            }
            for (int k = 0; k < 2; k++) {
                if (links[k] == null && Files.exists(paths[k])) {
                    try {
                        links[k] = LinkOpener.serialPort(paths[k].toString()).open(9600);
                    } catch (IOException e) {
                        // the link is there but the pty not yet: try again
                    }
                }
            }
            Thread.onSpinWait();
        }
        return List.of(links);
    }

    private static String readAll(SerialLink link, int length) throws IOException {
        byte[] buf = new byte[length];
        int got = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (got < length && System.nanoTime() < deadline) {
            got += link.read(buf, got, length - got, 100);
        }
        return new String(buf, 0, got, StandardCharsets.US_ASCII);
    }
}
