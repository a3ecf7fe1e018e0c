package io.airs.azure.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.functions.annotation.FunctionName;
import io.airs.azure.AzureSettings;
import io.airs.testkit.terraform.TerraformFiles;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Ties the function names of {@code infra/azure} (its README's function table, and any
 * {@code AzureWebJobs.<function>.Disabled} setting) to the code: they are the {@code FN_} constants
 * of {@link AzureSettings}, and those are the {@code @FunctionName}s of the classes in {@code
 * io.airs.azure}.
 */
class TerraformFunctionsTest {

    private static final Pattern README_ROW = Pattern.compile("^\\| `([a-z0-9-]+)` \\|");
    private static final Pattern DISABLED_SETTING = Pattern.compile("AzureWebJobs\\.([A-Za-z0-9_-]+)\\.Disabled");

    @Test
    void theReadmeDocumentsEveryFunctionOfTheCodeAndNoOther() throws IOException {
        assertThat(readmeFunctions())
                .isEqualTo(new TreeSet<>(AzureStack.functionNames().values()));
    }

    @Test
    void everyFunctionTheTerraformSwitchesOffExists() throws IOException {
        Set<String> named = new TreeSet<>();
        for (Path file : TerraformFiles.tfFilesUnder(AzureStack.infra())) {
            Matcher m = DISABLED_SETTING.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (m.find()) {
                named.add(m.group(1));
            }
        }
        assertThat(AzureStack.functionNames().values()).containsAll(named);
    }

    @Test
    void everyFunctionNameIsAnAnnotatedFunctionOfTheAzureModule() throws IOException {
        Set<String> annotated = functionNames(AzureStack.azureModule().resolve("target/classes"), "io.airs.azure");
        assertThat(annotated).isEqualTo(new TreeSet<>(AzureStack.functionNames().values()));
        assertThat(annotated).containsAll(readmeFunctions());
    }

    @Test
    void scannerFindsFunctionNamesOnMethodsOfTopLevelAndNestedClasses() throws IOException {
        assertThat(functionNames(
                        AzureStack.azureModule().resolve("target/test-classes"), "io.airs.azure.infra.fixture"))
                .containsExactlyInAnyOrder("fixture-http", "fixture-queue", "fixture-timer");
    }

    @Test
    void everyFunctionConstantIsAUsableFunctionName() {
        assertThat(AzureStack.functionNames()).hasSize(7);
        // Function names become URLs and setting names: letters, digits and hyphens only.
        assertThat(AzureStack.functionNames().values())
                .allMatch(name -> name.matches("[a-z][a-z0-9-]{0,127}"), "a function name");
    }

    /** The names in the first column of the README's function table. */
    private static Set<String> readmeFunctions() throws IOException {
        List<String> lines = Files.readAllLines(AzureStack.infra().resolve("README.md"), StandardCharsets.UTF_8);
        int start = lines.indexOf("### Functions");
        assertThat(start).as("README.md has a ### Functions section").isNotNegative();
        Set<String> names = new TreeSet<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            Matcher row = README_ROW.matcher(line);
            if (row.find()) {
                names.add(row.group(1));
            }
        }
        assertThat(names).as("functions in the README table").isNotEmpty();
        return names;
    }

    /**
     * The {@code @FunctionName} values on the methods of every class compiled under {@code classes}
     * in {@code pkg} (and its subpackages), nested classes included. Classes are loaded, not
     * initialised: a function class's composition root must not run here.
     */
    static Set<String> functionNames(Path classes, String pkg) throws IOException {
        Path root = classes.resolve(pkg.replace('.', '/'));
        assertThat(root).as("compiled classes of " + pkg).isDirectory();
        List<String> classNames = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> p.toString().endsWith(".class"))
                    .filter(p -> !p.getFileName().toString().equals("package-info.class"))
                    .forEach(p -> {
                        String relative = classes.relativize(p).toString();
                        classNames.add(relative.substring(0, relative.length() - ".class".length())
                                .replace(p.getFileSystem().getSeparator(), "."));
                    });
        }
        Set<String> names = new TreeSet<>();
        for (String className : classNames) {
            Class<?> type;
            try {
                type = Class.forName(className, false, TerraformFunctionsTest.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new AssertionError(className + " is compiled but does not load", e);
            }
            for (Method method : type.getDeclaredMethods()) {
                FunctionName name = method.getAnnotation(FunctionName.class);
                if (name != null) {
                    if (!names.add(name.value())) {
                        throw new AssertionError("@FunctionName(\"" + name.value() + "\") is declared twice");
                    }
                }
            }
        }
        return names;
    }
}
