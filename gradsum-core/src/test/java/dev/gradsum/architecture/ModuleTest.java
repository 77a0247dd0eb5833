package dev.gradsum.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gradsum-core as a named module: what it exports to everyone is a small API (at most 30 public types,
 * each with javadoc), and it works when loaded as a module (its resource files, meta-prompts, prices and
 * store migrations, load from inside it).
 */
class ModuleTest {
    private static final Path CLASSES = Path.of("target", "classes");
    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final int MOST_PUBLIC_TYPES = 30;

    @TempDir
    Path dir;

    private static ModuleDescriptor descriptor() throws IOException {
        try (InputStream in = Files.newInputStream(CLASSES.resolve("module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }

    /** Packages exported to every module (qualified exports go to gradsum's own modules only). */
    private static Set<String> apiPackages() throws IOException {
        Set<String> api = new TreeSet<>();
        for (ModuleDescriptor.Exports e : descriptor().exports()) {
            if (!e.isQualified()) {
                api.add(e.source());
            }
        }
        return api;
    }

    private static List<Class<?>> publicTypes(String pkg) throws IOException, ClassNotFoundException {
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.list(CLASSES.resolve(pkg.replace('.', '/')))) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$") && !name.equals("package-info.class")) {
                    Class<?> c = Class.forName(pkg + "." + name.substring(0, name.length() - 6), false,
                            ModuleTest.class.getClassLoader());
                    if (Modifier.isPublic(c.getModifiers())) {
                        types.add(c);
                    }
                }
            }
        }
        return types;
    }

    @Test
    void everyone_sees_at_most_thirty_public_types_each_with_javadoc() throws Exception {
        List<String> visible = new ArrayList<>();
        List<String> undocumented = new ArrayList<>();
        for (String pkg : apiPackages()) {
            for (Class<?> c : publicTypes(pkg)) {
                visible.add(c.getName());
                Path source = SOURCES.resolve(c.getName().replace('.', '/') + ".java");
                String text = Files.readString(source, StandardCharsets.UTF_8);
                Pattern documented = Pattern.compile("\\*/\\s*(@\\w+(\\([^)]*\\))?\\s*)*public\\s+(final\\s+|abstract\\s+|sealed\\s+)*"
                        + "(class|interface|record|enum)\\s+" + c.getSimpleName() + "\\b");
                if (!documented.matcher(text).find()) {
                    undocumented.add(c.getName());
                }
            }
        }
        assertThat(visible).as("public types in unqualified exports: %s", visible).hasSizeLessThanOrEqualTo(MOST_PUBLIC_TYPES);
        assertThat(undocumented).as("public API types without javadoc").isEmpty();
        assertThat(apiPackages()).as("internals are exported to gradsum's modules only")
                .doesNotContain("dev.gradsum.internal", "dev.gradsum.llm", "dev.gradsum.engine", "dev.gradsum.modules");
    }

    @Test
    void as_a_named_module_it_loads_its_own_resources() throws Exception {
        List<Path> path = new ArrayList<>(List.of(CLASSES));
        Pattern dependency = Pattern.compile(".*/(langchain4j-core|jackson-[a-z-]+|sqlite-jdbc|slf4j-api|jspecify)-[^/]*\\.jar");
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (dependency.matcher(entry.replace('\\', '/')).matches()) {
                path.add(Path.of(entry));
            }
        }
        ModuleFinder finder = ModuleFinder.of(path.toArray(Path[]::new));
        // org.slf4j as a root too: sqlite-jdbc reads it only "requires static", and logs through it
        Configuration cf = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(),
                Set.of("dev.gradsum.core", "org.slf4j"));
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
        Module core = layer.findModule("dev.gradsum.core").orElseThrow();
        assertThat(core.isNamed()).isTrue();
        ClassLoader loader = layer.findLoader("dev.gradsum.core");

        Object pricing = loader.loadClass("dev.gradsum.model.Pricing").getMethod("defaults").invoke(null);
        Object prompts = loader.loadClass("dev.gradsum.prompts.MetaPrompts").getMethod("defaults").invoke(null);
        Class<?> store = loader.loadClass("dev.gradsum.store.SqliteStore");
        try (AutoCloseable opened = (AutoCloseable) store.getMethod("open", Path.class).invoke(null, dir.resolve("m.db"))) {
            assertThat(opened.getClass().getModule()).isSameAs(core);
        }
        assertThat(pricing.getClass().getModule()).isSameAs(core);
        assertThat(prompts.getClass().getModule()).isSameAs(core);
        assertThat(core.isExported("dev.gradsum.internal")).as("internal is not exported to everyone").isFalse();
    }
}
