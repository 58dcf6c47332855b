package org.lean3assist.lsp.settings;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.util.List;
import java.util.Optional;

/**
 * One documented setting: its key under {@code lean3Assist}, its type, default and, for enumerations,
 * the allowed values. A value of the wrong type or outside the enumeration is refused, not guessed at.
 *
 * @param key dotted key below the namespace, for example {@code lean.memoryLimitMb}
 * @param type the JSON type as package.json writes it: {@code string}, {@code integer}, {@code boolean}
 * @param defaultValue the value used when the client sends none
 * @param allowed the allowed values of an enumeration, or empty
 * @param minimum the smallest allowed integer, or null when any is fine
 * @param description what it does, one or two sentences
 */
public record Setting<T>(
        String key,
        String type,
        T defaultValue,
        List<String> allowed,
        Integer minimum,
        String description,
        Class<T> javaType) {

    static Setting<String> text(String key, String defaultValue, String description) {
        return new Setting<>(key, "string", defaultValue, List.of(), null, description, String.class);
    }

    static Setting<String> choice(String key, String defaultValue, List<String> allowed, String description) {
        return new Setting<>(key, "string", defaultValue, List.copyOf(allowed), null, description, String.class);
    }

    static Setting<Integer> integer(String key, int defaultValue, int minimum, String description) {
        return new Setting<>(key, "integer", defaultValue, List.of(), minimum, description, Integer.class);
    }

    static Setting<Boolean> flag(String key, boolean defaultValue, String description) {
        return new Setting<>(key, "boolean", defaultValue, List.of(), null, description, Boolean.class);
    }

    /** The full key, as clients write it: {@code lean3Assist.<key>}. */
    public String qualifiedKey() {
        return Settings.NAMESPACE + "." + key;
    }

    /** Reads this setting's value from a JSON value, or explains why it cannot. */
    Optional<T> parse(JsonElement json, List<String> problems) {
        if (json == null || json.isJsonNull()) {
            return Optional.empty();
        }
        if (!json.isJsonPrimitive()) {
            problems.add(qualifiedKey() + " must be a " + type + ", not " + json);
            return Optional.empty();
        }
        JsonPrimitive primitive = json.getAsJsonPrimitive();
        Object value;
        if (javaType == Boolean.class && primitive.isBoolean()) {
            value = primitive.getAsBoolean();
        } else if (javaType == Integer.class && primitive.isNumber() && isWhole(primitive)) {
            int number = primitive.getAsInt();
            if (minimum != null && number < minimum) {
                problems.add(qualifiedKey() + " must be at least " + minimum + ", not " + number);
                return Optional.empty();
            }
            value = number;
        } else if (javaType == String.class && primitive.isString()) {
            String text = primitive.getAsString();
            if (!allowed.isEmpty() && !allowed.contains(text)) {
                problems.add(qualifiedKey() + " must be one of " + allowed + ", not '" + text + "'");
                return Optional.empty();
            }
            value = text;
        } else {
            problems.add(qualifiedKey() + " must be a " + type + ", not " + json);
            return Optional.empty();
        }
        return Optional.of(javaType.cast(value));
    }

    private static boolean isWhole(JsonPrimitive primitive) {
        double number = primitive.getAsDouble();
        return number == Math.rint(number) && Math.abs(number) <= Integer.MAX_VALUE;
    }
}
