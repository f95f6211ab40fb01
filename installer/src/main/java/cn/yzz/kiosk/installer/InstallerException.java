package cn.yzz.kiosk.installer;

/**
 * A step could not do its job. The message is plain words for the person at the terminal (what
 * happened and what to check) and never holds personal data; the CLI prints it and exits with
 * {@link #exitCode()}.
 */
public class InstallerException extends Exception {

    private final int exitCode;

    public InstallerException(int exitCode, String message) {
        this(exitCode, message, null);
    }

    public InstallerException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** One of {@link ExitCodes}. */
    public int exitCode() {
        return exitCode;
    }
}
