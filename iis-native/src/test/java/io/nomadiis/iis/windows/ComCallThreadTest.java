package io.nomadiis.iis.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.platform.win32.COM.util.IDispatch;
import com.sun.jna.platform.win32.COM.util.annotation.ComMethod;
import com.sun.jna.platform.win32.COM.util.annotation.ComObject;
import com.sun.jna.platform.win32.COM.util.annotation.ComProperty;
import io.nomadiis.iis.IisException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The COM thread and JNA's IDispatch proxies against a COM server every Windows has
 * ({@code Scripting.Dictionary}), so the call pattern the AHADMIN layer uses is checked without IIS.
 */
@EnabledOnOs(OS.WINDOWS)
@EnabledIfSystemProperty(named = "nomadiis.windows.tests", matches = "true")
class ComCallThreadTest {
    /** {@code Scripting.Dictionary}, late-bound. */
    @ComObject(progId = "Scripting.Dictionary")
    public interface Dictionary extends IDispatch {
        @ComMethod(name = "Add")
        void add(Object key, Object item);

        @ComProperty(name = "Count")
        Object getCount();

        @ComProperty(name = "Item")
        Object getItem(Object key);

        @ComMethod(name = "Remove")
        void remove(Object key);
    }

    private final ComCallThread com = new ComCallThread(Duration.ofSeconds(30));

    @AfterEach
    void close() {
        com.close();
    }

    @Test
    void call_proxyMethodsAndIndexedProperty_returnValues() throws IisException {
        Object[] result = com.call("fill", "dictionary", admin -> {
            Dictionary dictionary = ((ComAppHost) admin).factory().createObject(Dictionary.class);
            dictionary.add("pool", "nomad-1-web");
            dictionary.add("pid", 4242);
            return new Object[] {dictionary.getCount(), dictionary.getItem("pool"), dictionary.getItem("pid")};
        });
        assertThat(ComValues.toLong(result[0], -1)).isEqualTo(2);
        assertThat(result[1]).isEqualTo("nomad-1-web");
        assertThat(ComValues.toLong(result[2], -1)).isEqualTo(4242);
    }

    @Test
    void call_comError_becomesIisExceptionWithOperationObjectAndHex() {
        assertThatThrownBy(() -> com.call("remove key", "dictionary", admin -> {
                    ((ComAppHost) admin)
                            .factory()
                            .createObject(Dictionary.class)
                            .remove("missing");
                    return null;
                }))
                .isInstanceOf(IisException.class)
                .hasMessageStartingWith("failed to remove key \"dictionary\": ")
                .hasMessageContaining("HRESULT 0x");
    }

    @Test
    void call_slowerThanTheTimeout_failsRetryably() {
        ComCallThread quick = new ComCallThread(Duration.ofMillis(200));
        try {
            assertThatThrownBy(() -> quick.call("wait", "nothing", admin -> {
                        try {
                            Thread.sleep(3000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return null;
                    }))
                    .isInstanceOfSatisfying(IisException.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.getMessage()).contains("0x800705B4").contains("\"nothing\"");
                    });
        } finally {
            quick.close();
        }
    }
}
