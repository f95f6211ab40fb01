package cn.yzz.kiosk.device.profile;

/**
 * A configuration the kiosk cannot start with. The message names the key (for example
 * {@code devices[1].options.baud}) and what is expected there, so an installer can fix it on site.
 */
public final class ProfileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String key;

    ProfileException(String source, String key, String problem) {
        super(source + ": " + (key.isEmpty() ? "" : key + ": ") + problem);
        this.key = key;
    }

    /** Where the problem is, e.g. {@code devices[1].port}; empty for the file as a whole. */
    public String key() {
        return key;
    }
}
