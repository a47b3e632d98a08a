package org.cityhub.api.persistence;

/**
 * A store cannot do what it was asked now: its database is away, its disk is full, a query failed. The hub keeps
 * the points it could not write and tries again; a query is answered as unavailable.
 */
public class PersistenceException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A failure with the exception that caused it. */
    public PersistenceException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure with its reason. */
    public PersistenceException(String message) {
        super(message);
    }
}
