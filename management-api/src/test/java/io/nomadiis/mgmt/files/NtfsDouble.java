package io.nomadiis.mgmt.files;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A double of the Windows file calls ({@link WindowsFileApi}) over one in-memory NTFS volume
 * {@code C:}. It models the documented behaviour the handle-based task folder relies on:
 *
 * <ul>
 *   <li>names compare case-insensitively and keep the case they were created with (NTFS, with
 *       {@code OBJ_CASE_INSENSITIVE} as Win32 opens use);
 *   <li>a handle reaches the object it opened, whatever later happens to its name or its parents'
 *       (object manager semantics: renames move the object, they do not invalidate handles);
 *   <li>a reparse point (symbolic link or junction) met by name is followed to its target, except
 *       when {@code FILE_OPEN_REPARSE_POINT} is given: then the reparse point itself is opened
 *       (NtCreateFile, "CreateOptions": FILE_OPEN_REPARSE_POINT); a directory link or junction
 *       carries {@code FILE_ATTRIBUTE_DIRECTORY} as well as {@code FILE_ATTRIBUTE_REPARSE_POINT};
 *   <li>{@code FILE_DIRECTORY_FILE} on a non-directory fails with STATUS_NOT_A_DIRECTORY,
 *       {@code FILE_NON_DIRECTORY_FILE} on a directory with STATUS_FILE_IS_A_DIRECTORY; FILE_OPEN on
 *       a missing name with STATUS_OBJECT_NAME_NOT_FOUND, FILE_CREATE on an existing one with
 *       STATUS_OBJECT_NAME_COLLISION (NtCreateFile, "CreateDisposition");
 *   <li>{@code GetFinalPathNameByHandleW} answers the object's current path as {@code \\?\C:\...}
 *       with each name in its stored case;
 *   <li>reads need FILE_READ_DATA, writes and FileEndOfFileInformation FILE_WRITE_DATA, renames and
 *       FileDispositionInformation DELETE access (STATUS_ACCESS_DENIED / ERROR_ACCESS_DENIED
 *       otherwise); a folder that is not empty cannot be marked for deletion
 *       (STATUS_DIRECTORY_NOT_EMPTY) and a marked object goes when its handle is closed;
 *       FileRenameInformation onto an existing name needs ReplaceIfExists and never replaces a
 *       folder (STATUS_ACCESS_DENIED); ReadFile at or past the end reads nothing.
 * </ul>
 *
 * Simplification: a name passed to {@code openRelative} is one component (the logic never sends
 * more); a backslash, slash or colon in it is STATUS_OBJECT_NAME_INVALID. The {@link #beforeOpen}
 * hook lets a test act as the workload between two calls of the logic.
 */
final class NtfsDouble implements WindowsFileApi {
    private static final int ERROR_ACCESS_DENIED = 5;
    private static final int ERROR_INVALID_HANDLE = 6;
    private static final int STATUS_INVALID_PARAMETER = 0xC000000D;

    private abstract static class Node {
        Folder parent;
        String name;
        boolean removed;
        final long created = 1_700_000_000_000L;
        long modified = 1_700_000_000_000L;
    }

    private static final class Folder extends Node {
        final TreeMap<String, Node> children = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    }

    private static final class FileNode extends Node {
        byte[] data = new byte[0];
        int length;
    }

    private static final class Link extends Node {
        String target;
        boolean junction;
        boolean directory;
    }

    private static final class Open {
        final Node node;
        final int access;
        boolean deleteOnClose;

        Open(Node node, int access) {
            this.node = node;
            this.access = access;
        }
    }

    private final Folder volume = new Folder();
    private final Map<Long, Open> handles = new HashMap<>();
    private long nextHandle = 0x100;

    /** Runs (as the workload) at the start of every {@code openRelative}, with the name opened. */
    volatile Consumer<String> beforeOpen = name -> {};

    // ---- the workload's and the test's side: path-based set-up and inspection ----

    private static List<String> parts(String path) {
        String p = path.replace('/', '\\');
        if (p.startsWith("\\\\?\\")) {
            p = p.substring(4);
        }
        if (p.length() < 2 || !p.substring(0, 2).equalsIgnoreCase("C:")) {
            throw new IllegalArgumentException("not a path on the C: volume: " + path);
        }
        List<String> out = new ArrayList<>();
        for (String s : p.substring(2).split("\\\\")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** The node at {@code path}, following every reparse point on the way and at the end; null when missing. */
    private Node lookup(String path, int depth) {
        if (depth > 63) {
            return null;
        }
        Node current = volume;
        for (String part : parts(path)) {
            current = follow(current, depth);
            if (!(current instanceof Folder f)) {
                return null;
            }
            current = f.children.get(part);
            if (current == null) {
                return null;
            }
        }
        return follow(current, depth);
    }

    private Node follow(Node node, int depth) {
        return node instanceof Link l ? lookup(l.target, depth + 1) : node;
    }

    /** The node at {@code path} without following a reparse point at its last component. */
    private Node lookupNoFollowLast(String path) {
        List<String> p = parts(path);
        if (p.isEmpty()) {
            return volume;
        }
        Folder parent = parentOf(path);
        return parent == null ? null : parent.children.get(p.get(p.size() - 1));
    }

    private Folder parentOf(String path) {
        List<String> p = parts(path);
        StringBuilder parent = new StringBuilder("C:");
        for (String s : p.subList(0, p.size() - 1)) {
            parent.append('\\').append(s);
        }
        return lookup(parent.toString(), 0) instanceof Folder f ? f : null;
    }

    private static String lastName(String path) {
        List<String> p = parts(path);
        return p.get(p.size() - 1);
    }

    private static void attach(Folder parent, String name, Node node) {
        node.parent = parent;
        node.name = name;
        node.removed = false;
        parent.children.put(name, node);
    }

    private static void detach(Node node) {
        if (node.parent != null && node.parent.children.get(node.name) == node) {
            node.parent.children.remove(node.name);
        }
        node.removed = true;
    }

    synchronized void mkdirs(String path) {
        Node current = volume;
        for (String part : parts(path)) {
            Folder f = (Folder) follow(current, 0);
            Node next = f.children.get(part);
            if (next == null) {
                next = new Folder();
                attach(f, part, next);
            }
            current = next;
        }
    }

    synchronized void writeFile(String path, String content) {
        Folder parent = parentOf(path);
        Node existing = parent.children.get(lastName(path));
        FileNode file = existing instanceof FileNode f ? f : new FileNode();
        if (existing == null) {
            attach(parent, lastName(path), file);
        }
        file.data = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        file.length = file.data.length;
    }

    /** The file's content (following links), or null when there is no file there. */
    synchronized String readFile(String path) {
        Node n = lookup(path, 0);
        return n instanceof FileNode f
                ? new String(f.data, 0, f.length, java.nio.charset.StandardCharsets.UTF_8)
                : null;
    }

    /** Whether anything (a link counts itself) is at {@code path}. */
    synchronized boolean exists(String path) {
        return lookupNoFollowLast(path) != null;
    }

    /** The names in the folder at {@code path}. */
    synchronized List<String> names(String path) {
        return new ArrayList<>(((Folder) lookup(path, 0)).children.keySet());
    }

    synchronized void junction(String path, String target) {
        Link l = new Link();
        l.target = target;
        l.junction = true;
        l.directory = true;
        attach(parentOf(path), lastName(path), l);
    }

    synchronized void symlink(String path, String target, boolean directory) {
        Link l = new Link();
        l.target = target;
        l.directory = directory;
        attach(parentOf(path), lastName(path), l);
    }

    /** The workload renames or moves {@code from} (the link itself when it is one) to {@code to}. */
    synchronized void move(String from, String to) {
        Node n = lookupNoFollowLast(from);
        detach(n);
        attach(parentOf(to), lastName(to), n);
    }

    synchronized int openHandles() {
        return handles.size();
    }

    // ---- the calls ----

    private Open open(long handle) throws WindowsCallException {
        Open o = handles.get(handle);
        if (o == null) {
            throw new WindowsCallException("double", ERROR_INVALID_HANDLE, false);
        }
        return o;
    }

    private static boolean isDirectory(Node n) {
        return n instanceof Folder || (n instanceof Link l && l.directory);
    }

    private long register(Node node, int access) {
        long h = nextHandle;
        nextHandle += 4;
        handles.put(h, new Open(node, access));
        return h;
    }

    @Override
    public synchronized long openFolderByPath(String path) throws WindowsCallException {
        Node n = lookup(path, 0);
        if (n == null) {
            throw new WindowsCallException("CreateFileW", 3, false);
        }
        return register(n, FILE_LIST_DIRECTORY | FILE_TRAVERSE | FILE_READ_ATTRIBUTES | SYNCHRONIZE);
    }

    @Override
    public long openRelative(long folder, String name, int access, int disposition, int options)
            throws WindowsCallException {
        beforeOpen.accept(name);
        synchronized (this) {
            Open parent = open(folder);
            if (!(parent.node instanceof Folder dir) || parent.node.removed) {
                throw new WindowsCallException("NtCreateFile", STATUS_OBJECT_PATH_NOT_FOUND, true);
            }
            if (name.isEmpty() || name.indexOf('\\') >= 0 || name.indexOf('/') >= 0 || name.indexOf(':') >= 0) {
                throw new WindowsCallException("NtCreateFile", STATUS_OBJECT_NAME_INVALID, true);
            }
            Node child = dir.children.get(name);
            if (child instanceof Link l && (options & FILE_OPEN_REPARSE_POINT) == 0) {
                child = lookup(l.target, 1);
                if (child == null) {
                    throw new WindowsCallException("NtCreateFile", STATUS_OBJECT_PATH_NOT_FOUND, true);
                }
            }
            if (child == null) {
                if (disposition == FILE_OPEN) {
                    throw new WindowsCallException("NtCreateFile", STATUS_OBJECT_NAME_NOT_FOUND, true);
                }
                child = (options & FILE_DIRECTORY_FILE) != 0 ? new Folder() : new FileNode();
                attach(dir, name, child);
            } else if (disposition == FILE_CREATE) {
                throw new WindowsCallException("NtCreateFile", STATUS_OBJECT_NAME_COLLISION, true);
            }
            if ((options & FILE_DIRECTORY_FILE) != 0 && !isDirectory(child)) {
                throw new WindowsCallException("NtCreateFile", STATUS_NOT_A_DIRECTORY, true);
            }
            if ((options & FILE_NON_DIRECTORY_FILE) != 0 && isDirectory(child)) {
                throw new WindowsCallException("NtCreateFile", STATUS_FILE_IS_A_DIRECTORY, true);
            }
            return register(child, access);
        }
    }

    @Override
    public synchronized Info info(long handle) throws WindowsCallException {
        Node n = open(handle).node;
        int attributes;
        if (n instanceof Link l) {
            attributes = FILE_ATTRIBUTE_REPARSE_POINT | (l.directory ? FILE_ATTRIBUTE_DIRECTORY : 0);
        } else if (n instanceof Folder) {
            attributes = FILE_ATTRIBUTE_DIRECTORY;
        } else {
            attributes = 0x20; // FILE_ATTRIBUTE_ARCHIVE
        }
        long size = n instanceof FileNode f ? f.length : 0;
        return new Info(attributes, size, n.modified, n.created);
    }

    @Override
    public synchronized String finalPath(long handle) throws WindowsCallException {
        Node n = open(handle).node;
        List<String> names = new ArrayList<>();
        for (Node at = n; at != volume; at = at.parent) {
            if (at == null) {
                throw new WindowsCallException("GetFinalPathNameByHandleW", 2, false);
            }
            names.add(0, at.name);
        }
        return "\\\\?\\C:\\" + String.join("\\", names);
    }

    @Override
    public synchronized List<String> list(long folder) throws WindowsCallException {
        if (!(open(folder).node instanceof Folder f)) {
            throw new WindowsCallException("GetFileInformationByHandleEx", 267, false);
        }
        return new ArrayList<>(f.children.values().stream().map(c -> c.name).toList());
    }

    @Override
    public synchronized int read(long file, long position, byte[] buffer, int offset, int length)
            throws WindowsCallException {
        Open o = open(file);
        if ((o.access & FILE_READ_DATA) == 0 || !(o.node instanceof FileNode f)) {
            throw new WindowsCallException("ReadFile", ERROR_ACCESS_DENIED, false);
        }
        if (position >= f.length) {
            return -1;
        }
        int n = (int) Math.min(length, f.length - position);
        System.arraycopy(f.data, (int) position, buffer, offset, n);
        return n;
    }

    @Override
    public synchronized int write(long file, long position, byte[] buffer, int offset, int length)
            throws WindowsCallException {
        Open o = open(file);
        if ((o.access & FILE_WRITE_DATA) == 0 || !(o.node instanceof FileNode f)) {
            throw new WindowsCallException("WriteFile", ERROR_ACCESS_DENIED, false);
        }
        int end = Math.toIntExact(position + length);
        if (end > f.data.length) {
            f.data = Arrays.copyOf(f.data, Math.max(end, f.data.length * 2));
        }
        System.arraycopy(buffer, offset, f.data, (int) position, length);
        f.length = Math.max(f.length, end);
        f.modified++;
        return length;
    }

    @Override
    public synchronized void setLength(long file, long length) throws WindowsCallException {
        Open o = open(file);
        if ((o.access & FILE_WRITE_DATA) == 0 || !(o.node instanceof FileNode f)) {
            throw new WindowsCallException("NtSetInformationFile", STATUS_ACCESS_DENIED, true);
        }
        int n = Math.toIntExact(length);
        f.data = Arrays.copyOf(f.data, Math.max(n, f.data.length));
        if (n < f.length) {
            Arrays.fill(f.data, n, f.data.length, (byte) 0);
        }
        f.length = n;
    }

    @Override
    public synchronized void flush(long file) throws WindowsCallException {
        open(file);
    }

    @Override
    public synchronized void rename(long handle, long toFolder, String toName, boolean replace)
            throws WindowsCallException {
        Open o = open(handle);
        if ((o.access & DELETE) == 0) {
            throw new WindowsCallException("NtSetInformationFile", STATUS_ACCESS_DENIED, true);
        }
        if (!(open(toFolder).node instanceof Folder target)) {
            throw new WindowsCallException("NtSetInformationFile", STATUS_INVALID_PARAMETER, true);
        }
        for (Node at = target; at != null; at = at.parent) {
            if (at == o.node) {
                throw new WindowsCallException("NtSetInformationFile", STATUS_INVALID_PARAMETER, true);
            }
        }
        Node existing = target.children.get(toName);
        if (existing != null && existing != o.node) {
            if (!replace) {
                throw new WindowsCallException("NtSetInformationFile", STATUS_OBJECT_NAME_COLLISION, true);
            }
            if (existing instanceof Folder) {
                throw new WindowsCallException("NtSetInformationFile", STATUS_ACCESS_DENIED, true);
            }
            detach(existing);
        }
        detach(o.node);
        attach(target, toName, o.node);
    }

    @Override
    public synchronized void markForDeletion(long handle) throws WindowsCallException {
        Open o = open(handle);
        if ((o.access & DELETE) == 0) {
            throw new WindowsCallException("NtSetInformationFile", STATUS_ACCESS_DENIED, true);
        }
        if (o.node instanceof Folder f && !f.children.isEmpty()) {
            throw new WindowsCallException("NtSetInformationFile", STATUS_DIRECTORY_NOT_EMPTY, true);
        }
        o.deleteOnClose = true;
    }

    @Override
    public synchronized void close(long handle) {
        Open o = handles.remove(handle);
        if (o != null && o.deleteOnClose) {
            detach(o.node);
        }
    }
}
