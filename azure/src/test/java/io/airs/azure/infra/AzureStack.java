package io.airs.azure.infra;

import io.airs.azure.AzureSettings;
import io.airs.testkit.terraform.TerraformFiles;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Where the Azure stack and module live, and the names {@link AzureSettings} shares with them. */
final class AzureStack {

    static final String MODULE = "modules/airs";
    static final String EXAMPLE = "examples/complete";

    private AzureStack() {}

    static Path infra() {
        return TerraformFiles.locate("infra/azure");
    }

    /** The azure Maven module: its node_modules hold the HCL tools, its target/classes the functions. */
    static Path azureModule() {
        return infra().getParent().getParent().resolve("azure");
    }

    /** Every application setting the code names: constant name to setting name (not DEFAULT_, not FN_). */
    static Map<String, String> settings() {
        Map<String, String> settings = new TreeMap<>();
        constants().forEach((field, value) -> {
            if (!field.startsWith("DEFAULT_") && !field.startsWith("FN_")) {
                settings.put(field, (String) value);
            }
        });
        return settings;
    }

    /** The function names: FN_ constant to name. */
    static Map<String, String> functionNames() {
        Map<String, String> names = new TreeMap<>();
        constants().forEach((field, value) -> {
            if (field.startsWith("FN_")) {
                names.put(field, (String) value);
            }
        });
        return names;
    }

    /** The names of the DEFAULT_ constants. */
    static Set<String> defaultNames() {
        Set<String> names = new TreeSet<>();
        constants().keySet().stream().filter(f -> f.startsWith("DEFAULT_")).forEach(names::add);
        return names;
    }

    /** A DEFAULT_ constant's value. */
    static Object defaultValue(String field) {
        Object value = constants().get(field);
        if (value == null) {
            throw new AssertionError("AzureSettings has no " + field);
        }
        return value;
    }

    private static Map<String, Object> constants() {
        Map<String, Object> constants = new TreeMap<>();
        for (Field field : AzureSettings.class.getDeclaredFields()) {
            int m = field.getModifiers();
            if (Modifier.isPublic(m) && Modifier.isStatic(m) && Modifier.isFinal(m)) {
                try {
                    constants.put(field.getName(), field.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return constants;
    }
}
