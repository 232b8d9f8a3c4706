package io.nomadiis.dist;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A strict reader for the subset of HCL2 the example job files use, for tests only (Java has no HCL
 * parser here): blocks with string labels, attributes, strings with escapes, heredocs ({@code <<EOT} and
 * the indent-stripping {@code <<-EOT}), numbers, booleans, {@code null}, lists, references such as
 * {@code var.name}, {@code ==}/{@code !=} and the conditional {@code a ? b : c}; comments {@code #},
 * {@code //} and {@code /* *}{@code /}. Anything else (interpolation {@code ${...}}, template directives,
 * functions, objects, arithmetic) is an error naming the line, so an example can never silently mean
 * something else here than in Nomad.
 */
final class HclSubsetReader {

    /** An unevaluated expression. */
    sealed interface Expr permits Lit, ListExpr, Ref, Compare, Cond {}

    /** A literal: String, Long, BigDecimal, Boolean or null. */
    record Lit(Object value) implements Expr {}

    /** {@code [a, b]}. */
    record ListExpr(List<Expr> items) implements Expr {}

    /** {@code var.name}, {@code artifact.value}: a dotted reference. */
    record Ref(List<String> path, int line) implements Expr {}

    /** {@code a == b} or {@code a != b}. */
    record Compare(boolean equal, Expr left, Expr right) implements Expr {}

    /** {@code test ? then : otherwise}. */
    record Cond(Expr test, Expr then, Expr otherwise, int line) implements Expr {}

    /** {@code name = value}. */
    record Attribute(String name, Expr value, int line) {}

    /** {@code type "label" ... { body }}. */
    record Block(String type, List<String> labels, Body body, int line) {}

    /** A block body (or the file): attributes and blocks in order. */
    record Body(List<Attribute> attributes, List<Block> blocks) {

        /** The blocks of that type, in order. */
        List<Block> blocks(String type) {
            return blocks.stream().filter(b -> b.type().equals(type)).toList();
        }

        /** The only block of that type; an error when there is none or several. */
        Block single(String type) {
            List<Block> found = blocks(type);
            if (found.size() != 1) {
                throw new IllegalArgumentException("expected exactly one " + type + " block, found " + found.size());
            }
            return found.get(0);
        }

        /** The attribute of that name, or null. */
        Attribute attribute(String name) {
            return attributes.stream()
                    .filter(a -> a.name().equals(name))
                    .findFirst()
                    .orElse(null);
        }
    }

    private final String text;
    private int pos;
    private int line = 1;

    private HclSubsetReader(String text) {
        this.text = text;
    }

    /** Parses a whole file. */
    static Body parse(String text) {
        HclSubsetReader reader = new HclSubsetReader(text);
        Body body = reader.body(false);
        return body;
    }

    /**
     * Evaluates an expression; {@code scope} maps the first part of a reference ({@code var}) to the
     * values it may name.
     */
    static Object eval(Expr expr, Map<String, Map<String, Object>> scope) {
        if (expr instanceof Lit l) {
            return l.value();
        }
        if (expr instanceof ListExpr l) {
            return l.items().stream().map(i -> eval(i, scope)).toList();
        }
        if (expr instanceof Ref r) {
            Map<String, Object> values = scope.get(r.path().get(0));
            if (values == null
                    || r.path().size() != 2
                    || !values.containsKey(r.path().get(1))) {
                throw new IllegalArgumentException(
                        "line " + r.line() + ": unknown reference " + String.join(".", r.path()));
            }
            return values.get(r.path().get(1));
        }
        if (expr instanceof Compare c) {
            return c.equal() == Objects.equals(eval(c.left(), scope), eval(c.right(), scope));
        }
        Cond c = (Cond) expr;
        Object test = eval(c.test(), scope);
        if (!(test instanceof Boolean b)) {
            throw new IllegalArgumentException("line " + c.line() + ": condition is not a bool: " + test);
        }
        return b ? eval(c.then(), scope) : eval(c.otherwise(), scope);
    }

    private Body body(boolean nested) {
        List<Attribute> attributes = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        while (true) {
            skipSpace(true);
            if (pos >= text.length()) {
                if (nested) {
                    throw error("missing }");
                }
                return new Body(attributes, blocks);
            }
            if (peek() == '}') {
                if (!nested) {
                    throw error("unexpected }");
                }
                pos++;
                return new Body(attributes, blocks);
            }
            int startLine = line;
            String name = identifier();
            skipSpace(false);
            if (peek() == '=' && peekAt(1) != '=') {
                pos++;
                Expr value = expression();
                endOfLine();
                attributes.add(new Attribute(name, value, startLine));
                continue;
            }
            List<String> labels = new ArrayList<>();
            while (peek() == '"') {
                Object label = string();
                labels.add((String) label);
                skipSpace(false);
            }
            expect('{');
            Body inner = body(true);
            blocks.add(new Block(name, labels, inner, startLine));
        }
    }

    private Expr expression() {
        int startLine = line;
        Expr test = comparison();
        skipSpace(false);
        if (peek() == '?') {
            pos++;
            Expr then = expression();
            skipSpace(false);
            expect(':');
            Expr otherwise = expression();
            return new Cond(test, then, otherwise, startLine);
        }
        return test;
    }

    private Expr comparison() {
        Expr left = primary();
        skipSpace(false);
        if ((peek() == '=' || peek() == '!') && peekAt(1) == '=') {
            boolean equal = peek() == '=';
            pos += 2;
            return new Compare(equal, left, primary());
        }
        return left;
    }

    private Expr primary() {
        skipSpace(false);
        char c = peek();
        if (c == '"') {
            return new Lit(string());
        }
        if (c == '<' && peekAt(1) == '<') {
            return new Lit(heredoc());
        }
        if (c == '[') {
            pos++;
            List<Expr> items = new ArrayList<>();
            while (true) {
                skipSpace(true);
                if (peek() == ']') {
                    pos++;
                    return new ListExpr(items);
                }
                items.add(expression());
                skipSpace(true);
                if (peek() == ',') {
                    pos++;
                } else if (peek() != ']') {
                    throw error("expected , or ] in a list");
                }
            }
        }
        if (c == '(') {
            pos++;
            Expr inner = expression();
            skipSpace(true);
            expect(')');
            return inner;
        }
        if (c == '-' || Character.isDigit(c)) {
            return new Lit(number());
        }
        if (Character.isLetter(c) || c == '_') {
            int startLine = line;
            List<String> path = new ArrayList<>();
            path.add(identifier());
            while (peek() == '.') {
                pos++;
                path.add(identifier());
            }
            if (peek() == '(') {
                throw error("function calls are not in the subset: " + path.get(0) + "(...)");
            }
            if (path.size() == 1) {
                switch (path.get(0)) {
                    case "true" -> {
                        return new Lit(Boolean.TRUE);
                    }
                    case "false" -> {
                        return new Lit(Boolean.FALSE);
                    }
                    case "null" -> {
                        return new Lit(null);
                    }
                    case "string", "number", "bool" -> {
                        // a variable's type constraint: kept as text, never compared
                        return new Lit("<type " + path.get(0) + ">");
                    }
                    default -> throw error("a bare identifier is not an expression: " + path.get(0));
                }
            }
            return new Ref(path, startLine);
        }
        throw error("unexpected '" + c + "' in an expression");
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        while (Character.isDigit(peek()) || peek() == '.') {
            pos++;
        }
        String digits = text.substring(start, pos);
        if (digits.equals("-") || digits.endsWith(".")) {
            throw error("malformed number " + digits);
        }
        return digits.contains(".") ? new BigDecimal(digits) : (Object) Long.parseLong(digits);
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length() || peek() == '\n') {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case '"' -> out.append('"');
                    case '\\' -> out.append('\\');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> throw error("unknown escape \\" + e);
                }
            } else {
                templateCharacter(c, out);
            }
        }
    }

    /** {@code $${} and {@code %%{} are literal; {@code ${} and {@code %{} would be evaluated by Nomad. */
    private void templateCharacter(char c, StringBuilder out) {
        if ((c == '$' || c == '%') && peek() == c && peekAt(1) == '{') {
            out.append(c).append('{');
            pos += 2;
        } else if ((c == '$' || c == '%') && peek() == '{') {
            throw error("interpolation " + c + "{...} is not in the subset");
        } else {
            out.append(c);
        }
    }

    private String heredoc() {
        pos += 2;
        boolean indented = peek() == '-';
        if (indented) {
            pos++;
        }
        String marker = identifier();
        if (peek() != '\n') {
            throw error("a heredoc marker must end the line");
        }
        pos++;
        line++;
        List<String> lines = new ArrayList<>();
        while (true) {
            if (pos >= text.length()) {
                throw error("heredoc " + marker + " is not closed");
            }
            int end = text.indexOf('\n', pos);
            String raw = end < 0 ? text.substring(pos) : text.substring(pos, end);
            pos = end < 0 ? text.length() : end + 1;
            line++;
            if (raw.strip().equals(marker)) {
                break;
            }
            lines.add(raw);
        }
        if (indented) {
            int indent = lines.stream()
                    .filter(l -> !l.isBlank())
                    .mapToInt(l -> l.length() - l.stripLeading().length())
                    .min()
                    .orElse(0);
            lines.replaceAll(l -> l.isBlank() ? "" : l.substring(indent));
        }
        StringBuilder out = new StringBuilder();
        for (String l : lines) {
            String joined = l + "\n";
            for (int i = 0; i < joined.length(); i++) {
                char c = joined.charAt(i);
                if ((c == '$' || c == '%') && i + 1 < joined.length() && joined.charAt(i + 1) == '{') {
                    throw error("interpolation " + c + "{...} is not in the subset (heredoc " + marker + ")");
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length()
                && (Character.isLetterOrDigit(peek()) || peek() == '_' || (pos > start && peek() == '-'))) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a name, found '" + (pos < text.length() ? peek() : "end of file") + "'");
        }
        return text.substring(start, pos);
    }

    private void endOfLine() {
        skipSpace(false);
        if (pos >= text.length() || peek() == '\n' || peek() == '}') {
            return;
        }
        if (peek() == '#' || (peek() == '/' && peekAt(1) == '/')) {
            return;
        }
        throw error("unexpected '" + peek() + "' after an attribute value");
    }

    private void skipSpace(boolean newlines) {
        while (pos < text.length()) {
            char c = peek();
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '\n' && newlines) {
                pos++;
                line++;
            } else if (c == '#' || (c == '/' && peekAt(1) == '/')) {
                while (pos < text.length() && peek() != '\n') {
                    pos++;
                }
            } else if (c == '/' && peekAt(1) == '*') {
                int end = text.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw error("unclosed comment");
                }
                line += (int) text.substring(pos, end)
                        .chars()
                        .filter(ch -> ch == '\n')
                        .count();
                pos = end + 2;
            } else {
                return;
            }
        }
    }

    private void expect(char c) {
        skipSpace(false);
        if (peek() != c) {
            throw error("expected '" + c + "', found '" + (pos < text.length() ? peek() : "end of file") + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char peekAt(int offset) {
        return pos + offset < text.length() ? text.charAt(pos + offset) : '\0';
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException("line " + line + ": " + message);
    }
}
