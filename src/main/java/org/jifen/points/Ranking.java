package org.jifen.points;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The month-close rule, framework free: households ranked by the month's points (only those above 0),
 * ties share a rank (1, 2, 2, 4: standard competition ranking), and every household ranked within the
 * bonus scheme gets its rank's bonus (scheme[0] for rank 1...). Ties at the cut all get the bonus.
 */
public final class Ranking {

    public record Place(long householdId, int rank, int points) {
    }

    public record Result(List<Place> ranking, List<Place> bonuses) {
    }

    /** The default town bonus scheme: 1st to 10th get 10, 9 ... 1. */
    public static final List<Integer> DEFAULT_SCHEME = List.of(10, 9, 8, 7, 6, 5, 4, 3, 2, 1);

    private Ranking() {
    }

    /** Ranks households by points, highest first; households with 0 or fewer points are not ranked. Ties by id order. */
    public static List<Place> rank(Map<Long, Integer> pointsByHousehold) {
        List<Map.Entry<Long, Integer>> sorted = pointsByHousehold.entrySet().stream()
                .filter(e -> e.getValue() != null && e.getValue() > 0)
                .sorted(Comparator.<Map.Entry<Long, Integer>>comparingInt(Map.Entry::getValue).reversed()
                        .thenComparing(Map.Entry::getKey))
                .toList();
        List<Place> places = new ArrayList<>(sorted.size());
        int rank = 0;
        Integer previous = null;
        for (int i = 0; i < sorted.size(); i++) {
            int points = sorted.get(i).getValue();
            if (previous == null || points != previous) {
                rank = i + 1;
                previous = points;
            }
            places.add(new Place(sorted.get(i).getKey(), rank, points));
        }
        return places;
    }

    /** The bonuses for a ranking: rank r gets scheme[r-1] when r is within the scheme and that amount is not 0. */
    public static List<Place> bonuses(List<Place> ranking, List<Integer> scheme) {
        List<Place> bonuses = new ArrayList<>();
        for (Place p : ranking) {
            if (p.rank() <= scheme.size() && scheme.get(p.rank() - 1) != 0) {
                bonuses.add(new Place(p.householdId(), p.rank(), scheme.get(p.rank() - 1)));
            }
        }
        return bonuses;
    }

    public static Result close(Map<Long, Integer> pointsByHousehold, List<Integer> scheme) {
        List<Place> ranking = rank(pointsByHousehold);
        return new Result(ranking, bonuses(ranking, scheme));
    }
}
