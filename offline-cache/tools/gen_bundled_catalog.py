#!/usr/bin/env python3
"""Generates the bundled catalogue (one service per row of service-catalogue.md §1) and the row table its test checks.

Run from the repository root:
    python3 offline-cache/tools/gen_bundled_catalog.py path/to/service-catalogue.md

Writes offline-cache/src/main/resources/cn/yzz/kiosk/cache/catalog/bundled-catalog.json and
offline-cache/src/test/resources/cn/yzz/kiosk/cache/catalog/service-catalogue-rows.tsv. No dependencies.
Everything the research table does not say (forms, amounts, cash, idcard beside face) is marked inferred in evidence.
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from en_names import EN  # noqa: E402

VERSION = "2026-12-06.1"
OUT = "offline-cache/src/main/resources/cn/yzz/kiosk/cache/catalog/bundled-catalog.json"
ROWS = "offline-cache/src/test/resources/cn/yzz/kiosk/cache/catalog/service-catalogue-rows.tsv"

DEPARTMENTS = [
    ("RSJ", "人力资源和社会保障局", "Human Resources and Social Security Bureau"),
    ("YBJ", "医疗保障局", "Healthcare Security Bureau"),
    ("SWJ", "国家税务总局××县税务局", "County Tax Bureau"),
    ("GAJ", "公安局", "Public Security Bureau"),
    ("MZJ", "民政局", "Civil Affairs Bureau"),
    ("CL", "残疾人联合会", "Disabled Persons' Federation"),
    ("WJJ", "卫生健康局", "Health Bureau"),
    ("TYJ", "退役军人事务局", "Veterans Affairs Bureau"),
    ("SFJ", "司法局", "Justice Bureau"),
    ("ZRJ", "自然资源局", "Natural Resources Bureau"),
    ("NYJ", "农业农村局", "Agriculture and Rural Affairs Bureau"),
    ("GJJ", "住房公积金管理中心", "Housing Provident Fund Centre"),
    ("ZJJ", "住房和城乡建设局", "Housing and Urban-Rural Development Bureau"),
    ("JYJ", "教育局", "Education Bureau"),
    ("SJJ", "市场监督管理局", "Market Regulation Bureau"),
    ("LYJ", "林业局", "Forestry Bureau"),
    ("YJJ", "应急管理局", "Emergency Management Bureau"),
    ("RMYH", "中国人民银行", "People's Bank of China"),
    ("ZSJ", "政务服务和数据管理局", "Government Services and Data Bureau"),
    ("CWH", "村(居)民委员会", "Village Committee"),
    ("GD", "供电企业", "Power Supply Company"),
    ("GS", "供水企业", "Water Supply Company"),
    ("MULTI", "多部门联办", "Several Departments"),
]

THEMES = [
    ("social-insurance", "社保", "养老保险、资格认证", "Social Insurance", "Pensions, eligibility checks"),
    ("medical-insurance", "医保", "医保缴费、异地就医", "Medical Insurance", "Payments, out-of-area care"),
    ("household-registry", "户籍", "户口、身份证、证明", "Household Registry", "Hukou, ID cards, proofs"),
    ("civil-affairs", "民政", "救助补贴、残疾人证", "Civil Affairs", "Aid, disability certificates"),
    ("tax", "税务", "纳税记录、完税证明", "Taxation", "Tax records, tax certificates"),
    ("real-estate", "不动产", "登记查询、宅基地", "Real Estate", "Registration records, homesteads"),
    ("agriculture", "农业", "惠农补贴、宅基地", "Agriculture", "Farm subsidies, homesteads"),
    ("certificates", "证明打印", "参保证明、完税证明", "Print Proofs", "Insurance and tax proofs"),
    ("one-thing", "一件事", "出生、退休、身后", "One-Stop Services", "Birth, retirement, after a death"),
    ("other", "其他", "公积金、交通、水电费", "Other", "Housing fund, traffic, utilities"),
]
THEME_BY_NAME = {t[1]: t[0] for t in THEMES}
THEME_BY_NAME["社保/医保"] = "social-insurance"

# Rows whose parenthetical distinguishes the service from a sibling: kept (full-width).
KEEP_PARENS = {12, 87, 134, 145, 146, 147, 148, 149}
NAMES = {1: "城乡居民养老、医疗保险缴费（本人）", 2: "城乡居民养老、医疗保险缴费（家庭）",
         3: "城乡居民养老、医疗保险缴费（代他人）", 12: "社保打印（参保证明、缴费明细）"}

# Keyword vocabulary: the words a villager might type or say; longest first wins.
VOCAB = sorted("""养老 医保 医疗 社保 社会保障卡 社保卡 缴费 补缴 查询 打印 证明 身份证 户口 户籍 残疾人 残疾人证 补贴 救助 登记 申请
纳税 完税 税务 个税 失业 就业 资格认证 认证 参保 公积金 提取 不动产 宅基地 农房 耕地 农机 农业保险 土地 林木 公益林 低保 特困
临时救助 高龄 津贴 结婚 离婚 婚姻 寻亲 儿童 孤儿 殡葬 养老服务 出生 接种 计划生育 健康卡 挂号 家庭医生 退役军人 优待证 抚恤
法律援助 法律咨询 公证 调解 电费 水费 罚款 交通违法 驾驶证 驾照 记分 电动自行车 港澳 签注 出入境 居住证 征信 信用 好差评 评价
进度 电子证照 12345 投诉 公租房 危房 入学 学生资助 个体工商户 招聘 贷款 技能 生育 出生医学证明 异地就医 门诊 报销 转移 分红
监护 居住证明 亲属关系 诉讼 收养 一件事 退休 身后 灾害 灵活就业 档次 待遇""".split(), key=len, reverse=True)

# Pinyin initials without a dependency: GB2312 level-1 hanzi are in pinyin order, so each letter starts at a known code.
_BOUNDS = [(0xB0A1, "a"), (0xB0C5, "b"), (0xB2C1, "c"), (0xB4EE, "d"), (0xB6EA, "e"), (0xB7A2, "f"), (0xB8C1, "g"),
           (0xB9FE, "h"), (0xBBF7, "j"), (0xBFA6, "k"), (0xC0AC, "l"), (0xC2E8, "m"), (0xC4C3, "n"), (0xC5B6, "o"),
           (0xC5BE, "p"), (0xC6DA, "q"), (0xC8BB, "r"), (0xC8F6, "s"), (0xCBFA, "t"), (0xCDDA, "w"), (0xCEF4, "x"),
           (0xD1B9, "y"), (0xD4D1, "z"), (0xD7FA, None)]
# Level-2 hanzi (radical order) and readings the table gets wrong here.
_INITIAL = {"行": "x", "证": "z", "簿": "b", "罚": "f", "殡": "b", "葬": "z", "恤": "x", "孤": "g", "亲": "q", "兑": "d",
            "谱": "p", "抚": "f", "婚": "h", "厘": "l", "溯": "s", "娩": "m", "诉": "s", "讼": "s", "鳏": "g", "邮": "y"}


def initial(ch):
    if ch in _INITIAL:
        return _INITIAL[ch]
    try:
        b = ch.encode("gb2312")
    except UnicodeEncodeError:
        return ""
    if len(b) != 2:
        return ch.lower() if ch.isalnum() else ""
    code = (b[0] << 8) | b[1]
    for (lo, letter), (hi, _) in zip(_BOUNDS, _BOUNDS[1:]):
        if lo <= code < hi:
            return letter
    return ""


def initials(text):
    return "".join(initial(c) for c in text if "\u4e00" <= c <= "\u9fff")


def keywords(name):
    found, rest = [], name
    for w in VOCAB:
        if w in rest and len(found) < 3:
            found.append(w)
            rest = rest.replace(w, "|")
    main = re.sub(r"[（(].*?[)）]", "", name)
    ini = initials(main)[:6]
    if not found:
        found.append(re.sub(r"[^\u4e00-\u9fff]", "", main)[:4])
    return found + ([ini] if ini else [])


def rows(md):
    out = []
    in_table = False
    for line in open(md, encoding="utf-8"):
        if line.startswith("## 1."):
            in_table = True
        elif line.startswith("## 2."):
            break
        if in_table and re.match(r"\| \d+ \|", line):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            out.append(dict(n=int(cells[0]), dept=cells[1], name=cells[2], theme=cells[3], kind=cells[4], identity=cells[5],
                            pay=cells[6], output=cells[7], online=cells[8], source=cells[9], evidence=cells[10]))
    return out


def dept_code(cell):
    m = re.match(r"([A-Z]+)", cell) or re.search(r"\(([A-Z]+)\)", cell)
    return m.group(1)


def tidy(r):
    if r["n"] in NAMES:
        return NAMES[r["n"]]
    name = r["name"]
    if r["n"] in KEEP_PARENS:
        name = re.sub(r"\s*\(([^)]*)\)\s*", r"（\1）", name)
    else:
        name = re.sub(r"\s*\([^)]*\)\s*", "", name)
    name = re.sub(r'"([^"]*)"', r"“\1”", name)
    name = re.sub(r"\s*/\s*", "/", name)
    return re.sub(r"\s+", "", name)


def kind_of(r):
    k, pay = r["kind"], r["pay"]
    if k.startswith("payment") or "+payment" in k.replace(" ", "") or ("工本费" in pay and not pay.startswith("none")) or r["n"] == 104:
        return "payment"
    if k.startswith("query + print"):
        return "print" if r["output"].startswith("A4") else "query"
    if k.startswith("query/application"):
        return "query"
    return k.split()[0]


def identity_of(r, inferred):
    cell = r["identity"].replace("密码", "")  # row 7's password is not a 粤省事 code
    if cell.startswith("个人身份认证") or cell == "[inferred]" or cell == "实名" or "照片" in cell:
        inferred.append("identity methods")
        return ["idcard", "yss-code", "sscard"] if r["n"] in (1, 2, 3, 35) else ["idcard", "yss-code"]
    if cell in ("none", "户号"):
        return []
    ids = []
    if "证" in cell or "身份证号" in cell:
        ids.append("idcard")
    if "码" in cell:
        ids.append("yss-code")
    if "卡" in cell:
        ids.append("sscard")
    if "脸" in cell:
        ids.append("face")
    if ids == ["face"]:
        # A desktop kiosk has no camera: let the card identify too.
        inferred.append("idcard beside face (desktop kiosks have no camera)")
        ids = ["idcard", "face"]
    return ids


def output_of(r, inferred):
    o = r["output"]
    if o.startswith("A4"):
        return "a4"
    if "receipt" in o:
        return "receipt"
    if o == "打印件":
        inferred.append("A4 paper")
        return "a4"
    return "none"


PHONE = {"id": "phone", "type": "phone", "label": "联系电话", "required": True, "hint": "办理结果会用短信通知您"}
CONFIRM = {"id": "confirm", "type": "confirm", "label": "本人确认以上信息真实有效", "required": True}
NAME = {"id": "name", "type": "idcard-field", "label": "姓名"}
YEARS = {"id": "year", "type": "choice", "label": "年度", "options": ["2024", "2025", "2026"], "required": True}
GRADES = ["180", "300", "500", "1000", "2000", "3000"]


def choice(fid, label, options, hint=None):
    f = {"id": fid, "type": "choice", "label": label, "options": options, "required": True}
    if hint:
        f["hint"] = hint
    return f


def date(fid, label, lo, hi, hint=None):
    f = {"id": fid, "type": "date", "label": label, "required": True, "min": lo, "max": hi}
    if hint:
        f["hint"] = hint
    return f


def money(label, lo, hi, hint):
    return {"id": "amountYuan", "type": "number", "label": label, "required": True, "min": lo, "max": hi, "hint": hint}


def payment(n, s):
    """Form and amount of a payment: all inferred but rows 1-3's shape (the contract's v1.1 example) and 20's fee (S32)."""
    if n in (1, 2, 3):
        form = [choice("insurance", "缴费险种", ["城乡居民养老保险", "城乡居民医疗保险"])]
        if n == 2:
            form.append({"id": "members", "type": "household", "label": "选择要缴费的家庭成员", "required": True,
                         "when": {"for": "household"}, "hint": "按城乡医疗户籍信息列出"})
        if n == 3:
            form.append({"id": "payee", "type": "idnumber", "label": "被缴费人的身份证号", "required": True,
                         "when": {"for": "other"}, "hint": "输入号码，或把对方的身份证放在读卡区"})
        form += [choice("year", "缴费年度", ["2026", "2027"]),
                 choice("grade", "缴费档次（元）", GRADES, "医疗保险按当年标准缴费，选最低一档即可")]
        return form, {"from": "grade", "multiplier": 100, **({"perPerson": True} if n == 2 else {})}
    if n == 9:
        return [choice("insurance", "缴费险种", ["养老保险", "医疗保险"]),
                money("缴费金额（元）", "100", "20000", "按税务部门通知的金额填写")], {"from": "amountYuan", "multiplier": 100}
    if n == 20:
        return [choice("delivery", "领卡方式", ["邮寄到家", "到银行网点领取"]), dict(PHONE), dict(CONFIRM)], {"fixed": 2000}
    if n == 35:
        return [choice("year", "补缴年度", ["2025", "2026"])], {"fixed": 40000}
    if n in (50, 51, 52):
        fee = 4000 if n == 52 else 2000
        return [dict(NAME), choice("delivery", "领证方式", ["邮寄到家", "到派出所领取"]), dict(PHONE), dict(CONFIRM)], {"fixed": fee}
    if n == 62:
        return [dict(NAME), dict(PHONE), dict(CONFIRM)], {"fixed": 1000}
    if n == 63:
        return [choice("endorsement", "签注种类", ["香港一次", "澳门一次", "香港二次", "澳门二次"])], {"fixed": 1500}
    if n == 67:
        return [{"id": "decisionNo", "type": "number", "label": "处罚决定书编号", "required": True, "digits": 15,
                 "hint": "决定书右上角的 15 位数字"},
                money("罚款金额（元）", "20", "2000", "按决定书上的金额填写")], {"from": "amountYuan", "multiplier": 100}
    if n == 69:
        return [dict(NAME), dict(PHONE), dict(CONFIRM)], {"fixed": 1000}
    if n == 104:
        return [choice("clinic", "就诊科室", ["内科", "外科", "儿科", "妇科", "中医科"]),
                date("visitDate", "就诊日期", "2026-01-01", "2027-12-31", "可预约 7 天内的号")], {"fixed": 1000}
    if n in (152, 153):
        what = "电费" if n == 152 else "水费"
        return [{"id": "accountNo", "type": "number", "label": what + "户号", "required": True,
                 "digits": 10 if n == 152 else 8, "hint": "在" + what + "单或缴费通知上"},
                money("缴费金额（元）", "1", "5000", "可多缴，余额下次抵扣")], {"from": "amountYuan", "multiplier": 100}
    raise ValueError("no payment form for row %d" % n)


# A few applications get one natural question or a date; all inferred.
EXTRA = {
    14: [choice("grade", "缴费档次（元）", GRADES)],
    15: [choice("grade", "新的缴费档次（元）", GRADES, "从明年起按新档次缴费")],
    18: [choice("delivery", "领卡方式", ["邮寄到家", "到银行网点领取"])],
    23: [choice("insurance", "转移的险种", ["养老保险", "医疗保险", "失业保险"])],
    24: [date("since", "失业日期", "2020-01-01", "2027-12-31")],
    40: [date("from", "预计就医开始日期", "2026-01-01", "2027-12-31"), choice("province", "就医地", ["省内", "省外"])],
    57: [date("birthDate", "出生日期", "2020-01-01", "2027-12-31")],
    58: [{"id": "deceased", "type": "idnumber", "label": "逝者的身份证号", "required": True},
         date("deathDate", "死亡日期", "2000-01-01", "2027-12-31")],
    59: [choice("move", "迁移类型", ["投靠亲属", "婚姻迁入", "购房迁入", "其他"])],
    80: [date("date", "预约登记日期", "2026-01-01", "2027-12-31")],
    81: [date("date", "预约登记日期", "2026-01-01", "2027-12-31")],
    91: [choice("delivery", "领证方式", ["邮寄到家", "到残联领取"]),
         {"id": "address", "type": "idcard-field", "label": "住址", "hint": "邮寄地址默认用身份证上的住址"}],
    93: [choice("delivery", "领证方式", ["邮寄到家", "到残联领取"])],
    94: [choice("delivery", "领证方式", ["邮寄到家", "到残联领取"])],
    127: [{"id": "rentYuan", "type": "number", "label": "每月房租（元）", "required": True, "min": "100", "max": "10000"}],
    139: [choice("level", "您对这次服务满意吗", ["非常满意", "满意", "基本满意", "不满意", "非常不满意"])],
    144: [{"id": "ward", "type": "idnumber", "label": "被监护人的身份证号", "required": True}],
}
QUERY_FORMS = {
    4: [YEARS], 5: [YEARS], 6: [YEARS], 7: [YEARS], 8: [YEARS], 33: [YEARS], 38: [YEARS], 125: [YEARS],
    56: [choice("purpose", "证明用途", ["入学", "就业", "办理社保", "其他"])],
    82: [choice("purpose", "证明用途", ["办理公证", "出国（境）", "其他"])],
}

# 一件事 rows whose §2 components are services of this catalogue: their rows, in order.
BUNDLES = {154: [98, 100, 57, 34, 18], 155: [91, 93, 94, 96, 95, 77, 78], 156: [126, 21], 157: [107, 106, 23, 46],
           158: [58, 88], 159: [18, 19, 20], 161: [130, 56]}
FACE_CHECK = {10, 13, 83}  # the face is the service itself, not a way in
CASH = {1, 2, 3, 35}


def evidence(r, inferred):
    tag = re.search(r"【([YGN])】", r["evidence"]).group(1)
    src = "" if r["source"] in ("—", "") else r["source"]
    text = tag + (": " + src if src else "")
    md_inferred = r["evidence"].split("[inferred]:", 1)[1].strip() if "[inferred]:" in r["evidence"] else ""
    if tag == "N":
        return text + ("; " if src else ": ") + "inferred (all fields)", True
    parts = ([md_inferred] if md_inferred else []) + inferred
    return text + ("; inferred: " + ", ".join(parts) if parts else ""), bool(md_inferred)


def service(r, codes):
    n, inferred = r["n"], []
    dept = dept_code(r["dept"])
    kind = kind_of(r)
    s = {"code": codes[n], "department": dept, "name": tidy(r), "theme": THEME_BY_NAME[r["theme"]]}
    s["identity"] = identity_of(r, inferred)
    s["kind"] = kind
    s["online"] = r["online"].startswith("yes")
    if n == 2:
        s["for"] = ["household"]
    elif n == 3:
        s["for"] = ["other"]
    output = output_of(r, inferred)
    devices = []
    if kind == "payment":
        s["pay"] = ["qr", "cash"] if n in CASH else ["qr"]
        if n in CASH:
            inferred.append("cash (no source shows cash; for enhanced kiosks)")
        if output == "none" and n in (50, 51, 52, 62, 69, 20):
            output = "receipt"
            inferred.append("fee and receipt")
        if output == "receipt":
            devices.append("receipt-printer")
    if output == "a4":
        devices.append("a4-printer")
    if n in FACE_CHECK:
        devices.append("camera")
    s["output"] = output
    if devices:
        s["devices"] = devices
    s["keywords"] = keywords(s["name"])
    s["en"] = {"name": EN[n]}
    if kind == "payment":
        form, amount = payment(n, s)
        inferred.append("form, amount")
    elif kind == "application":
        form = ([dict(NAME)] if s["identity"] else []) + EXTRA.get(n, []) + [dict(PHONE), dict(CONFIRM)]
        inferred.append("form")
        amount = None
    else:
        form = QUERY_FORMS.get(n, [])
        if form:
            inferred.append("form")
        amount = None
    s["form"] = form
    if amount:
        s["amountFen"] = amount
    if n in BUNDLES:
        s["bundle"] = {"steps": [codes[m] for m in BUNDLES[n]]}
        inferred.append("bundle steps")
    s["evidence"], md_inferred = evidence(r, inferred)
    return s, md_inferred


def dump(catalogue):
    """One service per few lines: readable in review."""
    lines = ['{"version": %s,' % json.dumps(catalogue["version"]), ' "departments": [']
    lines.append(",\n".join("   " + json.dumps(d, ensure_ascii=False) for d in catalogue["departments"]) + "],")
    lines.append(' "themes": [')
    lines.append(",\n".join("   " + json.dumps(t, ensure_ascii=False) for t in catalogue["themes"]) + "],")
    lines.append(' "services": [')
    out = []
    for s in catalogue["services"]:
        head = {k: v for k, v in s.items() if k not in ("form", "amountFen", "bundle", "evidence", "keywords", "en")}
        tail = {k: s[k] for k in ("keywords", "en", "amountFen", "bundle", "evidence") if k in s}
        text = "   " + json.dumps(head, ensure_ascii=False)[:-1] + ",\n    "
        text += json.dumps(tail, ensure_ascii=False)[1:-1] + ",\n    \"form\": ["
        text += ",\n             ".join(json.dumps(f, ensure_ascii=False) for f in s["form"]) + "]}"
        out.append(text)
    lines.append(",\n".join(out) + "]}")
    return "\n".join(lines) + "\n"


def main(md):
    table = rows(md)
    assert len(table) == 164, len(table)
    counters, codes = {}, {}
    for r in table:
        d = dept_code(r["dept"])
        counters[d] = counters.get(d, 0) + 1
        codes[r["n"]] = "%s-%04d" % (d, counters[d])
    services, tsv = [], ["row\tcode\ttag\tinferred"]
    for r in table:
        s, md_inferred = service(r, codes)
        services.append(s)
        tag = re.search(r"【([YGN])】", r["evidence"]).group(1)
        tsv.append("%d\t%s\t%s\t%s" % (r["n"], s["code"], tag, "yes" if md_inferred or tag == "N" else "no"))
    catalogue = {
        "version": VERSION,
        "departments": [{"code": c, "name": n, "en": {"name": e}} for c, n, e in DEPARTMENTS],
        "themes": [{"id": i, "name": n, "hint": h, "en": {"name": en, "hint": eh}} for i, n, h, en, eh in THEMES],
        "services": services,
    }
    json.loads(dump(catalogue))  # the pretty form is the same JSON
    assert json.loads(dump(catalogue)) == catalogue
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(dump(catalogue))
    os.makedirs(os.path.dirname(ROWS), exist_ok=True)
    with open(ROWS, "w", encoding="utf-8") as f:
        f.write("\n".join(tsv) + "\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference/service-catalogue.md")
