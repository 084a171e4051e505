package com.omnichat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The OpenAPI 3.1 document of both APIs, assembled once at startup from a base and every fragment
 * {@code openapi/<feature>.json} on the server's classpath. Each feature describes its own routes in its own file, so
 * a new feature adds a file and touches nothing else; the fragments are found by listing the directory or jar the
 * server's classes come from, whichever it runs from (decision 0022).
 *
 * <p>A fragment holds {@code paths}, {@code components} and optionally {@code tags}. Two fragments describing the
 * same operation or component are a mistake: the first one wins and the clash is reported in {@link #problems()}
 * (a test fails on it); documentation never stops the server.
 */
public final class OpenApiDocument {
    private static final Logger LOG = LoggerFactory.getLogger(OpenApiDocument.class);
    static final String FRAGMENTS = "openapi/";
    private static final Set<String> FRAGMENT_KEYS = Set.of("paths", "components", "tags");

    private final ObjectNode document;
    private final List<String> fragments;
    private final List<String> problems;

    private OpenApiDocument(ObjectNode document, List<String> fragments, List<String> problems) {
        this.document = document;
        this.fragments = fragments;
        this.problems = problems;
    }

    public static OpenApiDocument assemble(ObjectMapper json, String version) {
        ObjectNode document = base(json, version);
        List<String> problems = new ArrayList<>();
        List<String> names = fragmentNames();
        Map<String, ObjectNode> paths = new TreeMap<>();
        Map<String, String> owners = new TreeMap<>();
        for (String name : names) {
            JsonNode fragment = read(json, name);
            if (!fragment.isObject()) {
                problems.add(name + ": not a JSON object");
                continue;
            }
            fragment.fieldNames().forEachRemaining(key -> {
                if (!FRAGMENT_KEYS.contains(key)) {
                    problems.add(name + ": unexpected top-level key " + key);
                }
            });
            fragment.path("paths").fields().forEachRemaining(path -> {
                ObjectNode item = paths.computeIfAbsent(path.getKey(), k -> json.createObjectNode());
                path.getValue().fields().forEachRemaining(operation -> {
                    String owner = path.getKey() + " " + operation.getKey();
                    if (item.has(operation.getKey())) {
                        problems.add(name + ": " + owner + " is already described by " + owners.get(owner));
                    } else {
                        item.set(operation.getKey(), operation.getValue());
                        owners.put(owner, name);
                    }
                });
            });
            fragment.path("components").fields().forEachRemaining(section -> {
                ObjectNode target = document.withObjectProperty("components").withObjectProperty(section.getKey());
                section.getValue().fields().forEachRemaining(component -> {
                    if (target.has(component.getKey())) {
                        problems.add(name + ": component " + section.getKey() + "/" + component.getKey()
                                + " is defined twice");
                    } else {
                        target.set(component.getKey(), component.getValue());
                    }
                });
            });
            ArrayNode tags = document.withArrayProperty("tags");
            for (JsonNode tag : fragment.path("tags")) {
                boolean known = false;
                for (JsonNode existing : tags) {
                    known |= existing.path("name").equals(tag.path("name"));
                }
                if (!known) {
                    tags.add(tag);
                }
            }
        }
        ObjectNode pathsNode = document.putObject("paths");
        paths.forEach(pathsNode::set);
        problems.forEach(problem -> LOG.error("OpenAPI fragment problem: {}", problem));
        return new OpenApiDocument(document, List.copyOf(names), List.copyOf(problems));
    }

    public ObjectNode document() {
        return document.deepCopy();
    }

    /** The fragment files that were found, e.g. {@code core.json}. */
    public List<String> fragments() {
        return fragments;
    }

    /** Clashes and malformed fragments; empty when every fragment merged cleanly. */
    public List<String> problems() {
        return problems;
    }

    private static ObjectNode base(ObjectMapper json, String version) {
        ObjectNode document = json.createObjectNode();
        document.put("openapi", "3.1.0");
        ObjectNode info = document.putObject("info");
        info.put("title", "Omnichat API");
        info.put("version", version);
        info.put("description", "Both APIs of the Omnichat server: the compatibility routes of the deployed clients "
                + "(errors `{\"detail\":…}`) and the versioned API `/api/v1` (errors `{\"error\":{…}}`). "
                + "Timestamps are ISO-8601 UTC with six fractional digits. Operations marked `x-websocket` are "
                + "WebSocket endpoints (open them with a WebSocket client, not with the Try-it-out button).");
        document.putArray("servers").addObject().put("url", "/");
        document.putArray("tags");
        ObjectNode schemes = document.putObject("components").putObject("securitySchemes");
        ObjectNode staff = schemes.putObject("StaffBearer");
        staff.put("type", "http");
        staff.put("scheme", "bearer");
        staff.put("bearerFormat", "JWT");
        staff.put("description", "A staff token from POST /api/v1/auth/login. Routes marked admin also need role admin.");
        ObjectNode visitor = schemes.putObject("VisitorCredentials");
        visitor.put("type", "apiKey");
        visitor.put("in", "header");
        visitor.put("name", "Authorization");
        visitor.put("description", "`Visitor <visitor_id>:<visitor_secret>` from POST /api/v1/widget/sessions.");
        ObjectNode platform = schemes.putObject("PlatformToken");
        platform.put("type", "http");
        platform.put("scheme", "bearer");
        platform.put("description", "The operator's OMNICHAT_PLATFORM_TOKEN; staff tokens never work here.");
        return document;
    }

    private static JsonNode read(ObjectMapper json, String name) {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(FRAGMENTS + name)) {
            if (in == null) {
                throw new IllegalStateException("OpenAPI fragment disappeared: " + name);
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("OpenAPI fragment " + name + " is not valid JSON", e);
        }
    }

    /**
     * The names of {@code openapi/*.json} where the server's classes live (a directory when run from the build, a
     * jar when installed), plus any other classpath root that has the directory.
     */
    static List<String> fragmentNames() {
        Set<String> names = new TreeSet<>();
        try {
            URL own = OpenApiDocument.class.getProtectionDomain().getCodeSource().getLocation();
            list(Path.of(own.toURI()), names);
            Iterator<URL> roots = OpenApiDocument.class.getClassLoader().getResources(FRAGMENTS).asIterator();
            while (roots.hasNext()) {
                URL root = roots.next();
                if (root.getProtocol().equals("file")) {
                    list(Path.of(root.toURI()).getParent(), names);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return List.copyOf(names);
    }

    private static void list(Path root, Set<String> names) throws IOException {
        if (Files.isDirectory(root)) {
            Path dir = root.resolve(FRAGMENTS);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.map(file -> file.getFileName().toString()).filter(n -> n.endsWith(".json")).forEach(names::add);
                }
            }
        } else if (Files.isRegularFile(root)) {
            try (JarFile jar = new JarFile(root.toFile())) {
                for (JarEntry entry : java.util.Collections.list(jar.entries())) {
                    String entryName = entry.getName();
                    if (entryName.startsWith(FRAGMENTS) && entryName.endsWith(".json")
                            && entryName.indexOf('/', FRAGMENTS.length()) < 0) {
                        names.add(entryName.substring(FRAGMENTS.length()));
                    }
                }
            }
        }
    }
}
