package io.airs.testkit.terraform;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.bertramlabs.plugins.hcl4j.symbols.Symbol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Terraform of one directory, parsed with hcl4j and merged across its files, so tests can ask
 * for a resource, a data source, a variable or an output wherever it is declared.
 *
 * <p>hcl4j evaluates what it can; a reference it cannot resolve stays a symbol, which {@link #plain}
 * turns into its dotted name (for example {@code var.lambda_jar_path}).
 *
 * <pre>{@code
 * TerraformFiles module = TerraformFiles.load(TerraformFiles.locate("infra/azure/modules/airs"));
 * Map<String, Object> app = module.resources("azurerm_linux_function_app").get("airs");
 * assertThat(plain(app.get("https_only"))).isEqualTo(true);
 * }</pre>
 */
public final class TerraformFiles {

    private final Path dir;
    private final Map<Path, String> sources = new LinkedHashMap<>();
    private final Map<String, Map<String, Map<String, Object>>> resources = new LinkedHashMap<>();
    private final Map<String, Map<String, Map<String, Object>>> data = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> variables = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> outputs = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> modules = new LinkedHashMap<>();
    private final Map<String, Object> locals = new LinkedHashMap<>();

    private TerraformFiles(Path dir) {
        this.dir = dir;
    }

    /** Parses every {@code .tf} file of {@code dir} (not its subdirectories). */
    public static TerraformFiles load(Path dir) throws IOException {
        TerraformFiles files = new TerraformFiles(dir);
        for (Path file : tfFiles(dir)) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            files.sources.put(file, text);
            files.add(parse(file));
        }
        return files;
    }

    /** The {@code .tf} files of {@code dir} itself, sorted. */
    public static List<Path> tfFiles(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".tf"))
                    .sorted()
                    .toList();
        }
    }

    /**
     * {@code relative} (a directory such as {@code "infra/aws"}) resolved against the nearest directory
     * at or above the working directory that holds it: tests run from a module, the stacks live at the
     * repository root.
     */
    public static Path locate(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve(relative))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new AssertionError(relative + " is not above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve(relative);
    }

    /**
     * Every {@code .tf} file under {@code root}, sorted, skipping what {@code terraform init}
     * downloads into {@code .terraform} (the same files {@code hcl-check.js} checks).
     */
    public static List<Path> tfFilesUnder(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".tf"))
                    .filter(p ->
                            !root.relativize(p).toString().replace('\\', '/').contains(".terraform/"))
                    .sorted()
                    .toList();
        }
    }

    /** The directories under {@code root} that hold {@code .tf} files: the module and each example. */
    public static List<Path> directories(Path root) throws IOException {
        return tfFilesUnder(root).stream()
                .map(Path::getParent)
                .distinct()
                .sorted()
                .toList();
    }

    /** One file parsed by hcl4j; a file it cannot parse fails the test with the reason. */
    public static Map<String, Object> parse(Path file) {
        try {
            return new HCLParser().parse(file.toFile(), "UTF-8");
        } catch (Exception e) {
            throw new AssertionError(file + " does not parse: " + e, e);
        }
    }

    @SuppressWarnings("unchecked")
    private void add(Map<String, Object> parsed) {
        for (var top : parsed.entrySet()) {
            switch (top.getKey()) {
                case "resource" -> mergeTyped(resources, (Map<String, Object>) top.getValue());
                case "data" -> mergeTyped(data, (Map<String, Object>) top.getValue());
                case "variable" -> mergeNamed(variables, (Map<String, Object>) top.getValue());
                case "output" -> mergeNamed(outputs, (Map<String, Object>) top.getValue());
                case "module" -> mergeNamed(modules, (Map<String, Object>) top.getValue());
                case "locals" -> locals.putAll((Map<String, Object>) top.getValue());
                default -> {
                    // terraform, provider, and the stray keys hcl4j leaves from function calls
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void mergeTyped(Map<String, Map<String, Map<String, Object>>> into, Map<String, Object> byType) {
        for (var type : byType.entrySet()) {
            Map<String, Map<String, Object>> named = into.computeIfAbsent(type.getKey(), k -> new LinkedHashMap<>());
            mergeNamed(named, (Map<String, Object>) type.getValue());
        }
    }

    @SuppressWarnings("unchecked")
    private static void mergeNamed(Map<String, Map<String, Object>> into, Map<String, Object> byName) {
        for (var named : byName.entrySet()) {
            if (into.put(named.getKey(), (Map<String, Object>) named.getValue()) != null) {
                throw new AssertionError("declared twice: " + named.getKey());
            }
        }
    }

    public Path dir() {
        return dir;
    }

    public Map<Path, String> sources() {
        return sources;
    }

    /** Resources of one type by name; empty when the type is not declared. */
    public Map<String, Map<String, Object>> resources(String type) {
        return resources.getOrDefault(type, Map.of());
    }

    public Map<String, Map<String, Map<String, Object>>> resources() {
        return resources;
    }

    public Map<String, Map<String, Object>> data(String type) {
        return data.getOrDefault(type, Map.of());
    }

    public Map<String, Map<String, Object>> variables() {
        return variables;
    }

    public Map<String, Map<String, Object>> outputs() {
        return outputs;
    }

    public Map<String, Map<String, Object>> modules() {
        return modules;
    }

    public Map<String, Object> locals() {
        return locals;
    }

    /** Source text of the file with this name. */
    public String source(String fileName) {
        return sources.entrySet().stream()
                .filter(e -> e.getKey().getFileName().toString().equals(fileName))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + fileName + " in " + dir));
    }

    /** A value with every unresolved reference replaced by its dotted name. */
    public static Object plain(Object value) {
        if (value instanceof Symbol symbol) {
            return symbol.getName();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(plain(v)));
            return out;
        }
        return value;
    }

    /** A repeated block parses as a list, a single one as a map: always a list of blocks. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> blocks(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return (List<Map<String, Object>>) list;
        }
        return List.of((Map<String, Object>) value);
    }

    /** The nested block at this path (first of each repeated block), or null. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> block(Map<String, Object> body, String... path) {
        Map<String, Object> current = body;
        for (String key : path) {
            List<Map<String, Object>> found = blocks(current.get(key));
            if (found.isEmpty()) {
                return null;
            }
            current = found.get(0);
        }
        return current;
    }

    /**
     * The variables of these stacks that have no type or no description, each as {@code
     * dir/name: type} or {@code dir/name: description}; empty when every variable has both.
     */
    public static List<String> untypedOrUndescribed(List<TerraformFiles> stacks) {
        List<String> missing = new java.util.ArrayList<>();
        for (TerraformFiles files : stacks) {
            files.variables().forEach((name, variable) -> {
                if (variable.get("type") == null) {
                    missing.add(files.dir().getFileName() + "/" + name + ": type");
                }
                if (!(variable.get("description") instanceof String d) || d.isBlank()) {
                    missing.add(files.dir().getFileName() + "/" + name + ": description");
                }
            });
        }
        return missing;
    }

    /**
     * Of the named variables, those missing here or without a {@code validation} block holding a
     * condition and a non-blank error message; empty when each is validated.
     */
    public java.util.SortedSet<String> unvalidated(java.util.Collection<String> names) {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        for (String name : names) {
            Map<String, Object> variable = variables().get(name);
            Map<String, Object> validation = variable == null ? null : block(variable, "validation");
            if (validation == null
                    || !validation.containsKey("condition")
                    || !(validation.get("error_message") instanceof String message)
                    || message.isBlank()) {
                out.add(name);
            }
        }
        return out;
    }
}
