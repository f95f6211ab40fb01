package cn.yzz.kiosk.installer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Help, version and usage errors: nothing here touches a port. */
class UsageTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "device read-id                                 | Missing required option: '--port=PATH'",
        "device read-id --port /dev/null --bogus        | Unknown option: '--bogus'",
        "device read-id --port /dev/null --baud fast    | Invalid value for option '--baud': 'fast' 不是读卡器支持的波特率，可用：115200、57600、38400、19200、9600",
        "device read-id --port /dev/null --baud 12345   | Invalid value for option '--baud': '12345' 不是读卡器支持的波特率",
        "device read-id --port /dev/null --timeout 0    | Invalid value for option '--timeout': '0' 秒超出范围",
        "device read-id --port /dev/null --timeout soon | Invalid value for option '--timeout': 'soon' 不是秒数",
        "device read-id --port /dev/null --timeout 1e9  | Invalid value for option '--timeout': '1e9' 秒超出范围",
        "device read-id --port /dev/null --timeout 1e-4 | Invalid value for option '--timeout': '1e-4' 秒超出范围",
        "emulate id-reader                              | Missing required option: '--pty-dir=DIR'（或用 --list-cards）",
        "emulate id-reader --pty-dir x --card nobody    | Invalid value for option '--card': 没有叫 'nobody' 的测试卡，可用：resident、elder-yao",
        "emulate id-reader --pty-dir x --fault melt     | Invalid value for option '--fault' (FAULT[:N][@CMD]): 不认识的故障 'melt'，可用：card-removed-mid-read",
    })
    void badUsageExits2WithTheReasonAndTheSynopsis(String args, String reason) {
        String[] words = args.trim().split("\\s+");
        Cli.Result r = Cli.run(words);

        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        String command = "kioskctl " + words[0] + " " + words[1];
        assertThat(r.err()).startsWith("kioskctl: " + reason)
                .contains("Usage: " + command + " [")
                .endsWith("完整说明：" + command + " --help\n")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void aMistypedCommandIsAUsageErrorWithASuggestion() {
        Cli.Result r = Cli.run("devcie", "read-id");

        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("Did you mean: kioskctl device?").contains("Commands:");
    }

    @Test
    void groupsWithoutASubcommandListTheirCommands() {
        Cli.Result top = Cli.run();
        Cli.Result device = Cli.run("device");

        assertThat(top.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(top.err()).startsWith("kioskctl: Missing required subcommand").contains("device", "emulate");
        assertThat(device.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(device.err()).contains("read-id");
    }

    @Test
    void readIdHelpDocumentsExitCodesAndMasking() {
        Cli.Result r = Cli.run("device", "read-id", "--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--port=PATH", "--baud=N", "--timeout=SECONDS", "--json", "--reveal",
                "默认 115200", "默认 10",
                "  3   在 --timeout 内读卡器上没有卡",
                "  4   读卡器没有响应",
                "  5   卡片或通信出错",
                "  6   读卡器报告硬件或安全模块（SAM）故障",
                "出生日期只留年份（如 1950-**-**）", "住址只留前 6 个字");
    }

    @Test
    void versionNamesTheBuild() {
        Cli.Result r = Cli.run("--version");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).matches("(?s)kioskctl \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\nJava .*");
    }
}
