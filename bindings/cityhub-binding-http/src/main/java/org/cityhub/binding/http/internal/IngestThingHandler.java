package org.cityhub.binding.http.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.ingest.IngestException;
import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.thing.ChannelKind;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.types.State;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A thing whose department's system pushes documents ({@code http:push}) to {@code POST /api/ingest}. It maps each
 * document all or nothing, and with {@code expectEverySeconds} watches that documents keep coming.
 */
final class IngestThingHandler extends HttpThingHandler {

    private Duration expectEvery = Duration.ZERO;
    private volatile @Nullable Instant lastDocument;
    private volatile boolean late;

    private final IngestThings ingestThings;

    IngestThingHandler(Thing thing, ThingHandlerCallback callback, IngestThings ingestThings) {
        super(thing, callback);
        this.ingestThings = ingestThings;
    }

    @Override
    public void initialize() {
        List<String> triggers = thingType().channels().stream().filter(c -> c.kind() == ChannelKind.TRIGGER)
                .map(ChannelDefinition::id).toList();
        if (!triggers.isEmpty()) {
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR, "pushed documents carry states;"
                    + " trigger channels " + triggers + " are not supported by http:push");
            return;
        }
        Optional<IngestConfig> config = configuration(IngestConfig.class);
        if (config.isEmpty() || !readChannels(null)) {
            return;
        }
        expectEvery = config.get().expectEvery();
        ingestThings.started(this);
        if (expectEvery.isZero()) {
            updateStatus(ThingStatus.ONLINE);
            return;
        }
        lastDocument = clock().instant();
        updateStatus(ThingStatus.ONLINE, ThingStatusDetail.NONE, "waiting for documents, expected every "
                + expectEvery.toSeconds() + " s");
        scheduler().scheduleAtFixedRate(this::watch, expectEvery, Duration.ofSeconds(Math.max(1,
                expectEvery.toSeconds() / 10)));
    }

    /**
     * The states a pushed document sets, all or none.
     *
     * @throws IngestException listing every channel whose value is wrong, or saying that the document sets none
     */
    Map<String, State> map(String document) throws IngestException {
        ChannelMapping.Result result = mapping().read(document);
        List<String> problems = new ArrayList<>();
        result.problems().forEach((channel, problem) -> problems.add("channel " + channel + ": " + problem));
        if (problems.isEmpty() && result.states().isEmpty()) {
            problems.add("the document sets none of the channels " + mapping().channelIds());
        }
        if (!problems.isEmpty()) {
            result.problems().forEach(this::refuseInput);
            throw new IngestException(problems);
        }
        lastDocument = clock().instant();
        if (late) {
            late = false;
            updateStatus(ThingStatus.ONLINE);
        }
        return result.states();
    }

    private void watch() {
        Instant last = lastDocument;
        if (!late && last != null && clock().instant().isAfter(last.plus(expectEvery))) {
            late = true;
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.COMMUNICATION_ERROR, "no document pushed since "
                    + last + " (expected every " + expectEvery.toSeconds() + " s)");
        }
    }

    @Override
    protected void refresh() {
        // the department's system decides when to push
    }

    @Override
    public void dispose() {
        ingestThings.stopped(this);
        super.dispose();
    }
}
