package io.airs.aws.infra;

import static io.airs.testkit.terraform.TerraformFiles.plain;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.airs.testkit.terraform.TerraformFiles;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ties the {@code handler} of every {@code aws_lambda_function} in {@code infra/aws} to the code:
 * the class is in the jar, Lambda can construct it and call the method; and no handler in {@code
 * aws/src/main/java} is left undeployed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TerraformHandlersTest {

    private Map<String, String> deployed;

    @BeforeAll
    void readHandlers() throws IOException {
        deployed = deployedHandlers(TerraformAwsTest.infraDir());
    }

    /**
     * Function address (directory, resource, for_each key) to its handler, across every directory of
     * the stack. A handler is a literal, or {@code each.value.handler} over a {@code local} map.
     */
    @SuppressWarnings("unchecked")
    static Map<String, String> deployedHandlers(Path infra) throws IOException {
        Map<String, String> handlers = new TreeMap<>();
        for (Path dir : TerraformFiles.directories(infra)) {
            TerraformFiles files = TerraformFiles.load(dir);
            files.resources("aws_lambda_function").forEach((name, function) -> {
                String where = infra.relativize(dir) + "/aws_lambda_function." + name;
                Object handler = plain(function.get("handler"));
                assertThat(handler).as(where + " handler").isInstanceOf(String.class);
                if (!"each.value.handler".equals(handler)) {
                    assertThat((String) handler)
                            .as(where + ": a literal handler, or each.value.handler over a local map")
                            .contains("::")
                            .doesNotContain("${");
                    handlers.put(where, (String) handler);
                    return;
                }
                String forEach = String.valueOf(plain(function.get("for_each")));
                assertThat(forEach).as(where + " for_each").startsWith("local.");
                Object map = plain(files.locals().get(forEach.substring("local.".length())));
                assertThat(map).as(forEach).isInstanceOf(Map.class);
                ((Map<String, Object>) map).forEach((key, value) -> {
                    Object each = ((Map<String, Object>) value).get("handler");
                    assertThat(each).as(where + "[" + key + "] handler").isInstanceOf(String.class);
                    handlers.put(where + "[\"" + key + "\"]", (String) each);
                });
            });
        }
        return handlers;
    }

    Stream<String> handlers() {
        return new TreeSet<>(deployed.values()).stream();
    }

    @Test
    void theStackDeploysFunctions() {
        assertThat(deployed).hasSizeGreaterThanOrEqualTo(5);
        assertThat(deployed.values()).allSatisfy(h -> assertThat(h).matches("[\\w.$]+::\\w+"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handlers")
    void handlerClassLoadsAndLambdaCanCallIt(String handler) {
        String className = handler.substring(0, handler.indexOf("::"));
        String methodName = handler.substring(handler.indexOf("::") + 2);
        Class<?> type = load(className);
        assertThat(type).as(className + " is in the jar").isNotNull();
        assertThat(Modifier.isPublic(type.getModifiers()))
                .as(className + " is public")
                .isTrue();
        assertThat(type.isInterface() || Modifier.isAbstract(type.getModifiers()))
                .as(className + " is concrete")
                .isFalse();
        assertThat(isHandler(type) || hasPublicMethod(type, methodName))
                .as(className + " implements RequestHandler or has a public " + methodName)
                .isTrue();
        assertThat(hasPublicMethod(type, methodName))
                .as(className + " has a public " + methodName)
                .isTrue();
        // Lambda instantiates the class itself, with no arguments, before the first invocation.
        assertThat(Arrays.stream(type.getConstructors()).anyMatch(c -> c.getParameterCount() == 0))
                .as(className + " has a public no-argument constructor (Lambda cannot construct it otherwise)")
                .isTrue();
    }

    @Test
    void everyHandlerInTheSourceIsDeployed() throws IOException {
        Set<String> inSource = new TreeSet<>();
        for (Class<?> type : mainClasses()) {
            if (isHandler(type)
                    && Modifier.isPublic(type.getModifiers())
                    && !type.isInterface()
                    && !Modifier.isAbstract(type.getModifiers())) {
                inSource.add(type.getName());
            }
        }
        Set<String> deployedClasses = new TreeSet<>();
        deployed.values().forEach(h -> deployedClasses.add(h.substring(0, h.indexOf("::"))));
        assertThat(inSource).as("RequestHandler classes in aws/src/main/java").isNotEmpty();
        assertThat(deployedClasses).as("handlers deployed by infra/aws").containsAll(inSource);
    }

    private static boolean isHandler(Class<?> type) {
        return RequestHandler.class.isAssignableFrom(type) || RequestStreamHandler.class.isAssignableFrom(type);
    }

    private static boolean hasPublicMethod(Class<?> type, String name) {
        for (Method method : type.getMethods()) {
            if (method.getName().equals(name) && !method.isBridge()) {
                return true;
            }
        }
        return false;
    }

    private static Class<?> load(String name) {
        try {
            // Not initialised: a handler's static composition root reads the Lambda environment.
            return Class.forName(name, false, TerraformHandlersTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** Every top-level and nested class declared under aws/src/main/java. */
    private static List<Class<?>> mainClasses() throws IOException {
        Path sources = TerraformAwsTest.infraDir().getParent().getParent().resolve("aws/src/main/java");
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(sources)) {
            for (Path file :
                    walk.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String relative = sources.relativize(file).toString();
                if (relative.endsWith("package-info.java") || relative.endsWith("module-info.java")) {
                    continue;
                }
                String name = relative.substring(0, relative.length() - ".java".length())
                        .replace(file.getFileSystem().getSeparator(), ".");
                Class<?> type = load(name);
                assertThat(type).as(name + " from " + relative + " is compiled").isNotNull();
                addWithNested(type, classes);
            }
        }
        return classes;
    }

    private static void addWithNested(Class<?> type, List<Class<?>> into) {
        into.add(type);
        for (Class<?> nested : type.getDeclaredClasses()) {
            addWithNested(nested, into);
        }
    }
}
