package io.nomadiis.iis.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IisInstallationTest {
    @Test
    void of_environment_derivesModulePathsFromWindirAndProgramFiles() {
        IisInstallation paths = IisInstallation.of(Map.of("WINDIR", "D:\\Win\\", "ProgramFiles", "E:\\Apps"));
        assertThat(paths.inetMgr()).isEqualTo(Path.of("D:\\Win\\system32\\inetsrv\\InetMgr.exe"));
        assertThat(paths.ahadmin()).isEqualTo(Path.of("D:\\Win\\system32\\inetsrv\\ahadmin.dll"));
        assertThat(paths.rewriteModule()).isEqualTo(Path.of("D:\\Win\\system32\\inetsrv\\rewrite.dll"));
        assertThat(paths.aspNetCoreModule())
                .isEqualTo(Path.of("E:\\Apps\\IIS\\Asp.Net Core Module\\V2\\aspnetcorev2.dll"));
    }

    @Test
    void of_emptyEnvironment_usesWindowsDefaults_andPrefers64BitProgramFiles() {
        assertThat(IisInstallation.of(Map.of()).inetMgr())
                .isEqualTo(Path.of("C:\\Windows\\system32\\inetsrv\\InetMgr.exe"));
        IisInstallation wow = IisInstallation.of(
                Map.of("ProgramFiles", "C:\\Program Files (x86)", "ProgramW6432", "C:\\Program Files"));
        assertThat(wow.aspNetCoreModule().toString()).startsWith("C:\\Program Files\\IIS");
    }

    @Test
    void unavailabilityCause_offWindows_namesTheOs() {
        if (!System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows")) {
            assertThat(WindowsIisHost.unavailabilityCause()).startsWith("not Windows");
        }
    }
}
