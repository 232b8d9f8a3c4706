package io.nomadiis.iis.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link WasEventXml} on {@code wevtutil qe System /f:xml} output in the documented event schema (one
 * {@code <Event>} per event, no root element, newest first with {@code /rd:true}), and the choice of the event that
 * explains a pool's stop ({@link WasEventLog#newestFor}).
 */
class WasEventXmlTest {
    /** Three events as wevtutil prints them: a 5002 and a 5057/5059 pair, newest first. */
    private static final String OUTPUT = event(
                    "5059",
                    "49152",
                    "2026-12-03T13:04:07.5432100Z",
                    "<Data Name='AppPoolID'>nomad-a1-web</Data><Binary>0500078000000000</Binary>")
            + "\r\n"
            + event(
                    "5057",
                    "32768",
                    "2026-12-03T13:04:07.5312100Z",
                    "<Data Name='AppPoolID'>nomad-a1-web</Data><Binary>2E050780</Binary>")
            + "\r\n"
            + event("5002", "49152", "2026-12-03T12:58:01.1234567Z", "<Data Name='AppPoolID'>nomad-b2-api</Data>")
            + "\r\n";

    private static String event(String id, String qualifiers, String time, String data) {
        return "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
                + "<Provider Name='Microsoft-Windows-WAS' Guid='{524B5D04-133C-4A62-8362-64E8EDB9CE40}'"
                + " EventSourceName='WAS'/><EventID Qualifiers='" + qualifiers + "'>" + id + "</EventID>"
                + "<Version>0</Version><Level>2</Level><Task>0</Task><Opcode>0</Opcode>"
                + "<Keywords>0x80000000000000</Keywords><TimeCreated SystemTime='" + time + "'/>"
                + "<EventRecordID>48213</EventRecordID><Correlation/><Execution ProcessID='0' ThreadID='0'/>"
                + "<Channel>System</Channel><Computer>WIN-NODE1</Computer><Security/></System>"
                + "<EventData>" + data + "</EventData></Event>";
    }

    @Test
    void parse_wevtutilOutput_readsIdTimeAndPoolOfEachEvent() {
        assertThat(WasEventXml.parse(OUTPUT))
                .containsExactly(
                        new WasEvent(5059, Instant.parse("2026-12-03T13:04:07.5432100Z"), "nomad-a1-web"),
                        new WasEvent(5057, Instant.parse("2026-12-03T13:04:07.5312100Z"), "nomad-a1-web"),
                        new WasEvent(5002, Instant.parse("2026-12-03T12:58:01.1234567Z"), "nomad-b2-api"));
    }

    @Test
    void parse_unnamedDataAndAnXmlDeclaration_takesTheFirstDataAsThePool() {
        String output = "<?xml version='1.0' encoding='UTF-8'?>"
                + event("5002", "49152", "2026-12-03T10:00:00.0000000Z", "<Data>Pool With Spaces</Data><Data>x</Data>");

        assertThat(WasEventXml.parse(output)).extracting(WasEvent::pool).containsExactly("Pool With Spaces");
    }

    @Test
    void parse_otherProvidersOtherIdsAndIncompleteEvents_areSkipped() {
        String otherProvider = event("5002", "0", "2026-12-03T10:00:00Z", "<Data>p</Data>")
                .replace("Microsoft-Windows-WAS", "Microsoft-Windows-IIS-W3SVC");
        String otherId = event("5186", "0", "2026-12-03T10:00:00Z", "<Data>p</Data>");
        String noTime = event("5002", "0", "", "<Data>p</Data>");
        String noData = event("5002", "0", "2026-12-03T10:00:00Z", "");
        String good = event("5002", "0", "2026-12-03T10:00:00Z", "<Data>kept</Data>");

        assertThat(WasEventXml.parse(otherProvider + otherId + noTime + noData + good))
                .extracting(WasEvent::pool)
                .containsExactly("kept");
    }

    @Test
    void parse_notXmlOrEmpty_givesNoEvents() {
        assertThat(WasEventXml.parse("")).isEmpty();
        assertThat(WasEventXml.parse(null)).isEmpty();
        assertThat(WasEventXml.parse("Failed to read events. Access is denied."))
                .isEmpty();
        assertThat(WasEventXml.parse(OUTPUT.substring(0, OUTPUT.length() / 2))).isEmpty();
    }

    @Test
    void parse_doctype_isRefused() {
        String output = "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>"
                + event("5002", "0", "2026-12-03T10:00:00Z", "<Data>&e;</Data>");

        assertThat(WasEventXml.parse(output)).isEmpty();
    }

    @Test
    void newestFor_picksTheNewestEventOfThePoolNotOlderThanSince() {
        List<WasEvent> events = WasEventXml.parse(OUTPUT);

        assertThat(WasEventLog.newestFor(events, "NOMAD-A1-WEB", Instant.parse("2026-12-03T13:00:00Z")))
                .map(WasEvent::id)
                .contains(5059);
        assertThat(WasEventLog.newestFor(events, "nomad-b2-api", Instant.parse("2026-12-03T13:00:00Z")))
                .isEmpty();
        assertThat(WasEventLog.newestFor(events, "nomad-c3", Instant.EPOCH)).isEmpty();
    }

    @Test
    void describe_namesWhatTheEventMeansAndWhen() {
        assertThat(new WasEvent(5002, Instant.parse("2026-12-03T12:58:01.1234567Z"), "p").describe())
                .isEqualTo("IIS disabled the pool after repeated worker process failures: rapid-fail protection"
                        + " (WAS event 5002 in the System event log at 2026-12-03T12:58:01Z)");
    }

    @Test
    void wevtutil_queriesWasPoolStopEventsNewestFirstAsXml() {
        assertThat(WevtutilEventLog.command())
                .containsExactly(
                        "wevtutil",
                        "qe",
                        "System",
                        "/q:*[System[Provider[@Name='Microsoft-Windows-WAS'] and (EventID=5002 or EventID=5057"
                                + " or EventID=5059)]]",
                        "/rd:true",
                        "/c:20",
                        "/f:xml");
    }

    @Test
    void wevtutil_outputInUtf16OrWithABom_isDecoded() {
        String xml = event("5002", "0", "2026-12-03T10:00:00Z", "<Data>nomad-ü</Data>");
        byte[] utf16 = xml.getBytes(StandardCharsets.UTF_16LE);
        byte[] bom = new byte[utf16.length + 2];
        bom[0] = (byte) 0xff;
        bom[1] = (byte) 0xfe;
        System.arraycopy(utf16, 0, bom, 2, utf16.length);

        assertThat(WevtutilEventLog.decode(utf16)).isEqualTo(xml);
        assertThat(WevtutilEventLog.decode(bom)).isEqualTo(xml);
    }

    @Test
    void wevtutil_missing_givesNoEventsAndDoesNotThrow() {
        org.junit.jupiter.api.Assumptions.assumeFalse(
                System.getProperty("os.name", "").startsWith("Windows"), "wevtutil exists on Windows");

        assertThat(new WevtutilEventLog(java.time.Duration.ofSeconds(5)).recentPoolStops())
                .isEmpty();
    }
}
