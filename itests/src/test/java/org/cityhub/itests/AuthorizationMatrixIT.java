package org.cityhub.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.security.Role;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every route of the API × every role × a token of the thing's own department, of another, and of all, and a
 * resident's token of a household with a thing of its own (which no department token but an admin's sees, and the
 * own department's only by the household's consent to read it): each answer
 * is checked against the rule the route table declares (published as {@code x-cityhub-access} in the OpenAPI
 * document), so a route cannot be added without a rule, and a rule cannot be declared without being enforced.
 * Requests carry no body: an allowed request is answered 400 or 409 by its route, never 401, 403 or "no thing".
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AuthorizationMatrixIT extends HubTestSupport {

    /** A thing of the department the test's department tokens belong to, with a writable channel. */
    private static final String OWN_THING = "simulator:streetlight:harbour-1";
    private static final String OWN_DEPARTMENT = "public-lighting";
    /** A thing of another department. */
    private static final String OTHER_THING = "simulator:airquality:westlake-01";
    /** A thing of the matrix's household, which only its resident and admins see. */
    private static final String HOME_THING = "simulator:streetlight:matrix-home-lamp";
    private static final String HOUSEHOLD = "matrix-home";

    @Configuration
    public Option[] configuration() {
        return CityHubDistribution.options();
    }

    /** A token of the matrix: its role and whether it sees all departments or only the own one. */
    private record Caller(Role role, boolean allDepartments, HubClient client) {
        @Override
        public String toString() {
            return role.id() + "@" + (role == Role.RESIDENT ? HOUSEHOLD : allDepartments ? "*" : OWN_DEPARTMENT);
        }
    }

    /** A documented route with its declared rule. */
    private record Rule(String method, String path, String scope, Role role, boolean residents) {
        boolean isThingRoute() {
            return path.startsWith("/things/{uid}") || path.startsWith("/ingest/{uid}");
        }
    }

    @Test
    public void everyRouteAnswersEveryRoleAndDepartmentAsItsRuleSays() throws Exception {
        List<Caller> callers = callers();
        List<String> violations = new ArrayList<>();
        int cells = 0;
        for (Rule rule : documentedRules()) {
            for (Caller caller : callers) {
                for (String thing : rule.isThingRoute() ? List.of(OWN_THING, OTHER_THING, HOME_THING)
                        : List.of(OWN_THING)) {
                    HubClient.Answer answer = call(caller.client(), rule, thing);
                    if (thing.equals(HOME_THING) && answer.status() / 100 == 2 && rule.method().equals("DELETE")) {
                        defineHomeThing(); // the one managed thing of the matrix: the next cells need it again
                    }
                    String expected = expected(rule, caller, thing);
                    cells++;
                    if (!matches(expected, answer)) {
                        violations.add(rule.method() + " " + rule.path() + " as " + caller + " on " + thing
                                + ": expected " + expected + ", got " + answer.status() + " " + answer.body());
                    }
                }
            }
        }
        assertThat(violations).as("cells that break their rule, of " + cells).isEmpty();
        assertThat(cells).isGreaterThan(200);
    }

    @Test
    public void withoutAValidTokenOnlyThePublicRoutesAnswer() {
        HubClient anonymous = hub.as(null);
        HubClient forged = hub.as("chub_forged-token-that-was-never-issued");
        for (Rule rule : documentedRules()) {
            for (HubClient client : List.of(anonymous, forged)) {
                HubClient.Answer answer = call(client, rule, OWN_THING);
                if (rule.scope().equals("PUBLIC")) {
                    assertThat(answer.status()).as(rule.toString()).isNotIn(401, 403);
                } else {
                    assertThat(answer.status()).as(rule.toString()).isEqualTo(401);
                    assertThat(answer.header("WWW-Authenticate")).as(rule.toString()).startsWith("Bearer");
                    assertThat(answer.contentType()).startsWith("application/problem+json");
                }
            }
        }
    }

    @Test
    public void aTokenInTheQueryStringIsRefused() {
        HubClient.Answer answer = hub.as(null).get("/things?access_token=" + adminToken);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("detail").asText()).contains("never go in query strings");
    }

    private List<Caller> callers() throws Exception {
        List<Caller> callers = new ArrayList<>();
        callers.add(new Caller(Role.RESIDENT, false, hub.as(residentToken(HOUSEHOLD))));
        defineHomeThing();
        // the household consents to the own department reading the lamp: a consent case in every thing route's row
        HubClient.Answer consent = hub.postJson("/grants", "{\"id\": \"matrix-consent\", \"owner\": {\"household\": \""
                + HOUSEHOLD + "\"}, \"grantee\": \"" + OWN_DEPARTMENT + "\", \"select\": {\"things\": [\"" + HOME_THING
                + "\"]}, \"rights\": [\"read\"], \"purpose\": \"the authorization matrix\"}");
        assertThat(consent.status()).as(consent.body().toString()).isIn(201, 409);
        for (Role role : Role.values()) {
            if (role == Role.RESIDENT) {
                continue;
            }
            callers.add(new Caller(role, true, hub.as(token(role, DepartmentScope.ALL))));
            if (role != Role.ADMIN) {
                callers.add(new Caller(role, false, hub.as(token(role, DepartmentScope.parse(OWN_DEPARTMENT)))));
            }
        }
        return callers;
    }

    private void defineHomeThing() {
        HubClient.Answer home = hub.postJson("/things", "{\"uid\": \"" + HOME_THING + "\", \"label\": \"客厅灯 Living"
                + " room lamp\", \"household\": \"" + HOUSEHOLD + "\"}");
        assertThat(home.status()).as(home.body().toString()).isIn(201, 202, 409);
        await("the home's lamp defined").atMost(PATIENCE).until(() -> hub.get("/things/" + HOME_THING).status() == 200);
    }

    private List<Rule> documentedRules() {
        List<Rule> rules = new ArrayList<>();
        JsonNode paths = hub.as(null).get("/openapi.json").body().get("paths");
        for (Iterator<Map.Entry<String, JsonNode>> p = paths.fields(); p.hasNext();) {
            Map.Entry<String, JsonNode> path = p.next();
            path.getValue().fields().forEachRemaining(operation -> {
                JsonNode access = operation.getValue().get("x-cityhub-access");
                assertThat(access).as(operation.getKey() + " " + path.getKey() + " has no access rule").isNotNull();
                String scope = access.get("scope").asText();
                rules.add(new Rule(operation.getKey().toUpperCase(), path.getKey(), scope,
                        scope.equals("PUBLIC") ? Role.VIEWER : Role.parse(access.get("role").asText()),
                        access.path("residents").asBoolean()));
            });
        }
        assertThat(rules).hasSizeGreaterThan(30);
        return rules;
    }

    /** The answer the rule predicts: "403", "404", or "allowed" (anything but 401, 403 and not-found-thing). */
    private static String expected(Rule rule, Caller caller, String thing) {
        if (rule.scope().equals("PUBLIC")) {
            return "allowed";
        }
        if (caller.role() == Role.RESIDENT) {
            return !rule.residents() ? "403" : rule.isThingRoute() && !thing.equals(HOME_THING) ? "404" : "allowed";
        }
        if (!caller.role().includes(rule.role()) || rule.scope().equals("HUB") && !caller.allDepartments()) {
            return "403";
        }
        if (rule.isThingRoute() && thing.equals(HOME_THING) && caller.role() != Role.ADMIN) {
            // no department sees a home's thing without the household's consent, not even '*'; the own department
            // has the household's consent to read it: it reads, and changes or commands nothing
            if (caller.allDepartments() || rule.path().startsWith("/ingest/")) {
                return "404";
            }
            return rule.method().equals("GET") ? "allowed" : "403";
        }
        if (rule.isThingRoute() && thing.equals(OTHER_THING) && !caller.allDepartments()) {
            return "404";
        }
        return "allowed";
    }

    private static boolean matches(String expected, HubClient.Answer answer) {
        boolean problem = answer.contentType().startsWith("application/problem+json");
        switch (expected) {
            case "403":
                return answer.status() == 403 && problem;
            case "404":
                return answer.status() == 404 && problem && answer.body().get("detail").asText().startsWith("no thing");
            default:
                return answer.status() != 401 && answer.status() != 403 && answer.status() < 500
                        && !answer.body().path("detail").asText().startsWith("no thing");
        }
    }

    /** Calls the route without a body; the event stream is asked with a bad Last-Event-ID so that it ends. */
    private static HubClient.Answer call(HubClient client, Rule rule, String thing) {
        String path = concrete(rule.path(), thing);
        if (rule.path().equals("/events")) {
            return client.send(java.net.http.HttpRequest.newBuilder(client.uri(path)).header("Last-Event-ID", "x"));
        }
        return client.send(rule.method(), path);
    }

    private static String concrete(String template, String thing) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("{uid}", template.startsWith("/things/") || template.startsWith("/ingest/") ? thing
                : "simulator:streetlight:not-discovered");
        values.put("{channel}", thing.equals(OTHER_THING) ? "pm25" : "power");
        values.put("{id}", "not-installed");
        values.put("{name}", "not-a-token");
        String path = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            path = path.replace(value.getKey(), value.getValue());
        }
        return path;
    }
}
