package org.jifen.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** What earlier demo steps created, for later ones to build on. Deterministic randomness. */
public class DemoContext {

    public final long townId;
    public final Random random = new Random(20230411L);
    public final List<Long> villageIds = new ArrayList<>();

    public DemoContext(long townId) {
        this.townId = townId;
    }
}
