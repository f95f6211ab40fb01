package cn.yzz.kiosk.cache.catalog;

import java.util.List;
import java.util.Objects;

/**
 * One service as the catalogue describes it (sync-api.md v1.1), already checked: every field type and
 * kind is known, every {@code when} and {@code from} names a field, an amount has a number.
 *
 * @param identity    accepted ways of identifying, any one enough; empty: the service needs no person
 * @param online      true: cannot be done offline
 * @param models      kiosk models that offer it; empty: all
 * @param payers      whom a payment may be for; {@code [SELF]} when the catalogue says nothing
 * @param pay         payment methods; empty for services that take no money
 * @param output      what the villager takes away; {@link Output#NONE} when the catalogue says nothing
 * @param devices     devices needed beyond identification
 * @param keywords    search words (pinyin initials among them)
 * @param englishName null where the catalogue has none
 * @param amount      null for services that take no money
 * @param bundleSteps the service codes of a 一件事 bundle, in order; empty otherwise
 * @param evidence    where the description comes from (ignored by the kiosk), or empty
 */
public record Service(String code, String department, String name, String theme, List<Identity> identity, Kind kind,
                      boolean online, List<String> models, List<Payer> payers, List<PayMethod> pay, Output output,
                      List<DeviceUse> devices, List<String> keywords, String englishName, List<Field> form,
                      Amount amount, List<String> bundleSteps, String evidence) {
    public Service {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(theme, "theme");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(output, "output");
        identity = List.copyOf(identity);
        models = List.copyOf(models);
        payers = payers.isEmpty() ? List.of(Payer.SELF) : List.copyOf(payers);
        pay = List.copyOf(pay);
        devices = List.copyOf(devices);
        keywords = List.copyOf(keywords);
        form = List.copyOf(form);
        bundleSteps = List.copyOf(bundleSteps);
        evidence = evidence == null ? "" : evidence;
    }

    public boolean isBundle() {
        return !bundleSteps.isEmpty();
    }

    public java.util.Optional<Field> field(String id) {
        return form.stream().filter(f -> f.id().equals(id)).findFirst();
    }
}
