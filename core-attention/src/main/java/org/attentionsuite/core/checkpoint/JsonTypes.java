package org.attentionsuite.core.checkpoint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.core.attention.FullCausalAttention;
import org.attentionsuite.core.model.PositionSpec;
import org.attentionsuite.core.model.Positions;
import org.attentionsuite.core.model.TokenScheme;

/**
 * The logical type names of the polymorphic parts of configs (attention specs, position specs,
 * learning-rate schedules, token schemes), as checkpoints and config files write them:
 * {@code "attention": {"type": "local2d", ...}}. A name is a stable contract; the Java class behind
 * it may be renamed or moved freely. Each module declares its types (and the families they belong
 * to, interfaces) in a {@link Provider} found with {@link ServiceLoader}
 * ({@code META-INF/services}); nothing is looked up by class name.
 */
public final class JsonTypes {
    /** A module's declarations. */
    public interface Provider {
        void register(Registry registry);
    }

    /** Where providers declare their types. */
    public static final class Registry {
        private final Map<Class<?>, Map<String, Class<?>>> byName = new HashMap<>();
        private final Map<Class<?>, String> names = new HashMap<>();

        /**
         * Declares {@code type} as the implementation of {@code family} (an interface, written with a
         * type name wherever a config field has that type) called {@code name}.
         */
        public <T> Registry add(Class<T> family, String name, Class<? extends T> type) {
            if (!family.isInterface()) {
                throw new IllegalArgumentException(family + " is not an interface, so not a polymorphic config family");
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
            return this;
        }
    }

    private static volatile Registry installed;

    private JsonTypes() {
    }

    /** The core's own types outside training (the training schedules are declared by {@code core.train}). */
    static void registerCore(Registry r) {
        r.add(AttentionSpec.class, FullCausalAttention.NAME, FullCausalAttention.Spec.class);
        r.add(PositionSpec.class, "sinusoidal", Positions.Sinusoidal.class);
        r.add(PositionSpec.class, "learned", Positions.Learned.class);
        r.add(PositionSpec.class, "none", Positions.None.class);
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
                    for (Provider p : ServiceLoader.load(Provider.class, JsonTypes.class.getClassLoader())) {
                        p.register(r);
                    }
                    installed = r;
                }
            }
        }
        return r;
    }

    /** Whether fields of type {@code type} are written with a type name. */
    static boolean isFamily(Class<?> type) {
        return type.isInterface() && registry().byName.containsKey(type);
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

    /** The class called {@code name} in {@code family}. */
    static Optional<Class<?>> typeOf(Class<?> family, String name) {
        return Optional.ofNullable(registry().byName.getOrDefault(family, Map.of()).get(name));
    }

    /** The names known in {@code family}, for error messages. */
    static Set<String> names(Class<?> family) {
        return registry().byName.getOrDefault(family, Map.of()).keySet();
    }

    /**
     * Replaces the registry (tests only): {@code r} is used instead of the class path's providers
     * until {@link #reset()}.
     */
    static void install(Registry r) {
        installed = r;
    }

    /** Rebuilds the registry from the class path at the next use (tests only). */
    static void reset() {
        installed = null;
    }
}
