package cn.yzz.kiosk.installer.steps;

import cn.yzz.kiosk.cache.catalog.Catalog;
import cn.yzz.kiosk.cache.catalog.CatalogException;
import cn.yzz.kiosk.cache.catalog.CatalogParser;
import cn.yzz.kiosk.cache.sync.BackendClient;
import cn.yzz.kiosk.cache.sync.BackendException;
import cn.yzz.kiosk.cache.sync.EnrollmentFile;
import cn.yzz.kiosk.cache.sync.SyncConfig;
import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.InstallerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** A catalogue as the kiosks will read it: from a file a county means to publish, or as a backend serves it. */
public final class CatalogCheck {

    private CatalogCheck() {}

    public static Catalog file(Path file) throws InstallerException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InstallerException(ExitCodes.BAD_CONFIGURATION, "无法读取目录文件 " + file + "：" + e.getMessage(), e);
        }
        return parse(bytes, file.getFileName().toString());
    }

    /**
     * {@code GET /catalog} as an enrolled kiosk would ask it. With a data directory its enrollment (token, address)
     * is used, {@code url} overriding the address; without one the request goes unauthenticated.
     */
    public static Catalog backend(String url, Path dataDir, Clock clock) throws InstallerException {
        SyncConfig config;
        try {
            if (dataDir != null) {
                EnrollmentFile e = EnrollmentFile.load(dataDir).orElseThrow(() -> new InstallerException(ExitCodes.FAILURE,
                        "这个数据目录还没有注册：先运行 kioskctl enroll，或不加 --data-dir"));
                config = e.syncConfig(url);
            } else {
                config = SyncConfig.defaults(url, "", "", EnrollmentFile.isLoopback(url));
            }
        } catch (IOException e) {
            throw new InstallerException(ExitCodes.FAILURE, "注册信息不可用：" + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new InstallerException(ExitCodes.USAGE, "--backend 必须是 https:// 地址（本机测试可用 http://127.0.0.1）：" + url);
        }
        byte[] body;
        try {
            body = new BackendClient(config, clock).catalog(null).body();
        } catch (BackendException e) {
            int exit = switch (e.kind()) {
                case TRANSPORT, SERVER, THROTTLED -> ExitCodes.NOT_ANSWERING;
                case MALFORMED -> ExitCodes.BAD_CONFIGURATION;
                case UNAUTHORIZED, CLIENT -> ExitCodes.FAILURE;
            };
            throw new InstallerException(exit, "取不到后台的服务目录：" + Backend.why(e), e);
        }
        return parse(body, "后台的服务目录");
    }

    private static Catalog parse(byte[] bytes, String source) throws InstallerException {
        try {
            return CatalogParser.parse(bytes, source);
        } catch (CatalogException e) {
            throw new InstallerException(ExitCodes.BAD_CONFIGURATION, "服务目录无法使用，终端会继续用上一份好的：" + e.getMessage(), e);
        }
    }
}
