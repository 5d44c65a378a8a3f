package org.jifen.demo;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.db.Sql;
import org.jifen.town.StaffRepository;
import org.jifen.town.Village;
import org.jifen.town.Villages;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Demo 龙泉镇: three villages and a community, 80-120 households each with Chinese names, 村民小组,
 * phones, 2-4 members and some cared-for tags; four staff per village and a town inspector, all with
 * the password {@value #DEMO_PASSWORD}. Deterministic (the context's seeded random).
 */
@ApplicationScoped
public class HouseholdDemo implements DemoStep {

    public static final String DEMO_PASSWORD = "demo1234";

    record DemoVillage(String code, String name, String kind, String secretary, String officer, String reviewer, String clerk) {
    }

    static final List<DemoVillage> VILLAGES = List.of(
            new DemoVillage("LQC", "龙泉村", "VILLAGE", "杨国华", "吴晓燕", "龙德明", "罗春梅"),
            new DemoVillage("QSC", "青石村", "VILLAGE", "田永刚", "王丽娟", "石开富", "张小芳"),
            new DemoVillage("TYC", "桃源村", "VILLAGE", "陈志强", "李红梅", "潘光荣", "赵倩"),
            new DemoVillage("LQSQ", "龙泉社区", "COMMUNITY", "刘建军", "周静", "黄明亮", "孙丽"));

    static final String[] SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗高林龙田石潘罗杨吴王李张陈刘杨"
            + "谢宋唐韩冯邓曹彭曾肖蒋蔡贾丁魏薛叶余杜").split("");
    static final String[] MALE = "国华建明志强永刚德福光荣开富文军海涛春生家伟成林正平洪亮世才兴旺学军云峰红兵俊杰".split("");
    static final String[] FEMALE = "秀英桂兰丽娟红梅春燕玉珍晓燕小芳明霞金凤翠花美玲雪梅慧敏静怡思琪".split("");
    static final String[] GROUPS = {"一组", "二组", "三组", "四组", "五组", "六组"};
    static final String[] PHONE_PREFIX = {"135", "136", "137", "138", "139", "150", "151", "152", "158", "159", "182", "183", "187", "188", "189", "191"};

    @Inject
    Vertx vertx;

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Uni<Void> load(SqlConnection tx, DemoContext context) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> BcryptUtil.bcryptHash(DEMO_PASSWORD))).flatMap(hash -> {
            Uni<Void> chain = staff(tx, context.townId, null, "inspector", "镇督查员 何平", "INSPECTOR", hash);
            for (DemoVillage dv : VILLAGES) {
                chain = chain.flatMap(x -> village(tx, context, dv, hash));
            }
            return chain;
        });
    }

    private Uni<Void> village(SqlConnection tx, DemoContext context, DemoVillage dv, String hash) {
        Random random = context.random;
        return Villages.insert(tx, context.townId, dv.code(), dv.name(), dv.kind()).flatMap(v -> {
            context.villageIds.add(v.id());
            String prefix = dv.code().toLowerCase();
            return staff(tx, context.townId, v.id(), prefix + "-secretary", dv.secretary(), "SECRETARY", hash)
                    .flatMap(x -> staff(tx, context.townId, v.id(), prefix + "-officer", dv.officer(), "OFFICER", hash))
                    .flatMap(x -> staff(tx, context.townId, v.id(), prefix + "-reviewer", dv.reviewer(), "REVIEWER", hash))
                    .flatMap(x -> staff(tx, context.townId, v.id(), prefix + "-clerk", dv.clerk(), "CLERK", hash))
                    .flatMap(x -> households(tx, v, random, dv.kind().equals("COMMUNITY") ? 4 : 6));
        });
    }

    private static Uni<Void> staff(SqlConnection tx, long townId, Long villageId, String username, String displayName,
                                   String role, String hash) {
        return StaffRepository.insert(tx, townId, villageId, username, hash, displayName, role).replaceWithVoid();
    }

    record DemoHousehold(String number, String head, String phone, String group, String tags, List<String[]> members) {
    }

    static List<DemoHousehold> roster(Random random, int groups) {
        int count = 80 + random.nextInt(41);
        List<DemoHousehold> list = new ArrayList<>();
        int[] seq = new int[groups];
        for (int i = 0; i < count; i++) {
            int g = random.nextInt(groups);
            seq[g]++;
            String surname = pick(random, SURNAMES);
            boolean femaleHead = random.nextInt(6) == 0;
            String head = surname + given(random, femaleHead);
            String phone = pick(random, PHONE_PREFIX) + String.format("%08d", random.nextInt(100_000_000));
            List<String[]> members = new ArrayList<>();
            int size = 2 + random.nextInt(3);
            members.add(new String[]{pick(random, SURNAMES) + given(random, !femaleHead), "配偶"});
            for (int m = 1; m < size; m++) {
                int kind = random.nextInt(5);
                if (kind == 0 && m == 1) {
                    members.add(new String[]{surname + given(random, random.nextBoolean()), random.nextBoolean() ? "父" : "母"});
                } else {
                    boolean girl = random.nextBoolean();
                    members.add(new String[]{surname + given(random, girl), girl ? "女" : "子"});
                }
            }
            List<String> tags = new ArrayList<>();
            int r = random.nextInt(100);
            if (r < 8) {
                tags.add("留守老人");
            } else if (r < 13) {
                tags.add("留守儿童");
            }
            int s = random.nextInt(100);
            if (s < 6) {
                tags.add("困难户");
            } else if (s < 13) {
                tags.add("脱贫户");
            }
            if (random.nextInt(100) < 3) {
                tags.add("残疾");
            }
            list.add(new DemoHousehold(String.format("%02d%02d", g + 1, seq[g]), head, phone, GROUPS[g], String.join(";", tags), members));
        }
        return list;
    }

    /** The village's households, their members (in roster order) and accounts: three set-based statements. */
    static Uni<Void> households(SqlConnection tx, Village village, Random random, int groups) {
        List<DemoHousehold> roster = roster(random, groups);
        List<String> memberNumbers = new ArrayList<>();
        List<String> memberNames = new ArrayList<>();
        List<String> memberRelations = new ArrayList<>();
        for (DemoHousehold h : roster) {
            for (String[] m : h.members()) {
                memberNumbers.add(h.number());
                memberNames.add(m[0]);
                memberRelations.add(m[1]);
            }
        }
        return Sql.exec(tx, """
                        INSERT INTO household (village_id, number, head_name, phone, group_name, tags)
                        SELECT $1, v.n, v.h, v.p, v.g, string_to_array(v.t, ';')
                          FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS v(n, h, p, g, t, ord)
                         ORDER BY v.ord""",
                        Sql.args(village.id(), column(roster, DemoHousehold::number), column(roster, DemoHousehold::head),
                                column(roster, DemoHousehold::phone), column(roster, DemoHousehold::group),
                                column(roster, DemoHousehold::tags)))
                .flatMap(x -> Sql.exec(tx, """
                                INSERT INTO member (household_id, name, relation)
                                SELECT h.id, v.n, v.r
                                  FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS v(num, n, r, ord)
                                  JOIN household h ON h.village_id = $1 AND h.number = v.num
                                 ORDER BY v.ord""",
                        Sql.args(village.id(), memberNumbers.toArray(String[]::new), memberNames.toArray(String[]::new),
                                memberRelations.toArray(String[]::new))))
                .flatMap(x -> Sql.exec(tx, "INSERT INTO account (household_id, village_id) SELECT id, village_id FROM household "
                        + "WHERE village_id = $1 ON CONFLICT DO NOTHING", Sql.args(village.id())))
                .invoke(x -> Log.infof("demo: %s with %d households", village.name(), roster.size()))
                .replaceWithVoid();
    }

    private static String[] column(List<DemoHousehold> roster, java.util.function.Function<DemoHousehold, String> field) {
        return roster.stream().map(field).toArray(String[]::new);
    }

    private static String given(Random random, boolean female) {
        String[] chars = female ? FEMALE : MALE;
        return random.nextInt(3) == 0 ? pick(random, chars) : pick(random, chars) + pick(random, chars);
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
