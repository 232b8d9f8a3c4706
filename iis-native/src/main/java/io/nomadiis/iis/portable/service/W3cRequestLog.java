package io.nomadiis.iis.portable.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The request log IIS writes per site, in IIS's W3C format, for sites with a {@code logDirectory}: daily
 * files {@code u_exYYMMDD.log} (UTC, IIS's default {@code localTimeRollover = false}) in a {@code W3SVC}
 * folder under the directory, each starting with the {@code #Software}, {@code #Version}, {@code #Date} and
 * {@code #Fields} directives, then one line per request with IIS's default fields. Values with spaces use
 * {@code +} and empty values {@code -}, as IIS writes them. Unlike http.sys, lines are written when the
 * response is complete, not buffered.
 *
 * <p>Called by the service's request threads; writes are serialised.
 */
final class W3cRequestLog {
    /** IIS 10's default {@code logExtFileFlags}, in the order IIS writes them. */
    static final String FIELDS = "date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip "
            + "cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken";
    /** The folder under the site's log directory (IIS: {@code W3SVC<site id>}; the portable host has no ids). */
    static final String FOLDER = "W3SVC-portable";

    private static final DateTimeFormatter FILE_DAY = DateTimeFormatter.ofPattern("yyMMdd", Locale.ROOT);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private W3cRequestLog() {}

    /** One request as IIS logs it. */
    record Request(
            Instant at,
            String serverIp,
            String method,
            String path,
            String query,
            int serverPort,
            String clientIp,
            String userAgent,
            String referer,
            int status,
            long timeTakenMillis) {}

    /** Appends the request to the site's log under {@code directory}, creating the file with its header. */
    static synchronized void append(Path directory, Request request) throws IOException {
        var day = request.at().atZone(ZoneOffset.UTC);
        Path folder = Files.createDirectories(directory.resolve(FOLDER));
        Path file = folder.resolve("u_ex" + FILE_DAY.format(day) + ".log");
        StringBuilder text = new StringBuilder();
        if (!Files.exists(file)) {
            text.append("#Software: Microsoft Internet Information Services 10.0\r\n")
                    .append("#Version: 1.0\r\n")
                    .append("#Date: ")
                    .append(DATE.format(day))
                    .append(' ')
                    .append(TIME.format(day))
                    .append("\r\n")
                    .append("#Fields: ")
                    .append(FIELDS)
                    .append("\r\n");
        }
        text.append(String.join(
                        " ",
                        DATE.format(day),
                        TIME.format(day),
                        value(request.serverIp()),
                        value(request.method()),
                        value(request.path()),
                        value(request.query()),
                        Integer.toString(request.serverPort()),
                        "-",
                        value(request.clientIp()),
                        value(request.userAgent()),
                        value(request.referer()),
                        Integer.toString(request.status()),
                        "0",
                        "0",
                        Long.toString(request.timeTakenMillis())))
                .append("\r\n");
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** A field as IIS writes it: {@code -} when empty, spaces as {@code +}, no control characters. */
    static String value(String text) {
        if (text == null || text.isEmpty()) {
            return "-";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(c == ' ' ? '+' : Character.isISOControl(c) ? '_' : c);
        }
        return out.toString();
    }
}
