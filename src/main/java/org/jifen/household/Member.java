package org.jifen.household;

/** A member of a household (家庭成员); {@code relation} to the head, e.g. 户主, 配偶, 子, 女, 父, 母. */
public record Member(long id, long householdId, String name, String relation) {
}
