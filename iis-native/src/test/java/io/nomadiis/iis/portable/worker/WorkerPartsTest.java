package io.nomadiis.iis.portable.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker's parsing parts: byte ranges, ANCM arguments, web.config, default documents, URL prefixes. */
class WorkerPartsTest {
    @TempDir
    Path temp;

    @Test
    void byteRange_forms_parseAgainstTheFileSize() {
        assertThat(ByteRange.parse("bytes=2-5", 10)).containsExactly(2, 5);
        assertThat(ByteRange.parse("bytes=7-", 10)).containsExactly(7, 9);
        assertThat(ByteRange.parse("bytes=-3", 10)).containsExactly(7, 9);
        assertThat(ByteRange.parse("bytes=5-100", 10)).containsExactly(5, 9);
        assertThat(ByteRange.parse("bytes=10-12", 10)).isSameAs(ByteRange.UNSATISFIABLE);
        assertThat(ByteRange.parse("bytes=0-1,4-5", 10)).isNull();
        assertThat(ByteRange.parse("items=1-2", 10)).isNull();
        assertThat(ByteRange.parse(null, 10)).isNull();
    }

    @Test
    void commandLine_quotesGroupArguments() {
        assertThat(ProcessCommandLine.split(".\\app.dll --urls \"a b\"  x"))
                .containsExactly(".\\app.dll", "--urls", "a b", "x");
        assertThat(ProcessCommandLine.split("")).isEmpty();
        assertThat(ProcessCommandLine.split(null)).isEmpty();
    }

    @Test
    void webConfig_aspNetCoreElement_isRead() throws Exception {
        Files.writeString(
                temp.resolve("web.config"),
                "<configuration><system.webServer><handlers/>"
                        + "<aspNetCore processPath=\"dotnet\" arguments=\".\\App.dll\" startupTimeLimit=\"30\">"
                        + "<environmentVariables><environmentVariable name=\"A\" value=\"1\"/></environmentVariables>"
                        + "</aspNetCore></system.webServer></configuration>");

        WebConfig.AspNetCore settings = WebConfig.aspNetCore(temp).orElseThrow();

        assertThat(settings.processPath()).isEqualTo("dotnet");
        assertThat(settings.arguments()).isEqualTo(".\\App.dll");
        assertThat(settings.environment()).isEqualTo(Map.of("A", "1"));
        assertThat(settings.startupTimeLimit()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void webConfig_withoutAspNetCoreOrWithoutFile_isNotAnAncmApp() throws Exception {
        assertThat(WebConfig.aspNetCore(temp)).isEmpty();
        Files.writeString(temp.resolve("web.config"), "<configuration><system.webServer/></configuration>");
        assertThat(WebConfig.aspNetCore(temp)).isEmpty();
        WebConfig.check(temp);
    }

    @Test
    void webConfig_thatIisCannotLoad_isAnErrorNamingTheFile() throws Exception {
        Path secret = Files.writeString(temp.resolve("secret.txt"), "dotnet");
        Path file = temp.resolve("web.config");
        for (String content : List.of(
                "<?xml version=\"1.0\"?><!DOCTYPE c [<!ENTITY x SYSTEM \"" + secret.toUri()
                        + "\">]><configuration><system.webServer><aspNetCore processPath=\"&x;\"/>"
                        + "</system.webServer></configuration>",
                "<configuration><system.webServer>",
                "not xml at all",
                "<configuration><system.webServer><aspNetCore arguments=\"x\"/></system.webServer></configuration>",
                "<configuration><system.webServer><aspNetCore processPath=\"dotnet\" startupTimeLimit=\"soon\"/>"
                        + "</system.webServer></configuration>")) {
            Files.writeString(file, content);
            assertThatThrownBy(() -> WebConfig.aspNetCore(temp), content)
                    .isInstanceOf(WebConfig.WebConfigException.class)
                    .hasMessageContaining(file.toString());
        }
        Files.writeString(file, "<configuration><system.webServer>");
        assertThatThrownBy(() -> WebConfig.check(temp)).isInstanceOf(WebConfig.WebConfigException.class);
    }

    @Test
    void defaultDocument_followsIisOrderIgnoringCase() throws Exception {
        Files.writeString(temp.resolve("index.html"), "b");
        Files.writeString(temp.resolve("INDEX.HTM"), "a");
        assertThat(StaticFiles.defaultDocument(temp).getFileName().toString()).isEqualTo("INDEX.HTM");
        Files.writeString(temp.resolve("default.htm"), "c");
        assertThat(StaticFiles.defaultDocument(temp).getFileName().toString()).isEqualTo("default.htm");
    }

    @Test
    void urlPrefix_matchesOnSegmentBoundariesIgnoringCase() {
        assertThat(UrlPrefix.match("/", "/x")).isZero();
        assertThat(UrlPrefix.match("/App", "/app/x")).isEqualTo(4);
        assertThat(UrlPrefix.match("/app", "/APP")).isEqualTo(4);
        assertThat(UrlPrefix.match("/app", "/apple")).isEqualTo(-1);
        assertThat(List.of(MimeTypes.of("a.CSS"), MimeTypes.of("x.json")))
                .containsExactly("text/css", "application/json");
        assertThat(MimeTypes.of("noextension")).isNull();
    }
}
