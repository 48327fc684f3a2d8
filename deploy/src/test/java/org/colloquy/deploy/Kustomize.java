package org.colloquy.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for exactly the subset our manifests use, because
 * neither kubectl nor kustomize can run where the build runs. Anything outside the subset fails loudly, so the
 * manifests cannot start relying on a feature this renderer would silently get wrong.
 *
 * <p>The subset:
 * <ul>
 * <li>{@code apiVersion}, {@code kind}: must be {@code kustomize.config.k8s.io/v1beta1} / {@code Kustomization}.</li>
 * <li>{@code resources}: local YAML files (several documents each) and local directories holding a
 * {@code kustomization.yaml}, rendered first; no URLs. Two resources with the same kind, name and namespace fail.</li>
 * <li>{@code namespace}: set on every namespaced resource; a {@code Namespace} object is renamed to it, as kustomize
 * does.</li>
 * <li>{@code labels}: {@code pairs} added to {@code metadata.labels}, and with {@code includeTemplates: true} to
 * Deployment pod templates; {@code includeSelectors: true} is not supported.</li>
 * <li>{@code images}: {@code name} with {@code newName}, {@code newTag} and/or {@code digest}, applied to the
 * containers and init containers of Deployments.</li>
 * <li>{@code replicas}: {@code name} and {@code count} of a Deployment (a name matching none fails).</li>
 * <li>{@code patches}: strategic-merge patches from a file ({@code path}), applied to the resource with the patch's
 * kind and name, or with {@code target} ({@code kind}, optionally {@code name}) to every resource of that kind.
 * Maps merge, {@code null} deletes a key, lists are replaced, except the lists Kubernetes merges by key in the kinds
 * we patch: a pod spec's {@code containers}/{@code initContainers}/{@code volumes} (by {@code name}) and a
 * container's {@code env} (by {@code name}), {@code ports} (by {@code containerPort}) and {@code volumeMounts} (by
 * {@code mountPath}); the lists without a merge key that we patch ({@code rules}, {@code tls}, ...) are replaced,
 * and patching any other existing list of a built-in kind fails. For custom resources kustomize has no schema and
 * replaces lists too, as here. Patch
 * directives ({@code $patch}, {@code $setElementOrder}, ...), inline patches, JSON 6902 patches and other target
 * selectors are not supported.</li>
 * </ul>
 */
final class Kustomize {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> SUPPORTED_FIELDS = Set.of("apiVersion", "kind", "resources", "namespace",
            "labels", "images", "replicas", "patches");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");
    /** Lists merged by key in a strategic-merge patch: the name of the list's field, and the key. */
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name", "initContainers", "name", "volumes", "name", "env", "name",
            "ports", "containerPort", "volumeMounts", "mountPath");
    /** Lists Kubernetes replaces as a whole in a strategic-merge patch (no merge key in its schema). */
    private static final Set<String> REPLACED_LISTS = Set.of("rules", "tls", "hosts", "paths", "command", "args");
    private static final Set<String> STRATEGIC_KINDS = Set.of("Deployment", "Service", "ConfigMap", "Secret",
            "Ingress", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Namespace");

    private Kustomize() {
    }

    /** The resources {@code kubectl kustomize dir} would print, in order. */
    static List<ObjectNode> render(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new UnsupportedKustomization(dir + " has no kustomization.yaml");
        }
        ObjectNode kustomization = (ObjectNode) readDocuments(file).get(0);
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!SUPPORTED_FIELDS.contains(field)) {
                throw new UnsupportedKustomization(file + ": field '" + field + "' is not supported by this renderer");
            }
        });
        expect(file, kustomization, "apiVersion", "kustomize.config.k8s.io/v1beta1");
        expect(file, kustomization, "kind", "Kustomization");

        List<ObjectNode> resources = new ArrayList<>();
        for (JsonNode entry : kustomization.path("resources")) {
            String ref = entry.asText();
            if (ref.contains("://") || ref.startsWith("github.com/")) {
                throw new UnsupportedKustomization(file + ": remote resource " + ref);
            }
            Path path = dir.resolve(ref).normalize();
            if (Files.isDirectory(path)) {
                resources.addAll(render(path));
            } else {
                readDocuments(path).forEach(doc -> resources.add((ObjectNode) doc));
            }
        }
        for (JsonNode patch : kustomization.path("patches")) {
            applyPatch(file, dir, patch, resources);
        }
        for (JsonNode image : kustomization.path("images")) {
            applyImage(file, image, resources);
        }
        for (JsonNode replicas : kustomization.path("replicas")) {
            applyReplicas(file, replicas, resources);
        }
        for (JsonNode labels : kustomization.path("labels")) {
            applyLabels(file, labels, resources);
        }
        if (kustomization.has("namespace")) {
            String namespace = kustomization.get("namespace").asText();
            resources.stream().filter(r -> !CLUSTER_SCOPED.contains(kind(r)))
                    .forEach(r -> metadata(r).put("namespace", namespace));
            // kustomize renames Namespace objects to the namespace (kubernetes-sigs/kustomize#4979, #5282).
            resources.stream().filter(r -> kind(r).equals("Namespace"))
                    .forEach(r -> metadata(r).put("name", namespace));
        }
        checkUnique(dir, resources);
        return resources;
    }

    static String kind(JsonNode resource) {
        return resource.path("kind").asText();
    }

    static String name(JsonNode resource) {
        return resource.path("metadata").path("name").asText();
    }

    private static void applyPatch(Path file, Path dir, JsonNode entry, List<ObjectNode> resources) {
        onlyFields(file, "patches", entry, Set.of("path", "target"));
        if (!entry.has("path")) {
            throw new UnsupportedKustomization(file + ": only patches from a file (path) are supported");
        }
        List<JsonNode> documents = readDocuments(dir.resolve(entry.get("path").asText()));
        if (documents.size() != 1 || !documents.get(0).isObject()) {
            throw new UnsupportedKustomization(file + ": " + entry.get("path").asText()
                    + " must hold one strategic-merge patch (JSON 6902 patches are not supported)");
        }
        ObjectNode patch = (ObjectNode) documents.get(0);
        rejectDirectives(file, patch);
        String kind = kind(patch);
        String name = name(patch);
        if (entry.has("target")) {
            JsonNode target = entry.get("target");
            onlyFields(file, "patches.target", target, Set.of("kind", "name"));
            kind = target.path("kind").asText(null);
            name = target.has("name") ? target.get("name").asText() : null;
            if (kind == null) {
                throw new UnsupportedKustomization(file + ": a patch target needs a kind here");
            }
        }
        String wantedKind = kind;
        String wantedName = name;
        List<ObjectNode> matches = resources.stream()
                .filter(r -> kind(r).equals(wantedKind) && (wantedName == null || name(r).equals(wantedName)))
                .toList();
        if (matches.isEmpty()) {
            throw new IllegalStateException(file + ": patch " + entry + " matches no resource");
        }
        for (ObjectNode resource : matches) {
            ObjectNode copy = patch.deepCopy();
            // With a target, the patch's own name is only a placeholder, as in kustomize.
            ((ObjectNode) copy.get("metadata")).put("name", name(resource));
            merge(resource, copy, STRATEGIC_KINDS.contains(kind(resource)));
        }
    }

    private static void merge(ObjectNode base, ObjectNode patch, boolean strategic) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            JsonNode existing = base.get(key);
            if (value.isNull()) {
                base.remove(key);
            } else if (value.isObject() && existing != null && existing.isObject()) {
                merge((ObjectNode) existing, (ObjectNode) value, strategic);
            } else if (value.isArray() && existing != null && existing.isArray() && strategic
                    && MERGE_KEYS.containsKey(key)) {
                mergeList((ArrayNode) existing, (ArrayNode) value, MERGE_KEYS.get(key));
            } else if (value.isArray() && existing != null && !existing.isEmpty() && strategic
                    && !REPLACED_LISTS.contains(key)) {
                throw new UnsupportedKustomization("patching the list '" + key + "' of a built-in kind: its merge"
                        + " strategy is not implemented here");
            } else {
                base.set(key, value.deepCopy());
            }
        }
    }

    private static void mergeList(ArrayNode base, ArrayNode patch, String mergeKey) {
        for (JsonNode item : patch) {
            if (!item.has(mergeKey)) {
                throw new UnsupportedKustomization("a patched list item has no merge key '" + mergeKey + "': " + item);
            }
            ObjectNode match = null;
            for (JsonNode existing : base) {
                if (existing.path(mergeKey).equals(item.get(mergeKey))) {
                    match = (ObjectNode) existing;
                }
            }
            if (match == null) {
                base.add(item.deepCopy());
            } else {
                merge(match, (ObjectNode) item, true);
            }
        }
    }

    private static void rejectDirectives(Path file, JsonNode node) {
        if (node.isObject()) {
            node.fields().forEachRemaining(entry -> {
                if (entry.getKey().startsWith("$")) {
                    throw new UnsupportedKustomization(file + ": patch directive " + entry.getKey());
                }
                rejectDirectives(file, entry.getValue());
            });
        } else if (node.isArray()) {
            node.forEach(item -> rejectDirectives(file, item));
        }
    }

    private static void applyImage(Path file, JsonNode image, List<ObjectNode> resources) {
        onlyFields(file, "images", image, Set.of("name", "newName", "newTag", "digest"));
        String name = image.path("name").asText();
        for (ObjectNode resource : resources) {
            if (!kind(resource).equals("Deployment")) {
                continue;
            }
            JsonNode podSpec = resource.path("spec").path("template").path("spec");
            for (String list : List.of("containers", "initContainers")) {
                for (JsonNode container : podSpec.path(list)) {
                    String current = container.path("image").asText();
                    String currentName = imageName(current);
                    if (!currentName.equals(name)) {
                        continue;
                    }
                    String newName = image.path("newName").asText(currentName);
                    String updated;
                    if (image.has("digest")) {
                        updated = newName + "@" + image.get("digest").asText();
                    } else if (image.has("newTag")) {
                        updated = newName + ":" + image.get("newTag").asText();
                    } else {
                        updated = newName + current.substring(currentName.length());
                    }
                    ((ObjectNode) container).put("image", updated);
                }
            }
        }
    }

    /** The image reference without tag and digest ("host:5000/a/b:1.0" gives "host:5000/a/b"). */
    static String imageName(String image) {
        String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int colon = withoutDigest.lastIndexOf(':');
        return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, colon) : withoutDigest;
    }

    private static void applyReplicas(Path file, JsonNode replicas, List<ObjectNode> resources) {
        onlyFields(file, "replicas", replicas, Set.of("name", "count"));
        String name = replicas.path("name").asText();
        List<ObjectNode> matches = resources.stream()
                .filter(r -> kind(r).equals("Deployment") && name(r).equals(name)).toList();
        if (matches.isEmpty()) {
            throw new IllegalStateException(file + ": replicas for " + name + " match no Deployment");
        }
        matches.forEach(r -> ((ObjectNode) r.get("spec")).put("replicas", replicas.path("count").asInt()));
    }

    private static void applyLabels(Path file, JsonNode labels, List<ObjectNode> resources) {
        onlyFields(file, "labels", labels, Set.of("pairs", "includeSelectors", "includeTemplates"));
        if (labels.path("includeSelectors").asBoolean(false)) {
            throw new UnsupportedKustomization(file + ": labels.includeSelectors is not supported");
        }
        boolean templates = labels.path("includeTemplates").asBoolean(false);
        for (ObjectNode resource : resources) {
            addLabels(metadata(resource), labels.path("pairs"));
            if (templates && kind(resource).equals("Deployment")) {
                addLabels((ObjectNode) resource.path("spec").path("template").path("metadata"), labels.path("pairs"));
            }
        }
    }

    private static void addLabels(ObjectNode metadata, JsonNode pairs) {
        ObjectNode labels = metadata.has("labels") ? (ObjectNode) metadata.get("labels") : metadata.putObject("labels");
        pairs.fields().forEachRemaining(pair -> labels.put(pair.getKey(), pair.getValue().asText()));
    }

    private static ObjectNode metadata(ObjectNode resource) {
        return resource.has("metadata") ? (ObjectNode) resource.get("metadata") : resource.putObject("metadata");
    }

    private static void checkUnique(Path dir, List<ObjectNode> resources) {
        Set<String> ids = new HashSet<>();
        for (ObjectNode resource : resources) {
            String id = kind(resource) + "/" + resource.path("metadata").path("namespace").asText() + "/"
                    + name(resource);
            if (!ids.add(id)) {
                throw new IllegalStateException(dir + ": " + id + " is defined twice");
            }
        }
    }

    private static void onlyFields(Path file, String where, JsonNode node, Set<String> allowed) {
        node.fieldNames().forEachRemaining(field -> {
            if (!allowed.contains(field)) {
                throw new UnsupportedKustomization(file + ": " + where + "." + field + " is not supported");
            }
        });
    }

    private static void expect(Path file, JsonNode node, String field, String value) {
        if (!value.equals(node.path(field).asText())) {
            throw new UnsupportedKustomization(file + ": " + field + " must be " + value);
        }
    }

    static List<JsonNode> readDocuments(Path file) {
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            List<JsonNode> documents = new ArrayList<>();
            YAML.readValues(parser, JsonNode.class).forEachRemaining(doc -> {
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    documents.add(doc);
                }
            });
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static String toYaml(List<ObjectNode> resources) {
        StringBuilder out = new StringBuilder();
        for (ObjectNode resource : resources) {
            try {
                out.append(YAML.writeValueAsString(resource));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toString();
    }

    /** A kustomization uses something this renderer does not implement. */
    static final class UnsupportedKustomization extends RuntimeException {
        UnsupportedKustomization(String message) {
            super(message);
        }
    }
}
