package org.cityhub.history.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.cityhub.api.persistence.PersistenceException;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A few read connections to an embedded database, opened when first needed and reused: queries run side by side
 * with each other and with the writer (SQLite's write-ahead log lets readers read while one connection writes).
 */
final class ReaderPool implements AutoCloseable {

    /** Opens one more connection. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    private static final long WAIT_SECONDS = 10;

    private final Opener opener;
    private final int size;
    private final BlockingQueue<Connection> idle;
    private final List<Connection> all = new ArrayList<>(); // guarded by this
    private boolean closed; // guarded by this

    ReaderPool(Opener opener, int size) {
        this.opener = opener;
        this.size = size;
        this.idle = new ArrayBlockingQueue<>(size);
    }

    /** A connection for one query; give it back with {@link #release}. */
    Connection borrow() throws PersistenceException {
        Connection connection = idle.poll();
        if (connection != null) {
            return connection;
        }
        Connection opened = openIfRoom();
        if (opened != null) {
            return opened;
        }
        try {
            connection = idle.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PersistenceException("interrupted while waiting for a read connection", e);
        }
        if (connection == null) {
            throw new PersistenceException("all " + size + " read connections stayed busy for " + WAIT_SECONDS + " s");
        }
        return connection;
    }

    private synchronized @Nullable Connection openIfRoom() throws PersistenceException {
        if (closed) {
            throw new PersistenceException("the store is closed");
        }
        if (all.size() >= size) {
            return null;
        }
        try {
            Connection connection = opener.open();
            all.add(connection);
            return connection;
        } catch (SQLException e) {
            throw new PersistenceException("cannot open a read connection: " + e.getMessage(), e);
        }
    }

    void release(Connection connection) {
        synchronized (this) {
            if (closed) {
                closeQuietly(connection);
                return;
            }
        }
        idle.offer(connection);
    }

    @Override
    public synchronized void close() {
        closed = true;
        all.forEach(ReaderPool::closeQuietly);
        all.clear();
        idle.clear();
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing: nothing is left to lose
        }
    }
}
