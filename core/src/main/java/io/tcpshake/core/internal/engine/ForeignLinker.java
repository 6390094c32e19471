package io.tcpshake.core.internal.engine;

import com.sun.jna.Native;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * libc's functions bound through the JDK's foreign function API (Java 22 and later), for an engine's calls
 * per check: a downcall costs about half of what a JNA direct call does (100 ns against 200 ns for a
 * {@code recvfrom} on JDK 25 here), and a check at one in flight is two calls. The engines are Java 11
 * bytecode, so the API is reached by reflection once, when the handles are made; a call is then a plain
 * {@code invokeExact} on a constant handle, which the JIT compiles to the downcall itself.
 *
 * <p>Used only where native access is enabled for the calling code ({@code --enable-native-access}, or
 * {@code Enable-Native-Access} in the manifest of the jar run with {@code -jar}), or where the JDK counts it as
 * enabled after warning once of JNA's library load (JDK 24 and later, in their default mode): the linker
 * never makes the JDK print a warning of its own into the host application's output. Elsewhere JNA binds
 * the calls as before.
 *
 * <p>Every handle captures {@code errno} into a small buffer of the calling thread, read by {@link #errno()}
 * after a call that failed: the JVM may change {@code errno} itself between two calls.
 */
public final class ForeignLinker {
    private static final int FIRST_FEATURE_RELEASE = 22;

    // The API's pieces, looked up once: the linker and libc's symbols, and the methods that make a handle.
    private final Object linker;
    private final Object symbols;
    private final Method find;
    private final Class<?> layout;
    private final Method descriptorOf;
    private final Method downcallHandle;
    private final Object intLayout;
    private final Object longLayout;
    private final Object[] captureErrno;
    private final Method newArena;
    private final Method allocate;
    private final long callStateSize;
    private final MethodHandle readErrno;
    private final ThreadLocal<Object> callStates = ThreadLocal.withInitial(this::newCallState);

    private ForeignLinker() throws ReflectiveOperationException {
        Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
        Class<?> option = Class.forName("java.lang.foreign.Linker$Option");
        Class<?> pathElement = Class.forName("java.lang.foreign.MemoryLayout$PathElement");
        Class<?> valueLayout = Class.forName("java.lang.foreign.ValueLayout");
        Class<?> memorySegment = Class.forName("java.lang.foreign.MemorySegment");
        Class<?> descriptor = Class.forName("java.lang.foreign.FunctionDescriptor");
        layout = Class.forName("java.lang.foreign.MemoryLayout");
        linker = linkerType.getMethod("nativeLinker").invoke(null);
        symbols = linkerType.getMethod("defaultLookup").invoke(linker);
        find = Class.forName("java.lang.foreign.SymbolLookup").getMethod("find", String.class);
        descriptorOf = descriptor.getMethod("of", layout, Array.newInstance(layout, 0).getClass());
        intLayout = valueLayout.getField("JAVA_INT").get(null);
        longLayout = valueLayout.getField("JAVA_LONG").get(null);
        captureErrno = (Object[]) Array.newInstance(option, 1);
        captureErrno[0] = option.getMethod("captureCallState", String[].class)
                .invoke(null, (Object) new String[] {"errno"});
        downcallHandle = linkerType.getMethod("downcallHandle", memorySegment, descriptor, captureErrno.getClass());
        newArena = Class.forName("java.lang.foreign.Arena").getMethod("ofAuto");
        allocate = Class.forName("java.lang.foreign.SegmentAllocator").getMethod("allocate", long.class);

        Object stateLayout = option.getMethod("captureStateLayout").invoke(null);
        callStateSize = (long) layout.getMethod("byteSize").invoke(stateLayout);
        Object[] errnoPath = (Object[]) Array.newInstance(pathElement, 1);
        errnoPath[0] = pathElement.getMethod("groupElement", String.class).invoke(null, "errno");
        long errnoOffset = (long) layout.getMethod("byteOffset", errnoPath.getClass()).invoke(stateLayout,
                (Object) errnoPath);
        MethodHandle get = MethodHandles.publicLookup().findVirtual(memorySegment, "get",
                MethodType.methodType(int.class, Class.forName("java.lang.foreign.ValueLayout$OfInt"), long.class));
        readErrno = MethodHandles.insertArguments(get, 1, intLayout, errnoOffset)
                .asType(MethodType.methodType(int.class, Object.class));
    }

    /**
     * The linker for {@code caller}'s code, or null when it cannot be used: a JDK before 22, native access not
     * enabled for {@code caller}'s module, or the API refused (then JNA binds the calls).
     */
    public static ForeignLinker forCode(Class<?> caller) {
        if (Runtime.version().feature() < FIRST_FEATURE_RELEASE) {
            return null;
        }
        try {
            // The engines load JNA's library for their native buffers in any case. Loaded first, it gives the
            // same answer whichever engine asks first: on JDK 24 and later in the default mode the JDK warns at
            // that load, once per module, and from then on counts native access as enabled for the module.
            Class.forName(Native.class.getName(), true, Native.class.getClassLoader());
            Object enabled = Module.class.getMethod("isNativeAccessEnabled").invoke(caller.getModule());
            return Boolean.TRUE.equals(enabled) ? new ForeignLinker() : null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /**
     * A handle on libc's {@code function}, with {@code errno} captured: its type is {@code returnType} of
     * ({@code Object} callState, {@code parameterTypes}...), each {@code int} or {@code long} (pointers as
     * {@code long} addresses, as the engines pass them); the first argument is {@link #callState()}.
     *
     * @throws IllegalStateException when libc has no such function or the linker refuses the signature
     */
    public MethodHandle downcall(String function, Class<?> returnType, Class<?>... parameterTypes) {
        try {
            Optional<?> address = (Optional<?>) find.invoke(symbols, function);
            if (address.isEmpty()) {
                throw new IllegalStateException("libc has no " + function);
            }
            Object[] parameters = (Object[]) Array.newInstance(layout, parameterTypes.length);
            for (int i = 0; i < parameterTypes.length; i++) {
                parameters[i] = layoutOf(parameterTypes[i]);
            }
            Object descriptor = descriptorOf.invoke(null, layoutOf(returnType), parameters);
            MethodHandle handle = (MethodHandle) downcallHandle.invoke(linker, address.get(), descriptor,
                    captureErrno);
            return handle.asType(handle.type().changeParameterType(0, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot bind libc's " + function + ": " + e, e);
        }
    }

    /** The calling thread's buffer for {@code errno}: the first argument of every {@link #downcall} handle. */
    public Object callState() {
        return callStates.get();
    }

    /** The {@code errno} of the last call on this thread through a {@link #downcall} handle. */
    public int errno() {
        try {
            return (int) readErrno.invokeExact(callStates.get());
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    /**
     * What a downcall's {@code invokeExact} threw: only an {@link Error} (out of memory) or a bug in a
     * handle's type can come out of it, so it is rethrown unchecked.
     */
    public static RuntimeException unexpected(Throwable e) {
        if (e instanceof Error) {
            throw (Error) e;
        }
        if (e instanceof RuntimeException) {
            return (RuntimeException) e;
        }
        return new IllegalStateException(e);
    }

    private Object layoutOf(Class<?> type) {
        if (type == int.class) {
            return intLayout;
        }
        if (type == long.class) {
            return longLayout;
        }
        throw new IllegalArgumentException("a downcall here takes int and long only, not " + type);
    }

    /**
     * A thread's buffer, from an automatic arena of its own: freed by the collector once the thread, and with it
     * its ThreadLocal value, is gone (an arena shared by all would keep every thread's buffer).
     */
    private Object newCallState() {
        try {
            return allocate.invoke(newArena.invoke(null), callStateSize);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot allocate the errno buffer: " + e, e);
        }
    }
}
