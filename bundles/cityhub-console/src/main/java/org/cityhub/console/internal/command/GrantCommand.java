package org.cityhub.console.internal.command;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.config.DurationText;
import org.cityhub.api.sharing.Grant;
import org.cityhub.api.sharing.GrantDraft;
import org.cityhub.api.sharing.GrantException;
import org.cityhub.api.sharing.GrantOwner;
import org.cityhub.api.sharing.Grants;
import org.cityhub.api.sharing.Right;
import org.cityhub.api.sharing.Selection;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.thing.ThingUID;

/**
 * Makes a grant from one department to another, or a household's consent (an admin acting on the resident's
 * written request), in force at once.
 */
@Command(scope = "cityhub", name = "grant", description = "Grants a department read (or, with --command, read and"
        + " command) on a selection of another department's things, e.g. cityhub:grant --owner water --grantee"
        + " emergency --types sim:gauge --tags river --purpose 'flood warnings' --expires 90d; or records a"
        + " household's consent at the resident's written request: cityhub:grant --household flat-301 --grantee"
        + " fire-rescue --types zigbee2mqtt:smoke --purpose 'smoke alarms to fire rescue'")
@Service
public class GrantCommand extends AuditedAction {

    @Option(name = "--owner", aliases = "-o", description = "The department that shares its things")
    @Completion(DepartmentCompleter.class)
    String owner;

    @Option(name = "--household", description = "Instead of --owner: the household whose consent this is")
    String household;

    @Option(name = "--grantee", aliases = "-g", required = true, description = "The department that receives them")
    @Completion(DepartmentCompleter.class)
    String grantee;

    @Option(name = "--things", description = "Things taken in whole, comma-separated UIDs")
    String things;

    @Option(name = "--channels", description = "Single channels taken in, comma-separated channel UIDs")
    String channels;

    @Option(name = "--tags", description = "Things with one of these tags (narrowed by --types if given)")
    String tags;

    @Option(name = "--types", description = "Things of one of these types, binding:type (narrowed by --tags if given)")
    @Completion(ThingTypeCompleter.class)
    String types;

    @Option(name = "--command", description = "Also let the grantee command the selected channels")
    boolean command;

    @Option(name = "--purpose", aliases = "-p", required = true, description = "Why the grant is made")
    String purpose;

    @Option(name = "--expires", aliases = "-e", description = "When it ends by itself: 12h, 30d, P30D or an ISO-8601"
            + " instant; default: until revoked")
    String expires;

    @Option(name = "--id", description = "The grant's id; default: one the hub chooses")
    String id;

    @Reference
    private Grants grants;

    @Override
    Object run() throws GrantException {
        Set<Right> rights = command ? EnumSet.of(Right.READ, Right.COMMAND) : EnumSet.of(Right.READ);
        Selection selection = new Selection(list(things, ThingUID::parse), list(channels, ChannelUID::parse),
                list(tags, tag -> tag), list(types, ThingTypeUID::parse));
        if ((owner == null) == (household == null)) {
            throw new IllegalArgumentException("name the owner: --owner <department> or --household <id>");
        }
        if (household != null) {
            requireAdmin("recording a household's consent");
        }
        GrantOwner giver = owner != null ? GrantOwner.department(owner) : GrantOwner.household(household);
        Grant grant = grants.create(new GrantDraft(id, giver, grantee, selection, rights, purpose, expiry()), actor());
        System.out.println("granted " + grant.id() + ": " + grantee + " may " + (command ? "read and command" : "read")
                + " what it selects of " + giver + "'s things" + (grant.expires() == null ? ", until revoked"
                        : ", until " + grant.expires()));
        return null;
    }

    private Instant expiry() {
        if (expires == null) {
            return null;
        }
        try {
            return Instant.parse(expires);
        } catch (DateTimeParseException notAnInstant) {
            return Instant.now().plus(DurationText.parse(expires));
        }
    }

    private static <T> Set<T> list(String text, Function<String, T> parser) {
        Set<T> values = new LinkedHashSet<>();
        if (text != null) {
            Arrays.stream(text.split(",")).map(String::trim).filter(value -> !value.isEmpty()).map(parser)
                    .forEach(values::add);
        }
        return values;
    }

    @Override
    String auditTarget() {
        return "grant:" + (id == null ? "(new)" : id);
    }

    @Override
    String auditDetail() {
        return (owner != null ? owner : "household " + household) + " to " + grantee + (command ? " read+command" : " read") + " things=" + things + " channels="
                + channels + " tags=" + tags + " types=" + types + " purpose=" + purpose
                + (expires == null ? "" : " expires=" + expires);
    }
}
