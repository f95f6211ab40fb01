package cn.yzz.kiosk.installer.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** kioskctl's version (filtered in at build time) plus the Java and platform it runs on, for support calls. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/cn/yzz/kiosk/installer/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {
            "kioskctl " + p.getProperty("version", "（版本未知：不是用 Maven 构建的）"),
            "Java " + System.getProperty("java.version") + "（" + System.getProperty("java.vendor") + "），"
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        };
    }
}
