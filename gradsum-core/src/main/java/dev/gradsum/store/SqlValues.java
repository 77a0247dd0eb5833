package dev.gradsum.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** How the store writes and reads a nullable number: a score that does not exist (NaN), or a count not known, is SQL NULL. */
final class SqlValues {
    private SqlValues() {
    }

    /** Binds a nullable number; a non-finite double is stored as NULL. */
    static void setNumber(PreparedStatement s, int index, Number value) throws SQLException {
        if (value == null || (value instanceof Double d && !Double.isFinite(d))) {
            s.setNull(index, value instanceof Double ? Types.REAL : Types.INTEGER);
        } else if (value instanceof Double d) {
            s.setDouble(index, d);
        } else {
            s.setLong(index, value.longValue());
        }
    }

    /** An INTEGER column; NULL reads as {@code null}. */
    static Integer integer(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    /** A REAL column; NULL reads as NaN. */
    static double real(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : v;
    }
}
