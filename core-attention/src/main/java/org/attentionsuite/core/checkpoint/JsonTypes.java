package org.attentionsuite.core.checkpoint;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.core.attention.FullCausalAttention;
import org.attentionsuite.core.model.PositionSpec;
import org.attentionsuite.core.model.Positions;
import org.attentionsuite.core.model.TokenScheme;
import org.attentionsuite.core.train.LearningRateSchedule;

/**
 * The logical type names of the polymorphic parts of configs (attention specs, position specs,
 * learning-rate schedules, token schemes), as checkpoints and config files write them:
 * {@code "attention": {"type": "local2d", ...}}. A name is a stable contract; the Java class behind
 * it may be renamed or moved freely. Each module declares its types in a {@link Provider} found
 * with {@link ServiceLoader} ({@code META-INF/services}); nothing is looked up by class name.
 *
 * <p>Checkpoints of format 1 tagged types with Java class names; those names are declared here as
 * legacy aliases of the logical names, so old files still load.
 */
public final class JsonTypes {
    /** The interfaces whose implementations are written with a type name. */
    static final java.util.List<Class<?>> FAMILIES = java.util.List.of(AttentionSpec.class, PositionSpec.class,
            LearningRateSchedule.class, TokenScheme.class);

    /** A module's declarations. */
    public interface Provider {
        void register(Registry registry);

        /**
         * The token scheme of a format-1 checkpoint's model, which recorded none, if this module
         * recognises the config (legacy only: new checkpoints store their scheme).
         */
        default Optional<TokenScheme> legacyTokens(org.attentionsuite.core.model.ModelConfig config) {
            return Optional.empty();
        }
    }

    /** Where providers declare their types. */
    public static final class Registry {
        private final Map<Class<?>, Map<String, Class<?>>> byName = new HashMap<>();
        private final Map<Class<?>, String> names = new HashMap<>();
        private final Map<String, String> legacy = new HashMap<>();

        /**
         * Declares {@code type} as the implementation of {@code family} called {@code name};
         * {@code legacyClassNames} are the Java class names format-1 checkpoints wrote for it.
         */
        public <T> Registry add(Class<T> family, String name, Class<? extends T> type, String... legacyClassNames) {
            if (!FAMILIES.contains(family)) {
                throw new IllegalArgumentException(family + " is not a polymorphic config family");
            }
            Map<String, Class<?>> m = byName.computeIfAbsent(family, f -> new LinkedHashMap<>());
            Class<?> previous = m.putIfAbsent(name, type);
            if (previous != null && previous != type) {
                throw new IllegalStateException(family.getSimpleName() + " type name '" + name + "' is declared for "
                        + previous.getName() + " and " + type.getName());
            }
            String old = names.putIfAbsent(type, name);
            if (old != null && !old.equals(name)) {
                throw new IllegalStateException(type.getName() + " is declared as '" + old + "' and '" + name + "'");
            }
            for (String l : legacyClassNames) {
                legacy.put(l, name);
            }
            return this;
        }
    }

    private static volatile Registry installed;
    private static volatile java.util.List<Provider> providers;

    private JsonTypes() {
    }

    /** The core's own types. */
    static void registerCore(Registry r) {
        r.add(AttentionSpec.class, FullCausalAttention.NAME, FullCausalAttention.Spec.class,
                "org.attentionsuite.core.attention.FullCausalAttention$Spec");
        r.add(PositionSpec.class, "sinusoidal", Positions.Sinusoidal.class,
                "org.attentionsuite.core.model.Positions$Sinusoidal");
        r.add(PositionSpec.class, "learned", Positions.Learned.class,
                "org.attentionsuite.core.model.Positions$Learned");
        r.add(PositionSpec.class, "none", Positions.None.class, "org.attentionsuite.core.model.Positions$None");
        r.add(LearningRateSchedule.class, "noam", LearningRateSchedule.Noam.class,
                "org.attentionsuite.core.train.LearningRateSchedule$Noam");
        r.add(LearningRateSchedule.class, "cosine", LearningRateSchedule.Cosine.class,
                "org.attentionsuite.core.train.LearningRateSchedule$Cosine");
        r.add(LearningRateSchedule.class, "constant", LearningRateSchedule.Constant.class,
                "org.attentionsuite.core.train.LearningRateSchedule$Constant");
        r.add(TokenScheme.class, "plain", TokenScheme.Plain.class);
    }

    /** The registry of the core and every provider on the class path, built once. */
    static Registry registry() {
        Registry r = installed;
        if (r == null) {
            synchronized (JsonTypes.class) {
                r = installed;
                if (r == null) {
                    r = new Registry();
                    registerCore(r);
                    java.util.List<Provider> found = new java.util.ArrayList<>();
                    for (Provider p : ServiceLoader.load(Provider.class, JsonTypes.class.getClassLoader())) {
                        p.register(r);
                        found.add(p);
                    }
                    providers = java.util.List.copyOf(found);
                    installed = r;
                }
            }
        }
        return r;
    }

    /** The logical name of {@code type}; throws if no provider declared it (a bug, not a user error). */
    static String nameOf(Class<?> type) {
        String n = registry().names.get(type);
        if (n == null) {
            throw new IllegalStateException(type.getName() + " has no logical type name: declare it in a "
                    + "JsonTypes.Provider (META-INF/services/" + Provider.class.getName() + ")");
        }
        return n;
    }

    /** The class called {@code name} in {@code family}; format-1 class names are accepted as aliases. */
    static Optional<Class<?>> typeOf(Class<?> family, String name) {
        Registry r = registry();
        Map<String, Class<?>> m = r.byName.getOrDefault(family, Map.of());
        Class<?> c = m.get(name);
        if (c == null && r.legacy.containsKey(name)) {
            c = m.get(r.legacy.get(name));
        }
        return Optional.ofNullable(c);
    }

    /** The token scheme a module recognises for a format-1 config, if any. */
    static Optional<TokenScheme> legacyTokens(org.attentionsuite.core.model.ModelConfig config) {
        registry();
        for (Provider p : providers == null ? java.util.List.<Provider>of() : providers) {
            Optional<TokenScheme> t = p.legacyTokens(config);
            if (t.isPresent()) {
                return t;
            }
        }
        return Optional.empty();
    }

    /** The names known in {@code family}, for error messages. */
    static java.util.Set<String> names(Class<?> family) {
        return registry().byName.getOrDefault(family, Map.of()).keySet();
    }

    /**
     * Replaces the registry (tests only): {@code r} is used instead of the class path's providers
     * until {@link #reset()}.
     */
    static void install(Registry r) {
        installed = r;
        providers = java.util.List.of();
    }

    /** Rebuilds the registry from the class path at the next use (tests only). */
    static void reset() {
        installed = null;
    }
}
