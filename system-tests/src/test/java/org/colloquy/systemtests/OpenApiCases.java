package org.colloquy.systemtests;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Bad-input cases for one operation of an OpenAPI document: every path and query parameter and every field of the
 * JSON body (found from the schema, {@code $ref}s resolved) gets hostile values one at a time while the rest of the
 * request stays valid, so each case reaches the code that handles that one value; and the whole body gets malformed
 * JSON, wrong types, deep nesting and oversized numbers. Deterministic for a seed.
 */
final class OpenApiCases {

    /** One request to send: a path with its query already percent-encoded, an optional raw body. */
    record Case(String method, String path, String body, String contentType, boolean anonymous, String what) {
    }

    record Operation(String service, String method, String pathTemplate, List<Map<String, Object>> parameters,
            Map<String, Object> bodySchema) {
        String name() {
            return method.toUpperCase() + " " + pathTemplate;
        }
    }

    /** Values a path segment or a query parameter gets, already percent-encoded (some deliberately invalid). */
    static final List<String> BAD_PARAMETERS = List.of("%00", "a%00b", "", "%20", "-1", "0", "-2147483649",
            "2147483648", "99999999999999999999999", "1e309", "NaN", "abc", "true", "%25", "%25zz", "%C3%28",
            "%ED%A0%80", "%F0%9F%98%80", "..", "%2e%2e%2f%2e%2e", "a%2Fb", "%3Cscript%3E", "%27%20OR%201%3D1--",
            "x".repeat(3000), "+294277-01-01T00:00:00Z");

    /** JSON values a body field gets (raw JSON text). */
    static final List<String> BAD_JSON_VALUES = List.of("null", "\"\"", "\" \"", "\"a\\u0000b\"", "\"\\ud800\"",
            "-1", "0", "9223372036854775808", "1e309", "-1e309", "1.5", "true", "[]", "[null]", "{}", "\"x\"",
            "\"" + "x".repeat(100_000) + "\"", "\"+294277-01-01T00:00:00Z\"", "\"+1000000000-12-31T23:59:59Z\"",
            "\"2020-13-45T99:99:99Z\"", "\"<img src=x onerror=alert(1)//\"", "\"javascript:alert(1)\"",
            "[" + "\"a\",".repeat(5000) + "\"a\"]", "1" + "0".repeat(2000));

    /** Whole bodies that are not what any operation accepts. */
    static final List<String> BAD_BODIES = List.of("", "{", "}", "[]", "null", "0", "\"x\"", "{\"a\":", "{\"a\" 1}",
            "{\"a\":1,}", "\u0000", "{\"a\":\"\\u0000\"}", "[".repeat(5000) + "]".repeat(5000),
            "{\"a\":".repeat(3000) + "1" + "}".repeat(3000), "{\"x\":1" + ",\"x\":1".repeat(10_000) + "}",
            "\uFEFF{}", "{\"a\":\"\\ud800\"}");

    private final Map<String, Object> components;
    private final Map<String, String> validPathValues;
    private final Random random;

    OpenApiCases(Map<String, Object> document, Map<String, String> validPathValues, long seed) {
        this.components = map(map(document.get("components")).get("schemas"));
        this.validPathValues = validPathValues;
        this.random = new Random(seed);
    }

    /** Every operation of a service's document. */
    static List<Operation> operations(String service, Map<String, Object> document) {
        List<Operation> operations = new ArrayList<>();
        map(document.get("paths")).forEach((path, item) -> map(item).forEach((method, raw) -> {
            if (!List.of("get", "put", "post", "delete", "patch").contains(method)) {
                return;
            }
            Map<String, Object> operation = map(raw);
            List<Map<String, Object>> parameters = new ArrayList<>();
            list(map(item).get("parameters")).forEach(p -> parameters.add(map(p)));
            list(operation.get("parameters")).forEach(p -> parameters.add(map(p)));
            Map<String, Object> content = map(map(operation.get("requestBody")).get("content"));
            Map<String, Object> json = map(content.get("application/json"));
            operations.add(new Operation(service, method, path, parameters, map(json.get("schema"))));
        }));
        return operations;
    }

    /** The values every parameter and field always gets; the others are sampled. */
    static final List<String> CORE_PARAMETERS = List.of("%00", "a%00b", "x".repeat(3000), "-1", "abc", "%C3%28");
    static final List<String> CORE_JSON_VALUES = List.of("null", "\"a\\u0000b\"", "[]", "{}", "1e309",
            "\"" + "x".repeat(100_000) + "\"", "\"+294277-01-01T00:00:00Z\"");

    /**
     * The valid request, the core values for every parameter and field and every malformed body; then a seeded
     * sample of the other values up to {@code limit} cases.
     */
    List<Case> cases(Operation operation, int limit) {
        List<Case> core = new ArrayList<>();
        List<Case> more = new ArrayList<>();
        Map<String, String> valid = validParameters(operation);
        String validBody = operation.bodySchema().isEmpty() ? null : json(validValue(operation.bodySchema(), 0));
        core.add(request(operation, valid, validBody, false, "valid request"));
        core.add(request(operation, valid, validBody, true, "valid request without a token"));
        for (Map<String, Object> parameter : operation.parameters()) {
            String name = (String) parameter.get("name");
            String in = (String) parameter.get("in");
            if (!"path".equals(in) && !"query".equals(in)) {
                continue;
            }
            for (String bad : BAD_PARAMETERS) {
                if ("path".equals(in) && bad.isEmpty()) {
                    continue;
                }
                Map<String, String> values = new LinkedHashMap<>(valid);
                values.put(in + ":" + name, bad);
                (CORE_PARAMETERS.contains(bad) ? core : more).add(request(operation, values, validBody, false,
                        in + " " + name + "=" + abbreviate(bad)));
            }
        }
        if (validBody != null) {
            Object skeleton = validValue(operation.bodySchema(), 0);
            List<List<Object>> leaves = new ArrayList<>();
            paths(skeleton, new ArrayList<>(), leaves);
            for (List<Object> leaf : leaves) {
                for (String bad : BAD_JSON_VALUES) {
                    (CORE_JSON_VALUES.contains(bad) ? core : more).add(request(operation, valid,
                            json(replace(skeleton, leaf, 0, new Raw(bad))), false,
                            "body " + pathText(leaf) + "=" + abbreviate(bad)));
                }
                more.add(request(operation, valid, json(remove(skeleton, leaf, 0)), false,
                        "body without " + pathText(leaf)));
            }
            for (String bad : BAD_BODIES) {
                core.add(request(operation, valid, bad, false, "body " + abbreviate(bad)));
            }
            core.add(new Case(operation.method(), path(operation, valid), validBody, "text/plain", false,
                    "a JSON body as text/plain"));
            core.add(new Case(operation.method(), path(operation, valid), "<user/>", "application/xml", false,
                    "an XML body"));
        }
        Collections.shuffle(more, random);
        List<Case> cases = new ArrayList<>(core);
        cases.addAll(more.subList(0, Math.max(0, Math.min(more.size(), limit - core.size()))));
        return cases;
    }

    private Map<String, String> validParameters(Operation operation) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map<String, Object> parameter : operation.parameters()) {
            String name = (String) parameter.get("name");
            String in = (String) parameter.get("in");
            if ("path".equals(in)) {
                values.put("path:" + name, encode(validPathValues.getOrDefault(name,
                        String.valueOf(validValue(map(parameter.get("schema")), 0)))));
            }
        }
        return values;
    }

    private Case request(Operation operation, Map<String, String> values, String body, boolean anonymous,
            String what) {
        return new Case(operation.method(), path(operation, values), body, "application/json", anonymous, what);
    }

    private static String path(Operation operation, Map<String, String> values) {
        String path = operation.pathTemplate();
        StringBuilder query = new StringBuilder();
        for (var value : values.entrySet()) {
            String[] where = value.getKey().split(":", 2);
            if (where[0].equals("path")) {
                path = path.replace("{" + where[1] + "}", value.getValue());
            } else {
                query.append(query.length() == 0 ? '?' : '&').append(where[1]).append('=').append(value.getValue());
            }
        }
        return path.replaceAll("\\{[^}]+}", "1") + query;
    }

    /** A plausible valid value for a schema: the skeleton that single bad values are put into. */
    private Object validValue(Map<String, Object> schema, int depth) {
        Map<String, Object> resolved = resolve(schema);
        if (depth > 6) {
            return null;
        }
        if (resolved.containsKey("enum")) {
            return list(resolved.get("enum")).get(0);
        }
        String type = String.valueOf(resolved.getOrDefault("type", resolved.containsKey("properties")
                ? "object" : "string"));
        String format = String.valueOf(resolved.get("format"));
        return switch (type) {
            case "object" -> {
                Map<String, Object> object = new LinkedHashMap<>();
                map(resolved.get("properties")).forEach((name, property) ->
                        object.put(name, validValue(map(property), depth + 1)));
                yield object;
            }
            case "array" -> new ArrayList<>(List.of(orEmpty(validValue(map(resolved.get("items")), depth + 1))));
            case "integer" -> 1;
            case "number" -> 1.5;
            case "boolean" -> false;
            default -> switch (format) {
                case "date-time" -> "2031-01-01T00:00:00Z";
                case "date" -> "2031-01-01";
                case "uuid" -> "00000000-0000-4000-8000-000000000000";
                case "email" -> "fuzz@example.org";
                default -> "fuzz";
            };
        };
    }

    private static Object orEmpty(Object value) {
        return value == null ? "fuzz" : value;
    }

    private Map<String, Object> resolve(Map<String, Object> schema) {
        Map<String, Object> current = schema;
        for (int hops = 0; hops < 10; hops++) {
            if (current.containsKey("$ref")) {
                String ref = (String) current.get("$ref");
                current = map(components.get(ref.substring(ref.lastIndexOf('/') + 1)));
            } else if (current.containsKey("allOf")) {
                Map<String, Object> merged = new LinkedHashMap<>();
                Map<String, Object> properties = new LinkedHashMap<>();
                for (Object part : list(current.get("allOf"))) {
                    Map<String, Object> resolved = resolve(map(part));
                    merged.putAll(resolved);
                    properties.putAll(map(resolved.get("properties")));
                }
                if (!properties.isEmpty()) {
                    merged.put("properties", properties);
                }
                current = merged;
            } else if (current.containsKey("oneOf") || current.containsKey("anyOf")) {
                List<Object> options = list(current.getOrDefault("oneOf", current.get("anyOf")));
                current = options.isEmpty() ? Map.of() : map(options.get(0));
            } else {
                return current;
            }
        }
        return current;
    }

    /** JSON paths (keys and indexes) of the skeleton's leaves and of its objects and arrays. */
    private static void paths(Object value, List<Object> prefix, List<List<Object>> into) {
        if (!prefix.isEmpty()) {
            into.add(List.copyOf(prefix));
        }
        if (value instanceof Map<?, ?> object) {
            object.forEach((key, child) -> {
                prefix.add(key);
                paths(child, prefix, into);
                prefix.remove(prefix.size() - 1);
            });
        } else if (value instanceof List<?> array && !array.isEmpty()) {
            prefix.add(0);
            paths(array.get(0), prefix, into);
            prefix.remove(prefix.size() - 1);
        }
    }

    private static Object replace(Object value, List<Object> path, int at, Object with) {
        if (at == path.size()) {
            return with;
        }
        if (value instanceof Map<?, ?> object) {
            Map<Object, Object> copy = new LinkedHashMap<>(object);
            copy.put(path.get(at), replace(object.get(path.get(at)), path, at + 1, with));
            return copy;
        }
        List<Object> copy = new ArrayList<>((List<?>) value);
        copy.set(0, replace(copy.get(0), path, at + 1, with));
        return copy;
    }

    private static Object remove(Object value, List<Object> path, int at) {
        if (value instanceof Map<?, ?> object) {
            Map<Object, Object> copy = new LinkedHashMap<>(object);
            if (at == path.size() - 1) {
                copy.remove(path.get(at));
            } else {
                copy.put(path.get(at), remove(object.get(path.get(at)), path, at + 1));
            }
            return copy;
        }
        List<Object> copy = new ArrayList<>((List<?>) value);
        if (at == path.size() - 1) {
            copy.clear();
        } else {
            copy.set(0, remove(copy.get(0), path, at + 1));
        }
        return copy;
    }

    /** JSON text put into a skeleton as it is. */
    private record Raw(String json) {
    }

    private static String json(Object value) {
        if (value instanceof Raw raw) {
            return raw.json();
        }
        if (value instanceof Map<?, ?> object) {
            StringBuilder out = new StringBuilder("{");
            object.forEach((key, child) -> out.append(out.length() > 1 ? "," : "").append(quote(key.toString()))
                    .append(':').append(json(child)));
            return out.append('}').toString();
        }
        if (value instanceof List<?> array) {
            StringBuilder out = new StringBuilder("[");
            array.forEach(child -> out.append(out.length() > 1 ? "," : "").append(json(child)));
            return out.append(']').toString();
        }
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        return quote(value.toString());
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String pathText(List<Object> path) {
        StringBuilder out = new StringBuilder();
        path.forEach(part -> out.append(part instanceof Integer ? "[" + part + "]" : (out.length() > 0 ? "." : "")
                + part));
        return out.toString();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String abbreviate(String text) {
        return abbreviate(text, 40);
    }

    static String abbreviate(String text, int max) {
        String shown = text.replace("\u0000", "\\u0000");
        return shown.length() <= max ? shown : shown.substring(0, max) + "...(" + shown.length() + ")";
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> ? (List<Object>) value : List.of();
    }
}
