package org.cityhub.core.internal.i18n;

import java.util.Locale;

import org.cityhub.api.i18n.HubLanguage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's default language, PID {@code org.cityhub.i18n}: changed without a restart; a value that is not a
 * language tag is reported and English used until it is mended.
 */
@Component(service = HubLanguage.class, configurationPid = "org.cityhub.i18n")
@Designate(ocd = LanguageSettings.Config.class)
public final class LanguageSettings implements HubLanguage {

    private static final Logger LOG = LoggerFactory.getLogger(LanguageSettings.class);
    private static final String ENGLISH = "en";

    /** Typed configuration, PID {@code org.cityhub.i18n}. */
    @ObjectClassDefinition(name = "CityHub languages", description = "The hub's default language")
    public @interface Config {

        @AttributeDefinition(description = "The language labels are written in, the console speaks and REST answers"
                + " in when a request asks for none: an IETF language tag such as en or zh-CN")
        String defaultLanguage() default ENGLISH;
    }

    private volatile String defaultLanguage = ENGLISH;

    @Activate
    public LanguageSettings(Config config) {
        modified(config);
    }

    @Modified
    void modified(Config config) {
        defaultLanguage = checked(config.defaultLanguage());
    }

    /** The tag in its canonical form ({@code zh-cn} is {@code zh-CN}), or English if it is no language tag. */
    static String checked(String tag) {
        String canonical = Locale.forLanguageTag(tag.trim()).toLanguageTag();
        if (canonical.equals("und") || !canonical.equalsIgnoreCase(tag.trim())) {
            LOG.error("etc/org.cityhub.i18n.cfg: defaultLanguage '{}' is not a language tag such as en or zh-CN;"
                    + " the hub speaks English until it is mended", tag);
            return ENGLISH;
        }
        return canonical;
    }

    @Override
    public String defaultLanguage() {
        return defaultLanguage;
    }
}
