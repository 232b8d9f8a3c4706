package io.nomadiis.iis.portable.worker;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The static content types the worker serves, after IIS's {@code staticContent} mime map. As in IIS,
 * a file whose extension is not listed is not served (404.3).
 */
final class MimeTypes {
    private static final Map<String, String> TYPES = new HashMap<>();

    static {
        add("text/html", "htm", "html", "shtml");
        add("text/plain", "txt", "log", "md");
        add("text/css", "css");
        add("text/csv", "csv");
        add("text/xml", "xml", "xsl", "xslt");
        add("text/javascript", "js", "mjs");
        add("application/json", "json", "map");
        add("application/manifest+json", "webmanifest");
        add("application/octet-stream", "bin", "exe", "dll");
        add("application/pdf", "pdf");
        add("application/zip", "zip");
        add("application/x-gzip", "gz");
        add("application/wasm", "wasm");
        add("application/xhtml+xml", "xhtml");
        add("application/rss+xml", "rss");
        add("application/atom+xml", "atom");
        add("image/png", "png");
        add("image/jpeg", "jpg", "jpeg", "jpe");
        add("image/gif", "gif");
        add("image/bmp", "bmp");
        add("image/svg+xml", "svg", "svgz");
        add("image/webp", "webp");
        add("image/avif", "avif");
        add("image/x-icon", "ico");
        add("image/tiff", "tif", "tiff");
        add("font/woff", "woff");
        add("font/woff2", "woff2");
        add("font/ttf", "ttf");
        add("font/otf", "otf");
        add("application/vnd.ms-fontobject", "eot");
        add("audio/mpeg", "mp3");
        add("audio/wav", "wav");
        add("audio/ogg", "oga", "ogg");
        add("video/mp4", "mp4", "m4v");
        add("video/webm", "webm");
        add("video/ogg", "ogv");
    }

    private MimeTypes() {}

    private static void add(String type, String... extensions) {
        for (String extension : extensions) {
            TYPES.put(extension, type);
        }
    }

    /** The content type for a file name, or null when IIS would not serve it. */
    static String of(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) {
            return null;
        }
        return TYPES.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
