/**
 * Labels in more than one language: what things, thing types, channels and parameters are called in Chinese
 * (zh-CN), English and any other language, and the hub's default language.
 *
 * @since API 2.4
 */
@Version("1.0.0")
@NonNullByDefault
package org.cityhub.api.i18n;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.annotation.versioning.Version;
