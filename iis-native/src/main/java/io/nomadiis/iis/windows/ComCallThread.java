package io.nomadiis.iis.windows;

import com.sun.jna.platform.win32.COM.COMException;
import com.sun.jna.platform.win32.COM.util.ObjectFactory;
import com.sun.jna.platform.win32.Ole32;
import com.sun.jna.platform.win32.W32Errors;
import com.sun.jna.platform.win32.WinNT;
import io.nomadiis.iis.IisException;
import io.nomadiis.log.LogField;
import io.nomadiis.threads.NamedThreadFactory;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@link AdminCalls} of real IIS: the one thread that makes every COM call of the Windows host.
 * It joins the multi-threaded apartment
 * once ({@code CoInitializeEx}), runs one task at a time, each with a fresh JNA {@link ObjectFactory}
 * whose proxies are released when the task ends, and gives each task a timeout. A task that times out
 * keeps the thread busy until Windows answers; later tasks queue behind it. {@link #close()} leaves the
 * apartment and ends the thread.
 */
final class ComCallThread implements AdminCalls {
    private static final System.Logger LOG = System.getLogger(ComCallThread.class.getName());

    private final ExecutorService executor;
    private final Duration timeout;

    ComCallThread(Duration timeout) {
        this.timeout = timeout;
        this.executor = Executors.newSingleThreadExecutor(new NamedThreadFactory("nomad-iis-com"));
        executor.execute(() -> {
            WinNT.HRESULT hr = Ole32.INSTANCE.CoInitializeEx(null, Ole32.COINIT_MULTITHREADED);
            if (W32Errors.FAILED(hr) && hr.intValue() != W32Errors.RPC_E_CHANGED_MODE) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "CoInitializeEx failed on the COM thread",
                        LogField.error(ComFailure.hex(hr.intValue())));
            }
        });
    }

    /** Runs the task on the COM thread, with a fresh {@link ObjectFactory}, and waits for it. */
    @Override
    public <T> T call(String operation, String object, AdminTask<T> task) throws IisException {
        Future<T> future = executor.submit(() -> {
            ObjectFactory factory = new ObjectFactory();
            try {
                return task.run(new ComAppHost(factory));
            } finally {
                factory.disposeAll();
            }
        });
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new ComFailure(
                            operation,
                            object,
                            ComFailure.TIMEOUT,
                            "IIS did not answer within " + timeout.toSeconds() + " s")
                    .toException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IisException("failed to " + operation + " \"" + object + "\": interrupted", e);
        } catch (ExecutionException e) {
            throw translate(operation, object, e.getCause());
        }
    }

    /** Turns what a task threw into the contract's exception. */
    static IisException translate(String operation, String object, Throwable failure) {
        if (failure instanceof COMException com) {
            failure = ComAppHost.translate(com);
        }
        return AdminFailures.translate(operation, object, failure);
    }

    @Override
    public void close() {
        executor.execute(Ole32.INSTANCE::CoUninitialize);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }
}
