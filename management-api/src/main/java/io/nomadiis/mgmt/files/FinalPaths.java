package io.nomadiis.mgmt.files;

import java.util.Locale;

/**
 * Whether an opened file's final path lies in the task directory. Pure string logic, so the Windows
 * rules are tested on any OS: {@code GetFinalPathNameByHandle} answers {@code \\?\C:\...} or
 * {@code \\?\UNC\server\share\...} (Win32 docs, "GetFinalPathNameByHandleW"), NTFS names compare
 * case-insensitively, and a sibling folder sharing a prefix ({@code C:\task2} next to
 * {@code C:\task}) is outside.
 */
public final class FinalPaths {
    private FinalPaths() {}

    /**
     * @param root the task directory's final path
     * @param opened the opened file's final path
     * @param separator the file system's separator ({@code \} on Windows)
     */
    public static boolean isInside(String root, String opened, String separator) {
        boolean windows = separator.equals("\\");
        String r = normalize(root, windows);
        String o = normalize(opened, windows);
        if (windows) {
            r = r.toLowerCase(Locale.ROOT);
            o = o.toLowerCase(Locale.ROOT);
        }
        String sep = windows ? "\\" : "/";
        if (r.endsWith(sep)) {
            r = r.substring(0, r.length() - 1);
        }
        return o.equals(r) || o.startsWith(r + sep);
    }

    private static String normalize(String path, boolean windows) {
        if (!windows) {
            return path;
        }
        String p = path.replace('/', '\\');
        if (p.regionMatches(true, 0, "\\\\?\\UNC\\", 0, 8)) {
            p = "\\\\" + p.substring(8);
        } else if (p.startsWith("\\\\?\\")) {
            p = p.substring(4);
        }
        return p;
    }
}
