package org.lean3assist.bridge.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lean3assist.bridge.LeanServer;
import org.lean3assist.bridge.text.LeanPosition;

/**
 * Only screened text reaches a checker: the public API has no way to hand a checker an arbitrary
 * string. A sync takes {@link ScreenedContent}, which only this package makes, and which nothing
 * public gives out; a checker's own {@link LeanServer}, whose document syncs take strings, is not
 * handed out either.
 */
class ScreenedContentBoundaryTest {

    @Test
    void everyPublicSyncTakesScreenedContentNotAString() {
        List<String> syncs = new ArrayList<>();
        for (Class<?> type : List.of(LeanServer.class, CheckerPool.class, CheckerPool.Checker.class)) {
            for (Method method : type.getMethods()) {
                if (!method.getName().toLowerCase(java.util.Locale.ROOT).contains("sync")
                        || method.getName().endsWith("Document")) {
                    continue;
                }
                syncs.add(type.getSimpleName() + "." + method.getName() + Arrays.toString(method.getParameterTypes()));
                assertEquals(List.of(String.class, ScreenedContent.class), List.of(method.getParameterTypes()),
                        type.getSimpleName() + "." + method.getName());
            }
        }
        assertEquals(List.of("LeanServer.syncUntracked[class java.lang.String, class " + ScreenedContent.class.getName() + "]",
                "Checker.sync[class java.lang.String, class " + ScreenedContent.class.getName() + "]"), syncs);
    }

    @Test
    void aCheckersLeanIsNotHandedOut() {
        for (Class<?> type : List.of(CheckerPool.class, CheckerPool.Checker.class, Verifier.class, StatementChecker.class)) {
            for (Method method : type.getMethods()) {
                assertFalse(LeanServer.class.isAssignableFrom(method.getReturnType()),
                        type.getSimpleName() + "." + method.getName() + " returns a checker's LeanServer, whose"
                                + " openDocument and changeDocument take any string");
            }
            for (Field field : type.getFields()) {
                assertFalse(LeanServer.class.isAssignableFrom(field.getType()), type.getSimpleName() + "." + field.getName());
            }
        }
    }

    @Test
    void screenedContentCannotBeMadeOrHadOutsideThePackage() throws Exception {
        assertTrue(Modifier.isFinal(ScreenedContent.class.getModifiers()), "no subclass can stand in for it");
        for (Constructor<?> constructor : ScreenedContent.class.getDeclaredConstructors()) {
            assertTrue(Modifier.isPrivate(constructor.getModifiers()), constructor.toString());
        }
        for (Method method : ScreenedContent.class.getDeclaredMethods()) {
            if (Modifier.isStatic(method.getModifiers())) {
                assertFalse(Modifier.isPublic(method.getModifiers()) || Modifier.isProtected(method.getModifiers()),
                        "a public factory would take any text: " + method);
            }
        }
        for (Field field : ScreenedContent.class.getDeclaredFields()) {
            assertFalse(Modifier.isPublic(field.getModifiers()) || Modifier.isProtected(field.getModifiers()), field.toString());
        }
        // Nothing in the module's public API gives one out, not even the empty one.
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : moduleClasses()) {
            if (!isPubliclyVisible(type)) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                if ((Modifier.isPublic(method.getModifiers()) || Modifier.isProtected(method.getModifiers()))
                        && ScreenedContent.class.isAssignableFrom(method.getReturnType())) {
                    leaks.add(method.toString());
                }
            }
            for (Field field : type.getDeclaredFields()) {
                if ((Modifier.isPublic(field.getModifiers()) || Modifier.isProtected(field.getModifiers()))
                        && ScreenedContent.class.isAssignableFrom(field.getType())) {
                    leaks.add(field.toString());
                }
            }
        }
        assertEquals(List.of(), leaks);
    }

    @Test
    void refusedTextIsNeverMadeScreened() {
        String source = "theorem t (p : Prop) (hp : p) : p :=\nbegin\n  exact hp\nend\n";
        Variant variant = VariantBuilder.build(source, new LeanPosition(3, 2), "exact hp");

        assertThrows(IllegalArgumentException.class,
                () -> ScreenedContent.replay(variant, SafetyVerdict.reject("not an allowed tactic")));
        assertEquals(variant.content(), ScreenedContent.replay(variant, SafetyVerdict.accept()).text());
        assertTrue(ScreenedContent.EMPTY.isEmpty());
    }

    private static boolean isPubliclyVisible(Class<?> type) {
        for (Class<?> at = type; at != null; at = at.getEnclosingClass()) {
            if (!Modifier.isPublic(at.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    /** Every class compiled from this module's main sources. */
    private static List<Class<?>> moduleClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(ScreenedContent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace(java.io.File.separatorChar, '.');
                classes.add(Class.forName(name.substring(0, name.length() - ".class".length()), false,
                        ScreenedContentBoundaryTest.class.getClassLoader()));
            }
        }
        assertTrue(classes.contains(LeanServer.class) && classes.contains(CheckerPool.Checker.class),
                "the module's classes were found under " + root);
        return classes;
    }
}
