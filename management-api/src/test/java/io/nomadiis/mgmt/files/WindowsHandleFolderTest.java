package io.nomadiis.mgmt.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nomadiis.mgmt.Limits;
import io.nomadiis.mgmt.http.ApiException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The handle-based Windows task folder (issue 10 item 3 on Windows) against a double of the
 * Windows file calls ({@link NtfsDouble}): links and junctions are never followed, a folder swapped
 * for a junction between a check and an open is refused, a held folder keeps reaching the folder it
 * opened (or is refused once moved out of the task directory), final paths compare
 * case-insensitively, and reads, writes, renames, deletes and zip extraction go through verified
 * handles. Every test ends with no handle left open.
 */
class WindowsHandleFolderTest {
    static final String TASK = "C:\\Nomad\\alloc\\0b5e\\Web";
    static final String SECRET = "C:\\Windows\\System32\\config";

    NtfsDouble ntfs = new NtfsDouble();
    WindowsHandleFolder root;

    @BeforeEach
    void volume() throws Exception {
        ntfs.mkdirs(TASK + "\\local\\sub");
        ntfs.writeFile(TASK + "\\local\\index.html", "site");
        ntfs.mkdirs(SECRET);
        ntfs.writeFile(SECRET + "\\SAM", "secret");
        // opened by another spelling of the same path: the final path check is case-insensitive
        root = WindowsHandleFolder.openRoot(ntfs, Path.of("c:/nomad/ALLOC/0b5e/web"));
    }

    @AfterEach
    void noHandleLeft() {
        root.close();
        assertThat(ntfs.openHandles()).as("handles left open").isZero();
    }

    private static String read(FileChannel ch) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ch.transferTo(0, ch.size(), Channels.newChannel(out));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void write(FileChannel ch, String s) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    @Test
    void readWriteCreateAndList_throughHandles_caseKeptAsCreated() throws Exception {
        try (TaskFolder local = root.open("LOCAL")) {
            assertThat(local.kind("Index.HTML")).isEqualTo(TaskFolder.Kind.FILE);
            try (FileChannel in = local.openFile("index.html", StandardOpenOption.READ)) {
                assertThat(read(in)).isEqualTo("site");
            }
            try (TaskFolder made = local.openOrCreate("New");
                    FileChannel out = made.openFile(
                            "A.txt",
                            StandardOpenOption.CREATE,
                            StandardOpenOption.TRUNCATE_EXISTING,
                            StandardOpenOption.WRITE)) {
                write(out, "hello");
            }
            assertThat(local.list()).containsExactlyInAnyOrder("index.html", "sub", "New");
            assertThat(local.attributes("new").orElseThrow().isDirectory()).isTrue();
            assertThat(local.attributes("missing")).isEmpty();
        }
        assertThat(ntfs.readFile(TASK + "\\local\\new\\a.txt")).isEqualTo("hello");
        assertThat(ntfs.names(TASK + "\\local\\New")).containsExactly("A.txt");
    }

    @Test
    void createNew_onAnExistingName_refused_andTruncateShortensTheFile() throws Exception {
        try (TaskFolder local = root.open("local")) {
            assertThatThrownBy(
                            () -> local.openFile("index.html", StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
                    .isInstanceOf(FileAlreadyExistsException.class);
            try (FileChannel out =
                    local.openFile("index.html", StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                write(out, "x");
            }
            assertThat(ntfs.readFile(TASK + "\\local\\index.html")).isEqualTo("x");
            assertThatThrownBy(() -> local.openFile("gone.txt", StandardOpenOption.READ))
                    .isInstanceOf(NoSuchFileException.class);
        }
    }

    @Test
    void junctionToAnOutsideFolder_isALink_neverOpenedThrough() throws Exception {
        ntfs.junction(TASK + "\\local\\out", SECRET);
        ntfs.symlink(TASK + "\\local\\sam.lnk", SECRET + "\\SAM", false);
        try (TaskFolder local = root.open("local")) {
            assertThat(local.kind("out")).isEqualTo(TaskFolder.Kind.LINK);
            assertThat(local.kind("sam.lnk")).isEqualTo(TaskFolder.Kind.LINK);
            assertThatThrownBy(() -> local.open("out")).isInstanceOf(LinkRefusedException.class);
            assertThatThrownBy(() -> local.openOrCreate("out")).isInstanceOf(LinkRefusedException.class);
            assertThatThrownBy(() -> local.open("sam.lnk")).isInstanceOf(LinkRefusedException.class);
            assertThatThrownBy(() -> local.openFile("sam.lnk", StandardOpenOption.READ))
                    .isInstanceOf(LinkRefusedException.class);
            assertThatThrownBy(() ->
                            local.openFile("sam.lnk", StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING))
                    .isInstanceOf(LinkRefusedException.class);
        }
        assertThatThrownBy(() -> TaskFolders.walk(root, List.of("local", "out"), false, "local/out"))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(403));
        assertThat(ntfs.readFile(SECRET + "\\SAM")).isEqualTo("secret");
    }

    @Test
    void theDouble_followsAJunction_whenFileOpenReparsePointIsNotGiven() throws Exception {
        // what the logic guards against: without the flag the same open lands outside
        ntfs.junction(TASK + "\\local\\out", SECRET);
        try (TaskFolder local = root.open("local")) {
            long folder = ntfs.openFolderByPath(TASK + "\\local");
            long h = ntfs.openRelative(
                    folder,
                    "out",
                    WindowsFileApi.FILE_LIST_DIRECTORY,
                    WindowsFileApi.FILE_OPEN,
                    WindowsFileApi.FILE_DIRECTORY_FILE);
            try {
                assertThat(ntfs.finalPath(h)).isEqualTo("\\\\?\\" + SECRET);
                assertThat(ntfs.info(h).isReparsePoint()).isFalse();
            } finally {
                ntfs.close(h);
                ntfs.close(folder);
            }
            assertThat(local.kind("out")).isEqualTo(TaskFolder.Kind.LINK);
        }
    }

    @Test
    void folderSwappedForAJunction_betweenCheckAndOpen_refused() throws Exception {
        try (TaskFolder local = root.open("local")) {
            assertThat(local.kind("sub")).isEqualTo(TaskFolder.Kind.FOLDER);
            swapOnOpen("sub");
            assertThatThrownBy(() -> local.open("sub")).isInstanceOf(LinkRefusedException.class);
        }
        assertThat(ntfs.names(SECRET)).containsExactly("SAM");
    }

    @Test
    void fileSwappedForALink_betweenCheckAndWrite_refused_targetNotTruncated() throws Exception {
        try (TaskFolder local = root.open("local")) {
            assertThat(local.kind("index.html")).isEqualTo(TaskFolder.Kind.FILE);
            AtomicBoolean swapped = new AtomicBoolean();
            ntfs.beforeOpen = name -> {
                if (name.equals("index.html") && swapped.compareAndSet(false, true)) {
                    ntfs.move(TASK + "\\local\\index.html", TASK + "\\local\\index.old");
                    ntfs.symlink(TASK + "\\local\\index.html", SECRET + "\\SAM", false);
                }
            };
            assertThatThrownBy(() -> local.openFile(
                            "index.html",
                            StandardOpenOption.CREATE,
                            StandardOpenOption.TRUNCATE_EXISTING,
                            StandardOpenOption.WRITE))
                    .isInstanceOf(LinkRefusedException.class);
        }
        assertThat(ntfs.readFile(SECRET + "\\SAM")).isEqualTo("secret");
    }

    /** The workload, at the next open of {@code name}, renames that folder away and puts a junction out there. */
    private void swapOnOpen(String name) {
        AtomicBoolean swapped = new AtomicBoolean();
        ntfs.beforeOpen = opened -> {
            if (opened.equals(name) && swapped.compareAndSet(false, true)) {
                ntfs.move(TASK + "\\local\\" + name, TASK + "\\local\\" + name + "-old");
                ntfs.junction(TASK + "\\local\\" + name, SECRET);
            }
        };
    }

    @Test
    void heldFolderSwappedForAJunction_writesStillLandInTheFolderThatWasOpened() throws Exception {
        try (TaskFolder local = root.open("local");
                TaskFolder sub = local.open("sub")) {
            ntfs.move(TASK + "\\local\\sub", TASK + "\\local\\sub-old");
            ntfs.junction(TASK + "\\local\\sub", SECRET);
            try (FileChannel out = sub.openFile("x.txt", StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                write(out, "inside");
            }
        }
        assertThat(ntfs.readFile(TASK + "\\local\\sub-old\\x.txt")).isEqualTo("inside");
        assertThat(ntfs.names(SECRET)).containsExactly("SAM");
    }

    @Test
    void heldFolderMovedOutOfTheTaskDirectory_refusedBeforeAnyByteIsWritten() throws Exception {
        ntfs.mkdirs("C:\\Users\\Public");
        try (TaskFolder local = root.open("local");
                TaskFolder sub = local.open("sub")) {
            ntfs.move(TASK + "\\local\\sub", "C:\\Users\\Public\\sub");
            assertThatThrownBy(() -> sub.openFile("x.txt", StandardOpenOption.CREATE, StandardOpenOption.WRITE))
                    .isInstanceOf(LinkRefusedException.class);
            assertThatThrownBy(sub::list).isInstanceOf(LinkRefusedException.class);
            assertThatThrownBy(() -> sub.openOrCreate("deeper")).isInstanceOf(LinkRefusedException.class);
            assertThatThrownBy(() -> local.move("index.html", sub, "index.html"))
                    .isInstanceOf(LinkRefusedException.class);
        }
        assertThat(ntfs.exists(TASK + "\\local\\index.html")).isTrue();
        assertThat(ntfs.names("C:\\Users\\Public\\sub")).isEmpty();
    }

    @Test
    void deleteOfAJunction_removesTheLinkOnly_andTreesDeleteNeverEntersIt() throws Exception {
        ntfs.junction(TASK + "\\local\\sub\\out", SECRET);
        ntfs.writeFile(TASK + "\\local\\sub\\f.txt", "f");
        try (TaskFolder local = root.open("local")) {
            Trees.delete(local, "sub");
            assertThat(local.kind("sub")).isEqualTo(TaskFolder.Kind.MISSING);
            local.delete("never-there");
        }
        assertThat(ntfs.names(SECRET)).containsExactly("SAM");
        assertThat(ntfs.readFile(SECRET + "\\SAM")).isEqualTo("secret");
    }

    @Test
    void deleteOfAFolderThatIsNotEmpty_refused() throws Exception {
        ntfs.writeFile(TASK + "\\local\\sub\\f.txt", "f");
        try (TaskFolder local = root.open("local")) {
            assertThatThrownBy(() -> local.delete("sub")).isInstanceOf(DirectoryNotEmptyException.class);
        }
        assertThat(ntfs.readFile(TASK + "\\local\\sub\\f.txt")).isEqualTo("f");
    }

    @Test
    void move_replacesAFileInTheTargetFolder_andMovesALinkItself() throws Exception {
        ntfs.writeFile(TASK + "\\local\\sub\\index.html", "old");
        ntfs.junction(TASK + "\\local\\out", SECRET);
        try (TaskFolder local = root.open("local");
                TaskFolder sub = local.open("sub")) {
            local.move("index.html", sub, "index.html");
            local.move("out", sub, "out2");
            assertThatThrownBy(() -> local.move("a:b", sub, "x")).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(ntfs.readFile(TASK + "\\local\\sub\\index.html")).isEqualTo("site");
        assertThat(ntfs.exists(TASK + "\\local\\index.html")).isFalse();
        assertThat(ntfs.exists(TASK + "\\local\\sub\\out2")).isTrue();
        assertThat(ntfs.names(SECRET)).containsExactly("SAM");
    }

    @Test
    void alternateDataStreamNames_refused() throws Exception {
        try (TaskFolder local = root.open("local")) {
            assertThatThrownBy(() -> local.openFile("index.html:evil", StandardOpenOption.READ))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> local.openOrCreate("sub::$INDEX_ALLOCATION"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void channel_positionsAppendTruncateAndExactTransfers() throws Exception {
        try (TaskFolder local = root.open("local")) {
            try (FileChannel ch = local.openFile(
                    "c.bin", StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                write(ch, "0123456789");
                assertThat(ch.size()).isEqualTo(10);
                assertThat(ch.position()).isEqualTo(10);
                ByteBuffer b = ByteBuffer.allocate(4);
                ch.position(3);
                assertThat(ch.read(b)).isEqualTo(4);
                assertThat(new String(b.array(), StandardCharsets.US_ASCII)).isEqualTo("3456");
                ch.position(10);
                assertThat(ch.read(ByteBuffer.allocate(1))).isEqualTo(-1);
                ByteArrayOutputStream part = new ByteArrayOutputStream();
                assertThat(ch.transferTo(2, 5, Channels.newChannel(part))).isEqualTo(5);
                assertThat(part.toString(StandardCharsets.US_ASCII)).isEqualTo("23456");
                ch.truncate(4);
                assertThat(ch.size()).isEqualTo(4);
                assertThat(ch.position()).isEqualTo(4);
            }
            try (FileChannel ch = local.openFile("c.bin", StandardOpenOption.APPEND)) {
                write(ch, "ab");
            }
            try (FileChannel ch = local.openFile("c.bin", StandardOpenOption.READ)) {
                assertThat(read(ch)).isEqualTo("0123ab");
                assertThatThrownBy(() -> ch.write(ByteBuffer.allocate(1)))
                        .isInstanceOf(java.nio.channels.NonWritableChannelException.class);
            }
        }
    }

    private static SeekableByteChannel zipOf(String... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                if (namesAndContents[i + 1] != null) {
                    zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                }
                zip.closeEntry();
            }
        }
        return new InMemoryChannel(bytes.toByteArray());
    }

    @Test
    void zipExtraction_throughHandles_aFolderSwappedMidExtraction_neverWritesOutside() throws Exception {
        try (TaskFolder local = root.open("local");
                SeekableByteChannel body = zipOf("a/", null, "a/one.txt", "1", "a/evil.txt", "2")) {
            AtomicBoolean swapped = new AtomicBoolean();
            ntfs.beforeOpen = name -> {
                if (name.equals("evil.txt") && swapped.compareAndSet(false, true)) {
                    ntfs.move(TASK + "\\local\\tree\\a", TASK + "\\local\\tree\\a-old");
                    ntfs.junction(TASK + "\\local\\tree\\a", SECRET);
                }
            };
            try (TaskFolder tree = local.openOrCreate("tree")) {
                try {
                    new ZipExtractor(Limits.defaults()).extract(body, tree);
                } catch (LinkRefusedException | ApiException refused) {
                    // refusing is as good as writing into the folder that was opened
                }
            }
            assertThat(swapped).isTrue();
        }
        assertThat(ntfs.names(SECRET)).containsExactly("SAM");
        assertThat(ntfs.readFile(TASK + "\\local\\tree\\a-old\\one.txt")).isEqualTo("1");
    }

    @Test
    void zipExtraction_plain_writesEveryEntry() throws Exception {
        try (TaskFolder local = root.open("local");
                TaskFolder tree = local.openOrCreate("tree");
                SeekableByteChannel body = zipOf("a/b/c.txt", "c", "d.txt", "d")) {
            ZipExtractor.Result r = new ZipExtractor(Limits.defaults()).extract(body, tree);
            assertThat(r.files()).isEqualTo(2);
        }
        assertThat(ntfs.readFile(TASK + "\\local\\tree\\a\\b\\c.txt")).isEqualTo("c");
        assertThat(ntfs.readFile(TASK + "\\local\\tree\\d.txt")).isEqualTo("d");
    }

    /** A zip body held in memory. */
    private static final class InMemoryChannel implements SeekableByteChannel {
        private final byte[] data;
        private int position;
        private boolean open = true;

        InMemoryChannel(byte[] data) {
            this.data = data;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position >= data.length) {
                return -1;
            }
            int n = Math.min(dst.remaining(), data.length - position);
            dst.put(data, position, n);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new java.nio.channels.NonWritableChannelException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = (int) newPosition;
            return this;
        }

        @Override
        public long size() {
            return data.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new java.nio.channels.NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
