package org.jifen.ledgerbook;

/**
 * One thing missing from a village's year (不可留白): {@code kind} a stable code such as {@code month-not-closed},
 * {@code ref} what it is about (a month {@code 2026-03}, a quarter {@code 2026-Q1}, an entry, notice, objection or
 * redemption day id, a date), {@code detail} a Chinese sentence for people.
 */
public record Gap(String kind, String ref, String detail) {
}
