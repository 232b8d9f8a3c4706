package io.nomadiis.mgmt.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A self-check of the handle-based folder calls in a scratch folder before the management API
 * relies on them: create a folder and a file, write, read back at an offset, list, rename into
 * the folder, truncate and delete, and check that every result is what the calls promise. Run
 * once by {@link TaskFolders}, the first time a task directory is opened: by the staging sweeper
 * when the API starts with tasks to sweep, else by the first file request; a failure makes it fall
 * back to {@link CheckedPathFolder} with a warning. Called on the sweeper or an API worker thread.
 */
final class WindowsHandleCheck {
    private static final byte[] PROBE = "nomad-iis handle check".getBytes(StandardCharsets.US_ASCII);

    private WindowsHandleCheck() {}

    /**
     * Runs the check in {@code scratch} (an empty folder the caller removes afterwards).
     *
     * @throws IOException when a call fails or answers what it must not
     */
    static void run(WindowsFileApi api, Path scratch) throws IOException {
        try (WindowsHandleFolder root = WindowsHandleFolder.openRoot(api, scratch);
                TaskFolder sub = root.openOrCreate("sub")) {
            try (FileChannel out = root.openFile(
                    "probe.bin", StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(PROBE);
                while (b.hasRemaining()) {
                    out.write(b);
                }
                expect(out.size() == PROBE.length, "size after write is " + out.size());
                ByteBuffer back = ByteBuffer.allocate(PROBE.length - 4);
                int n = out.read(back, 4);
                expect(
                        n == PROBE.length - 4
                                && Arrays.equals(back.array(), Arrays.copyOfRange(PROBE, 4, PROBE.length)),
                        "read at an offset answered other bytes");
                expect(out.read(ByteBuffer.allocate(1), PROBE.length) == -1, "read past the end is not the end");
                out.truncate(3);
                expect(out.size() == 3, "size after truncate is " + out.size());
            }
            expect(root.kind("probe.bin") == TaskFolder.Kind.FILE, "a file reads as " + root.kind("probe.bin"));
            expect(root.kind("sub") == TaskFolder.Kind.FOLDER, "a folder reads as " + root.kind("sub"));
            expect(root.kind("missing") == TaskFolder.Kind.MISSING, "a missing name reads as present");
            expect(root.list().contains("probe.bin"), "the listing misses the file: " + root.list());
            root.move("probe.bin", sub, "moved.bin");
            expect(sub.list().equals(java.util.List.of("moved.bin")), "the rename left " + sub.list());
            expect(root.kind("probe.bin") == TaskFolder.Kind.MISSING, "the renamed file is still there");
            sub.delete("moved.bin");
            expect(sub.list().isEmpty(), "the delete left " + sub.list());
        }
        try (WindowsHandleFolder root = WindowsHandleFolder.openRoot(api, scratch)) {
            root.delete("sub");
            expect(root.list().isEmpty(), "the folder delete left " + root.list());
        }
    }

    private static void expect(boolean condition, String failure) throws IOException {
        if (!condition) {
            throw new IOException("handle-based file calls misbehave: " + failure);
        }
    }
}
