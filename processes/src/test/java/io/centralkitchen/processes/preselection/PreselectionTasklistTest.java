package io.centralkitchen.processes.preselection;

import com.fasterxml.jackson.databind.JsonNode;
import io.centralkitchen.processes.TestHttp;
import io.centralkitchen.processes.KitchenTest;
import io.centralkitchen.processes.preselection.PreselectionClient.Part;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.centralkitchen.processes.preselection.PreselectionClient.array;
import static io.centralkitchen.processes.preselection.PreselectionClient.evidenceJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a quality reviewer and an editor see in Tasklist, through the webapp's own API with a login session: their
 * group's filter lists the review task (read with GET: the session's XSRF token changes at login), the Camunda Form is served with the dossier in its variables.
 */
@KitchenTest
class PreselectionTasklistTest {

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identityService;

    @Test
    void aReviewerFindsTheReviewInTheirGroupsFilterWithItsFormAndDossier() {
        PreselectionFixtures.ensureStaff(identityService);
        String account = "supplier-" + UUID.randomUUID().toString().substring(0, 8);
        PreselectionFixtures.registerSupplier(port, account, false);
        String productName = "Lacquer box " + UUID.randomUUID().toString().substring(0, 6);
        TestHttp.Response submitted = new PreselectionClient(port, account, PreselectionFixtures.PASSWORD).submit(
                Part.json("product", "{\"name\":\"" + productName + "\",\"category\":\"GENERAL\",\"price\":120,\"unit\":\"piece\",\"stockOffered\":10}"),
                Part.json("evidence", array(evidenceJson("BUSINESS_LICENCE", "91430400MA4L000003", null, "business.pdf"))),
                Part.file("files", "business.pdf", "application/pdf", PreselectionClient.pdf("business licence")));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);

        TestHttp reviewer = new TestHttp(port);
        reviewer.loginToTasklist(PreselectionFixtures.REVIEWER_1, PreselectionFixtures.PASSWORD);
        JsonNode filters = reviewer.get("/camunda/api/engine/engine/default/filter?resourceType=Task").json();
        assertThat(names(filters)).contains("Quality reviewers").doesNotContain("Editors");
        String filterId = idOf(filters, "Quality reviewers");
        JsonNode listed = reviewer.get("/camunda/api/engine/engine/default/filter/" + filterId + "/list").json();
        JsonNode task = StreamSupport.stream(listed.spliterator(), false)
                .filter(t -> t.path("name").asText().equals("Review quality: " + productName)).findFirst().orElseThrow();
        String taskId = task.path("id").asText();

        JsonNode formRef = reviewer.get("/camunda/api/engine/engine/default/task/" + taskId + "/form").json();
        assertThat(formRef.path("camundaFormRef").path("key").asText()).as(formRef.toString()).isEqualTo("preselection-quality-review");
        assertThat(formRef.path("camundaFormRef").path("binding").asText()).isEqualTo("deployment");
        JsonNode form = reviewer.get("/camunda/api/engine/engine/default/task/" + taskId + "/deployed-form").json();
        assertThat(form.path("id").asText()).isEqualTo("preselection-quality-review");
        JsonNode variables = reviewer.get("/camunda/api/engine/engine/default/task/" + taskId + "/form-variables").json();
        String dossier = variables.path("evidenceSummary").path("value").asText();
        assertThat(dossier).contains("91430400MA4L000003").doesNotContain("http://").doesNotContain("valid until");
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("\\((/api/preselection/evidence/[0-9]+/file)\\)").matcher(dossier);
        assertThat(link.find()).as(dossier).isTrue();
        // the link works from the reviewer's Tasklist session, through the platform's port only, and for nobody else
        TestHttp.Response file = reviewer.get(link.group(1));
        assertThat(file.status()).as(file.body()).isEqualTo(200);
        assertThat(file.body()).startsWith("%PDF");
        assertThat(new TestHttp(port).get(link.group(1)).status()).isEqualTo(401);
        assertThat(variables.path("productName").path("value").asText()).isEqualTo(productName);

        TestHttp editor = new TestHttp(port);
        editor.loginToTasklist(PreselectionFixtures.EDITOR, PreselectionFixtures.PASSWORD);
        JsonNode editorFilters = editor.get("/camunda/api/engine/engine/default/filter?resourceType=Task").json();
        assertThat(names(editorFilters)).contains("Editors").doesNotContain("Quality reviewers");
        JsonNode editorTasks = editor.get("/camunda/api/engine/engine/default/filter/" + idOf(editorFilters, "Editors") + "/list").json();
        assertThat(names(editorTasks)).noneMatch(n -> n.startsWith("Review quality: " + productName));
        assertThat(editor.get(link.group(1)).status()).as("the editor of the station reads the dossier too").isEqualTo(200);
    }

    private static List<String> names(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.path("name").asText()).toList();
    }

    private static String idOf(JsonNode filters, String name) {
        return StreamSupport.stream(filters.spliterator(), false).filter(f -> f.path("name").asText().equals(name))
                .findFirst().orElseThrow().path("id").asText();
    }
}
