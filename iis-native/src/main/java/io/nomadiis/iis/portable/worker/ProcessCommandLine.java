package io.nomadiis.iis.portable.worker;

import java.util.ArrayList;
import java.util.List;

/** Splits an {@code arguments} string into arguments: whitespace separates, double quotes group. */
final class ProcessCommandLine {
    private ProcessCommandLine() {}

    static List<String> split(String arguments) {
        List<String> result = new ArrayList<>();
        if (arguments == null) {
            return result;
        }
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : arguments.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    result.add(current.toString());
                    current.setLength(0);
                    any = false;
                }
            } else {
                current.append(c);
                any = true;
            }
        }
        if (any) {
            result.add(current.toString());
        }
        return result;
    }
}
