package io.nomadiis.iis.portable.worker;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * IIS's static file handler for one folder mounted at a URL prefix: default documents in IIS's
 * order, a redirect adding the trailing slash to directory URLs, IIS's content types (unlisted
 * extensions are not served), hidden segments ({@code web.config}, {@code bin}, {@code App_Data}, ...)
 * answered 404, {@code Last-Modified}/{@code ETag} validators with 304 answers, and single byte ranges
 * (206/416). Bodies are streamed.
 */
final class StaticFiles {
    /** IIS's default document list, in order. */
    static final List<String> DEFAULT_DOCUMENTS =
            List.of("Default.htm", "Default.asp", "index.htm", "index.html", "iisstart.htm", "default.aspx");

    private static final Set<String> HIDDEN_SEGMENTS = Set.of(
            "web.config",
            "bin",
            "app_code",
            "app_globalresources",
            "app_localresources",
            "app_webreferences",
            "app_data",
            "app_browsers");

    private StaticFiles() {}

    /**
     * Serves {@code relative} (the request path after the mount prefix, decoded) from {@code root}.
     */
    static void serve(HttpExchange exchange, Path root, String relative) throws IOException {
        String method = exchange.getRequestMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            ErrorPages.send(exchange, 405, "0", "Method Not Allowed");
            return;
        }
        String clean = relative.replace('\\', '/');
        for (String segment : clean.split("/")) {
            if (segment.equals("..") || segment.indexOf('\0') >= 0) {
                ErrorPages.send(exchange, 400, "0", "Bad Request");
                return;
            }
            if (HIDDEN_SEGMENTS.contains(segment.toLowerCase(Locale.ROOT))) {
                ErrorPages.send(exchange, 404, "8", "Not Found");
                return;
            }
        }
        Path file =
                root.resolve(clean.startsWith("/") ? clean.substring(1) : clean).normalize();
        if (!file.startsWith(root)) {
            ErrorPages.send(exchange, 400, "0", "Bad Request");
            return;
        }
        if (Files.isDirectory(file)) {
            serveDirectory(exchange, file);
        } else if (Files.isRegularFile(file)) {
            serveFile(exchange, file);
        } else {
            ErrorPages.send(exchange, 404, "0", "Not Found");
        }
    }

    private static void serveDirectory(HttpExchange exchange, Path dir) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        if (!rawPath.endsWith("/")) {
            String query = exchange.getRequestURI().getRawQuery();
            exchange.getResponseHeaders().set("Location", rawPath + "/" + (query == null ? "" : "?" + query));
            ErrorPages.send(exchange, 301, "0", "Moved Permanently");
            return;
        }
        Path document = defaultDocument(dir);
        if (document == null) {
            ErrorPages.send(exchange, 403, "14", "Forbidden");
        } else {
            serveFile(exchange, document);
        }
    }

    /** The first default document present in the folder (names compared ignoring case, as on Windows). */
    static Path defaultDocument(Path dir) throws IOException {
        for (String name : DEFAULT_DOCUMENTS) {
            Path exact = dir.resolve(name);
            if (Files.isRegularFile(exact)) {
                return exact;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    if (entry.getFileName().toString().equalsIgnoreCase(name) && Files.isRegularFile(entry)) {
                        return entry;
                    }
                }
            }
        }
        return null;
    }

    private static void serveFile(HttpExchange exchange, Path file) throws IOException {
        String type = MimeTypes.of(file.getFileName().toString());
        if (type == null) {
            ErrorPages.send(exchange, 404, "3", "Not Found");
            return;
        }
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        long size = attributes.size();
        ZonedDateTime modified =
                attributes.lastModifiedTime().toInstant().atZone(ZoneOffset.UTC).withNano(0);
        String etag =
                "\"" + Long.toHexString(attributes.lastModifiedTime().toMillis()) + ":" + Long.toHexString(size) + "\"";
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(modified));
        exchange.getResponseHeaders().set("ETag", etag);
        exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
        if (notModified(exchange, etag, modified)) {
            exchange.sendResponseHeaders(304, -1);
            exchange.close();
            return;
        }
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Content-Length", Long.toString(size));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            return;
        }
        long[] range = ByteRange.parse(exchange.getRequestHeaders().getFirst("Range"), size);
        if (range == ByteRange.UNSATISFIABLE) {
            exchange.getResponseHeaders().set("Content-Range", "bytes */" + size);
            ErrorPages.send(exchange, 416, "0", "Requested Range Not Satisfiable");
            return;
        }
        long from = range == null ? 0 : range[0];
        long length = range == null ? size : range[1] - range[0] + 1;
        if (range != null) {
            exchange.getResponseHeaders().set("Content-Range", "bytes " + range[0] + "-" + range[1] + "/" + size);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            exchange.sendResponseHeaders(range == null ? 200 : 206, length == 0 ? -1 : length);
            try (OutputStream out = exchange.getResponseBody()) {
                channel.position(from);
                InputStream in = Channels.newInputStream(channel);
                byte[] buffer = new byte[16384];
                long left = length;
                for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; left -= n) {
                    out.write(buffer, 0, n);
                }
            }
        } finally {
            exchange.close();
        }
    }

    private static boolean notModified(HttpExchange exchange, String etag, ZonedDateTime modified) {
        String noneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        if (noneMatch != null) {
            return noneMatch.contains(etag) || noneMatch.trim().equals("*");
        }
        String since = exchange.getRequestHeaders().getFirst("If-Modified-Since");
        if (since != null) {
            try {
                return !modified.isAfter(ZonedDateTime.parse(since, DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        return false;
    }
}
