package org.jifen.common.security;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lists every HTTP endpoint with the staff roles it admits (written to {@code target/access-policy.md} for review) and
 * fails when an endpoint states no policy or names a permission set {@link Roles} does not define.
 */
class AccessPolicyTest {

    record Endpoint(String method, String path, String who) {
    }

    @Test
    void everyEndpointStatesWhoMayCallIt() throws IOException {
        List<Endpoint> endpoints = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.jifen").stream()
                .map(c -> c.reflect())
                .forEach(type -> {
                    for (Method m : type.getDeclaredMethods()) {
                        String verb = httpMethod(m);
                        if (verb == null) {
                            continue;
                        }
                        String path = path(type) + path(m);
                        String who = policy(m);
                        if (who == null) {
                            who = policy(type);
                        }
                        if (who == null) {
                            problems.add(verb + " " + path + " (" + type.getSimpleName() + "." + m.getName() + ") states no policy");
                        } else if (who.startsWith("?")) {
                            problems.add(verb + " " + path + " names an unknown permission set " + who.substring(1));
                        }
                        endpoints.add(new Endpoint(verb, path.isEmpty() ? "/" : path, who));
                    }
                });
        endpoints.sort((a, b) -> (a.path + a.method).compareTo(b.path + b.method));
        StringBuilder table = new StringBuilder("| method | path | who may call it |\n|---|---|---|\n");
        endpoints.forEach(e -> table.append("| ").append(e.method).append(" | `").append(e.path).append("` | ").append(e.who).append(" |\n"));
        Files.createDirectories(Paths.get("target"));
        Files.writeString(Paths.get("target/access-policy.md"), table);

        assertTrue(endpoints.size() > 100, "found only " + endpoints.size() + " endpoints: is the scan broken?");
        assertEquals(List.of(), problems);
    }

    @Test
    void aTownAdminIsInEverySetAndEverySetIsUsed() {
        // the county's set is the one a town's admin is not in: it reaches every town
        Roles.SETS.forEach((set, roles) -> assertTrue(roles.contains(Role.TOWN_ADMIN) != set.equals(Roles.COUNTY_ADMINS), set));
        assertEquals(Set.of(Roles.COUNTY_ADMINS), Roles.setsOf(Role.COUNTY_ADMIN));
        assertEquals(Set.of(), Arrays.stream(Role.values()).filter(r -> Roles.setsOf(r).isEmpty()).collect(Collectors.toSet()));
    }

    private static String httpMethod(Method m) {
        return Arrays.stream(m.getAnnotations())
                .map(a -> a.annotationType().getAnnotation(HttpMethod.class))
                .filter(h -> h != null).map(HttpMethod::value).findFirst().orElse(null);
    }

    private static String path(AnnotatedElement e) {
        Path p = e.getAnnotation(Path.class);
        if (p == null) {
            return "";
        }
        String v = p.value();
        return (v.startsWith("/") ? v : "/" + v).replaceAll("/$", "");
    }

    /** The staff roles (or "anyone", "any logged-in user", "nobody") an element admits; null when it says nothing. */
    private static String policy(AnnotatedElement e) {
        if (e.isAnnotationPresent(PermitAll.class)) {
            return "anyone";
        }
        if (e.isAnnotationPresent(Authenticated.class)) {
            return "any logged-in user";
        }
        if (e.isAnnotationPresent(DenyAll.class)) {
            return "nobody";
        }
        RolesAllowed r = e.getAnnotation(RolesAllowed.class);
        if (r == null) {
            return null;
        }
        Set<String> roles = new TreeSet<>();
        for (String name : r.value()) {
            if (name.equals(Roles.HOUSEHOLD)) {
                roles.add("HOUSEHOLD (villager)");
            } else if (Roles.SETS.containsKey(name)) {
                Roles.SETS.get(name).forEach(role -> roles.add(role.name()));
            } else {
                return "?" + name;
            }
        }
        return String.join(", ", roles);
    }
}
