package cn.yzz.kiosk.device.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The kiosk's device list: the shipped examples, defaults, and a message naming the key for each mistake. */
class DeviceProfileTest {

    private static DeviceProfile parse(String devices) throws ProfileException {
        return parse("desktop", devices);
    }

    private static DeviceProfile parse(String model, String devices) throws ProfileException {
        return DeviceProfile.parse("{\"model\": \"" + model + "\", \"devices\": [" + devices + "]}", "kiosk.json");
    }

    private static final String ID = "{\"kind\": \"idcard-reader\", \"driver\": \"samv\", \"port\": \"/dev/ttyUSB0\"}";

    @Test
    void theShippedExamplesAreValidAndSayWhatIsFitted() throws Exception {
        DeviceProfile desktop = DeviceProfile.parse(DeviceProfile.example("desktop"), "desktop.json");
        assertThat(desktop.model()).isEqualTo("desktop");
        assertThat(desktop.devices()).extracting(DeviceSpec::kind)
                .containsExactly(DeviceKind.IDCARD_READER, DeviceKind.QR_SCANNER, DeviceKind.RECEIPT_PRINTER);
        DeviceProfile enhanced = DeviceProfile.parse(DeviceProfile.example("enhanced"), "enhanced.json");
        assertThat(enhanced.devices()).extracting(DeviceSpec::kind).containsExactly(DeviceKind.values());
        assertThat(enhanced.device(DeviceKind.A4_PRINTER).orElseThrow().target()).contains("A4");
        assertThat(enhanced.device(DeviceKind.SSCARD_READER).orElseThrow().target()).isEmpty();
    }

    @Test
    void optionsLeftOutTakeTheDriversDefaults() throws Exception {
        DeviceProfile p = parse(ID + ", {\"kind\": \"qr-scanner\", \"driver\": \"ssi\", \"port\": \"/dev/ttyACM0\"},"
                + "{\"kind\": \"receipt-printer\", \"driver\": \"escpos\", \"port\": \"/dev/ttyS1\", \"options\": {\"paper\": \"58MM\"}}");
        DeviceSpec id = p.device(DeviceKind.IDCARD_READER).orElseThrow();
        assertThat(id.intOption("baud")).isEqualTo(115200);
        assertThat(id.port()).isEqualTo("/dev/ttyUSB0");
        DeviceSpec qr = p.device(DeviceKind.QR_SCANNER).orElseThrow();
        assertThat(qr.intOption("baud")).isEqualTo(9600);
        assertThat(qr.textOption("reading")).isEqualTo("presentation");
        assertThat(p.device(DeviceKind.RECEIPT_PRINTER).orElseThrow().textOption("paper")).isEqualTo("58mm");
        assertThat(p.device(DeviceKind.A4_PRINTER)).isEqualTo(Optional.empty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        unknown top-level key   | {"model": "desktop", "devices": [ID], "modle": "x"}                                  | modle           | unknown key
        model missing           | {"devices": [ID]}                                                                     | model           | missing; expected one of desktop, enhanced
        model misspelt          | {"model": "desk", "devices": [ID]}                                                    | model           | found "desk"
        no devices              | {"model": "desktop", "devices": []}                                                   | devices         | expected a list of devices
        unknown kind            | {"model": "desktop", "devices": [ID, {"kind": "printer", "driver": "escpos"}]}        | devices[1].kind | unknown kind "printer"; expected one of idcard-reader
        wrong driver            | {"model": "desktop", "devices": [{"kind": "idcard-reader", "driver": "escpos", "port": "/dev/ttyS0"}]} | devices[0].driver | expected one of samv
        missing port            | {"model": "desktop", "devices": [{"kind": "idcard-reader", "driver": "samv"}]}        | devices[0].port | missing: the serial port
        port not a device       | {"model": "desktop", "devices": [{"kind": "idcard-reader", "driver": "samv", "port": "COM3"}]} | devices[0].port | expected an absolute device path
        port of wrong type      | {"model": "desktop", "devices": [{"kind": "idcard-reader", "driver": "samv", "port": 3}]} | devices[0].port | in quotes, found 3
        unknown device key      | {"model": "desktop", "devices": [{"kind": "idcard-reader", "driver": "samv", "port": "/dev/ttyUSB0", "speed": 9600}]} | devices[0].speed | unknown key; expected driver, kind, options, port
        baud as text            | {"model": "desktop", "devices": [{"kind": "idcard-reader", "driver": "samv", "port": "/dev/ttyUSB0", "options": {"baud": "fast"}}]} | devices[0].options.baud | expected one of 9600, 19200, 38400, 57600, 115200, found "fast"
        baud not standard       | {"model": "desktop", "devices": [{"kind": "idcard-reader", "driver": "samv", "port": "/dev/ttyUSB0", "options": {"baud": 12345}}]} | devices[0].options.baud | found 12345
        unknown option          | {"model": "desktop", "devices": [{"kind": "idcard-reader", "driver": "samv", "port": "/dev/ttyUSB0", "options": {"parity": "even"}}]} | devices[0].options.parity | unknown option for the samv driver; expected baud
        two on one port         | {"model": "desktop", "devices": [ID, {"kind": "qr-scanner", "driver": "generic", "port": "/dev/ttyUSB0"}]} | devices[1].port | /dev/ttyUSB0 is already the port of devices[0]
        two of a kind           | {"model": "desktop", "devices": [ID, {"kind": "idcard-reader", "driver": "samv", "port": "/dev/ttyUSB1"}]} | devices[1].kind | a second idcard-reader
        enhanced-only on desktop| {"model": "desktop", "devices": [ID, {"kind": "a4-printer", "driver": "cups"}]}      | devices[1].kind | fitted only to enhanced kiosks
        no ID card reader       | {"model": "enhanced", "devices": [{"kind": "a4-printer", "driver": "cups"}]}         | devices         | no idcard-reader
        address out of range    | {"model": "enhanced", "devices": [ID, {"kind": "cash-acceptor", "driver": "essp", "port": "/dev/ttyUSB1", "options": {"address": 200}}]} | devices[1].options.address | expected a whole number from 0 to 125, found 200
        not JSON                | {"model": "desktop", "devices": [ID,]                                                 | ''              | is not valid JSON at line 1
        a key twice             | {"model": "desktop", "model": "enhanced", "devices": [ID]}                            | ''              | Duplicate field 'model'
        """)
    void aWrongConfigurationNamesTheKeyAndWhatIsExpected(String what, String json, String key, String message) {
        String text = json.replace("ID", ID);
        assertThatThrownBy(() -> DeviceProfile.parse(text, "kiosk.json"))
                .isInstanceOfSatisfying(ProfileException.class, e -> {
                    assertThat(e.key()).isEqualTo(key);
                    assertThat(e.getMessage()).startsWith("kiosk.json: " + (key.isEmpty() ? "" : key + ": ")).contains(message);
                });
    }

    @Test
    void namedDevicesTakeNoPortAndMayNameTheirPrinterOrReader() throws Exception {
        DeviceProfile p = parse("enhanced", ID + ", {\"kind\": \"a4-printer\", \"driver\": \"cups\", \"printer\": \"PDF\"},"
                + "{\"kind\": \"sscard-reader\", \"driver\": \"pcsc\", \"reader\": \"Virtual PCD 00 00\"}");
        assertThat(p.device(DeviceKind.A4_PRINTER).orElseThrow().target()).contains("PDF");
        assertThat(p.device(DeviceKind.SSCARD_READER).orElseThrow().target()).contains("Virtual PCD 00 00");
        assertThatThrownBy(() -> parse("enhanced", ID + ", {\"kind\": \"a4-printer\", \"driver\": \"cups\", \"port\": \"/dev/usb/lp0\"}"))
                .isInstanceOfSatisfying(ProfileException.class, e -> assertThat(e.key()).isEqualTo("devices[1].port"));
    }
}
