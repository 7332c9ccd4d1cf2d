package org.attentionsuite.core.attention;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.attentionsuite.core.UserError;

/**
 * One entry of a domain's catalogue of attention variants (the image module's
 * {@code ImageAttention}, the music module's {@code MusicAttention}): the name users type, what it
 * means, and how it becomes a spec for a given {@link Geometry}. The catalogues are the only
 * places where a name becomes a variant; the command line, sweeps, benchmarks and comparisons all
 * resolve names through them.
 */
public interface AttentionVariant {
    /** The Java name of the catalogue constant, e.g. {@code RELATIVE_LOCAL} (an enum's own {@code name()}). */
    String name();

    /**
     * The name on the command line and in tables: the constant's {@link #name()} in lower case
     * with dashes ({@code RELATIVE_LOCAL} is {@code relative-local}), so each name is written once.
     */
    default String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** One line for help texts and the README. */
    String description();

    /** The spec with this variant's default geometry for sequences of {@code geometry}. */
    AttentionSpec spec(Geometry geometry);

    /** Whether the variant can be built for {@code geometry} (e.g. local 2D needs an image). */
    default boolean supports(Geometry geometry) {
        return true;
    }

    /**
     * The variant named {@code name} among {@code variants}; {@code aliases} maps deprecated
     * spellings to current ones (a warning is printed to standard error once per use).
     *
     * @param option the option being parsed, named in the error, e.g. {@code "--attention"}
     * @throws UserError listing the known names if there is none
     */
    static <V extends AttentionVariant> V parse(String name, List<V> variants, Map<String, String> aliases,
            String option) {
        String wanted = name;
        if (aliases.containsKey(name)) {
            wanted = aliases.get(name);
            System.err.println("warning: " + option + " " + name + " is deprecated; use " + wanted
                    + " (the old name will be removed in the next release)");
        }
        for (V v : variants) {
            if (v.id().equals(wanted)) {
                return v;
            }
        }
        throw new UserError(option + " '" + name + "' is unknown (known: "
                + variants.stream().map(AttentionVariant::id).collect(Collectors.joining(", ")) + ")");
    }

    /** {@link #parse} for a comma-separated list. */
    static <V extends AttentionVariant> List<V> parseList(String names, List<V> variants, Map<String, String> aliases,
            String option) {
        List<V> out = new ArrayList<>();
        for (String n : names.split(",")) {
            if (!n.isBlank()) {
                out.add(parse(n.strip(), variants, aliases, option));
            }
        }
        if (out.isEmpty()) {
            throw new UserError(option + " needs at least one name");
        }
        return out;
    }
}
