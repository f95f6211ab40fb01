package cn.yzz.kiosk.cache.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;

/**
 * Files made in the kiosk's data folder belong to the folder's owner. An installer runs kioskctl as root
 * (enroll, acceptance, queue status) against the folder {@code kioskctl install} made for the kiosk's own user:
 * a database, key or enrollment created there as root would leave the kiosk unable to open its own data.
 */
public final class DataFolderOwner {

    private static final boolean AS_ROOT = "root".equals(System.getProperty("user.name"));

    private DataFolderOwner() {}

    /** Gives {@code made} (a file or folder inside {@code dataDir}) to the folder's owner when it is someone else's. */
    public static void adopt(Path dataDir, Path made) throws IOException {
        if (!AS_ROOT) {
            return; // only root can give a file away; anyone else's files are their own, as before
        }
        UserPrincipal owner = Files.getOwner(dataDir);
        if (Files.exists(made, LinkOption.NOFOLLOW_LINKS) && !owner.equals(Files.getOwner(made, LinkOption.NOFOLLOW_LINKS))) {
            Files.setOwner(made, owner);
        }
    }
}
