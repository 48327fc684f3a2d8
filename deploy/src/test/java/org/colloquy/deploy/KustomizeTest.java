package org.colloquy.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The renderer does what kustomize does for the subset it claims, and refuses everything else. */
class KustomizeTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: app
            spec:
              replicas: 1
              template:
                spec:
                  containers:
                    - name: app
                      image: colloquy/app:latest
                      env:
                        - name: A
                          value: "1"
                        - name: B
                          value: "2"
                    - name: sidecar
                      image: other/sidecar:1
            """;

    @TempDir
    Path dir;

    @Test
    void strategicMergeMergesContainersAndEnvByNameAndTransformersApply() throws IOException {
        write("base/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
                + "resources:\n  - app.yaml\n");
        write("base/app.yaml", DEPLOYMENT);
        write("overlay/patch.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: app
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          env:
                            - name: B
                              value: "3"
                            - name: C
                              value: "4"
                """);
        write("overlay/kustomization.yaml", """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                namespace: ns
                labels:
                  - pairs:
                      team: x
                resources:
                  - ../base
                images:
                  - name: colloquy/app
                    newName: registry.example.org/app
                    newTag: "1.2"
                replicas:
                  - name: app
                    count: 3
                patches:
                  - path: patch.yaml
                """);

        List<ObjectNode> rendered = Kustomize.render(dir.resolve("overlay"));

        ObjectNode deployment = rendered.get(0);
        assertThat(deployment.at("/metadata/namespace").asText()).isEqualTo("ns");
        assertThat(deployment.at("/metadata/labels/team").asText()).isEqualTo("x");
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(deployment.at("/spec/template/spec/containers/0/image").asText())
                .isEqualTo("registry.example.org/app:1.2");
        assertThat(deployment.at("/spec/template/spec/containers/1/image").asText()).isEqualTo("other/sidecar:1");
        assertThat(deployment.at("/spec/template/spec/containers/0/env").toString())
                .isEqualTo("[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"B\",\"value\":\"3\"},"
                        + "{\"name\":\"C\",\"value\":\"4\"}]");
        assertThat(deployment.at("/spec/template/spec/containers")).hasSize(2);
    }

    @Test
    void unsupportedKustomizationFieldsFail() throws IOException {
        write("kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
                + "commonLabels:\n  a: b\nresources:\n  - app.yaml\n");
        write("app.yaml", DEPLOYMENT);

        assertThatThrownBy(() -> Kustomize.render(dir)).isInstanceOf(Kustomize.UnsupportedKustomization.class)
                .hasMessageContaining("commonLabels");
    }

    @Test
    void patchDirectivesAndInlinePatchesFail() throws IOException {
        write("kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
                + "resources:\n  - app.yaml\npatches:\n  - path: patch.yaml\n");
        write("app.yaml", DEPLOYMENT);
        write("patch.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\n$patch: delete\n");
        assertThatThrownBy(() -> Kustomize.render(dir)).isInstanceOf(Kustomize.UnsupportedKustomization.class)
                .hasMessageContaining("$patch");

        write("kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
                + "resources:\n  - app.yaml\npatches:\n  - patch: |-\n      kind: Deployment\n");
        assertThatThrownBy(() -> Kustomize.render(dir)).isInstanceOf(Kustomize.UnsupportedKustomization.class);
    }

    @Test
    void aPatchThatMatchesNothingFails() throws IOException {
        write("kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
                + "resources:\n  - app.yaml\npatches:\n  - path: patch.yaml\n");
        write("app.yaml", DEPLOYMENT);
        write("patch.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: typo\nspec:\n  replicas: 2\n");

        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("matches no resource");
    }

    private void write(String file, String content) throws IOException {
        Path path = dir.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
    }
}
