package org.cityhub.api.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the configuration parameter a record component of a typed configuration is read from, where the
 * component's own name differs (a {@code Duration timeout} read from {@code timeoutSeconds}). See
 * {@link ConfigReader}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
// FIELD as well: the annotation then also lands on the record's field, where bnd sees it and has the binding
// import this package; on the record component alone it would be invisible to bnd and, unimported, to reflection
@Target({ ElementType.RECORD_COMPONENT, ElementType.FIELD })
public @interface Parameter {

    /** The parameter's name, as the thing type's descriptor declares it. */
    String value();
}
