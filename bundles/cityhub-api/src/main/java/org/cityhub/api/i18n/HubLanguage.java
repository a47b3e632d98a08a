package org.cityhub.api.i18n;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The hub's default language ({@code etc/org.cityhub.i18n.cfg}, {@code defaultLanguage}, {@code en} unless set):
 * the language every {@code label} is in, the console speaks, and REST answers in when a request asks for none. A
 * service of the hub.
 */
@ProviderType
public interface HubLanguage {

    /** The default language's tag, such as {@code en} or {@code zh-CN}. */
    String defaultLanguage();
}
