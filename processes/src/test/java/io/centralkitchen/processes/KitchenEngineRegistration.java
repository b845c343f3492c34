package io.centralkitchen.processes;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Keeps the shared application's engine registered as the JVM's "default" engine before each test. The engine REST
 * API and the webapps look engines up in the static {@link ProcessEngines} registry; a test that starts and closes an
 * application of its own in the same JVM (e.g. {@code FirstStartAndRestartTest}) takes "default" out of it, and the
 * shared application then answers 404/500 — depending only on the order the test classes happen to run in.
 */
public class KitchenEngineRegistration implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        ProcessEngine engine = SpringExtension.getApplicationContext(context).getBean(ProcessEngine.class);
        if (ProcessEngines.getProcessEngines().get(engine.getName()) != engine) {
            ProcessEngines.registerProcessEngine(engine);
        }
    }
}
