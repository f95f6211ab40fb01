package cn.yzz.kiosk.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * POST /api/v1/household (sync-api.md v1.1): the members of the identified person's household, the person
 * first ("本人"). Canned households for the demo's emulated ID cards and its 粤省事码 person; the members'
 * numbers are made up with valid GB 11643 check characters (HouseholdRouteTest checks them).
 */
final class HouseholdRoute implements Route {
    /** One member as the contract answers it. */
    record Member(String name, String idNumber, String relation) {}

    static final Map<String, List<Member>> HOUSEHOLDS = Map.of(
            "441802198503120035", List.of(
                    new Member("陈志强", "441802198503120035", "本人"),
                    new Member("林小红", "44180219870615004X", "妻"),
                    new Member("陈浩然", "441802201209030033", "子")),
            "441826195008010020", List.of(
                    new Member("盘秀英", "441826195008010020", "本人"),
                    new Member("盘建国", "441826197604120014", "子")),
            "441825197211300050", List.of(
                    new Member("韦国华", "441825197211300050", "本人"),
                    new Member("韦丽娟", "441825200001180024", "女")),
            "440203195103152316", List.of(
                    new Member("李秀英", "440203195103152316", "本人"),
                    new Member("王德明", "440203194908202316", "配偶"),
                    new Member("王小雨", "44020320150605232X", "孙女")));

    private final Auth auth;

    HouseholdRoute(Auth auth) {
        this.auth = auth;
    }

    @Override
    public Reply handle(Request req) throws Exception {
        String idNumber;
        try {
            auth.kioskId(req);
            JsonNode person = Json.parseObject(req.body()).get("person");
            if (person == null || !person.isObject()) {
                throw new BadRequest("person", "field 'person' is required and must be an object with 'idNumber'");
            }
            idNumber = Json.text(person, "idNumber");
        } catch (Auth.Unauthorized e) {
            return e.toReply();
        } catch (BadRequest e) {
            return e.toReply();
        }
        List<Member> members = HOUSEHOLDS.get(idNumber);
        if (members == null) {
            // The number is personal data: the problem does not repeat it.
            return Reply.problem(404, "unknown-person", "Unknown person", "no household is registered for this person");
        }
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("members");
        for (Member m : members) {
            list.addObject().put("name", m.name()).put("idNumber", m.idNumber()).put("relation", m.relation());
        }
        return Reply.json(200, out.toString());
    }
}
