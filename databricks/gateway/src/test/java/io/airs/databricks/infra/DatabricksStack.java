package io.airs.databricks.infra;

import io.airs.testkit.terraform.TerraformFiles;
import java.nio.file.Path;

/** Where the Databricks stack, its module and its example live. */
final class DatabricksStack {

    static final String MODULE = "modules/airs";
    static final String EXAMPLE = "examples/complete";

    private DatabricksStack() {}

    static Path infra() {
        return TerraformFiles.locate("infra/databricks");
    }

    /** The databricks/gateway Maven module: its node_modules hold the HCL tools. */
    static Path gatewayModule() {
        return infra().getParent().getParent().resolve("databricks").resolve("gateway");
    }

    /** The example's ai-gateway.json, the compiled policy the example deploys. */
    static Path exampleAiGateway() {
        return infra().resolve(EXAMPLE).resolve("ai-gateway.json");
    }
}
