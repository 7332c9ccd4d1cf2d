package org.attentionsuite.core;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.function.Function;

/**
 * A record copied with one component changed, written once here instead of a {@code withX} method
 * per component: {@code options.with(SweepOptions::repetitions, 3)}. The copy goes through the
 * record's canonical constructor, so it is validated like any other instance.
 *
 * @param <R> the record itself
 */
public interface Copyable<R extends Record & Copyable<R>> {
    /**
     * A component of {@code R} named by its accessor, as a method reference
     * ({@code SweepOptions::repetitions}); serializable so that the accessor's name can be read.
     *
     * @param <R> the record
     * @param <T> the component's type
     */
    @FunctionalInterface
    interface Component<R, T> extends Function<R, T>, Serializable {
    }

    /**
     * This record with {@code component} set to {@code value}.
     *
     * @throws IllegalArgumentException if {@code component} is not an accessor of this record
     * @throws RuntimeException whatever the canonical constructor throws for the new value
     */
    @SuppressWarnings("unchecked")
    default <T> R with(Component<R, T> component, T value) {
        RecordComponent[] components = getClass().getRecordComponents();
        String name = accessorName(component);
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean found = false;
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                if (components[i].getName().equals(name)) {
                    values[i] = value;
                    found = true;
                } else {
                    Method accessor = components[i].getAccessor();
                    accessor.setAccessible(true);
                    values[i] = accessor.invoke(this);
                }
            }
            if (!found) {
                throw new IllegalArgumentException(name + " is not a component of " + getClass().getSimpleName());
            }
            Constructor<?> canonical = getClass().getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return (R) canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(getClass().getSimpleName() + " cannot be copied: " + e, e);
        }
    }

    /** The name of the method a serializable method reference calls, e.g. {@code "repetitions"}. */
    private static String accessorName(Serializable reference) {
        try {
            Method writeReplace = reference.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            return ((SerializedLambda) writeReplace.invoke(reference)).getImplMethodName();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("give the component as a method reference, e.g. Options::size", e);
        }
    }
}
