package io.centralkitchen.processes;

import io.centralkitchen.processes.archive.verify.PackVerifier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Central Kitchen: the Camunda engine with its REST API and webapps, the BPMN/DMN/forms of the central-kitchen flow,
 * the domain, and — through their auto-configurations — storage, the media worker and the Camel routes.
 * <p>
 * {@code java -jar central-kitchen.jar verify pack.zip public-key.pem} checks an evidence pack offline instead.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CentralKitchenApplication {

    public static void main(String[] args) {
        if (args.length > 0 && "verify".equals(args[0])) {
            // the offline verifier of evidence packs: no Spring, no database, no network
            PackVerifier.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(CentralKitchenApplication.class, args);
    }
}
