package org.jifen.common.security;

/**
 * Tells the {@link ScopeFilter} how a path parameter leads to a village: every role-protected endpoint
 * with a path parameter of this name is checked against the caller's village scope before its body is
 * read. A feature contributes one bean per kind of id it exposes ({@code householdId}, {@code entryId}...).
 */
public interface VillageOf {

    /** The path parameter name, e.g. {@code householdId}. */
    String pathParam();

    /** SQL with one parameter {@code $1} (the id) selecting the owning village's id. */
    String villageIdSql();
}
