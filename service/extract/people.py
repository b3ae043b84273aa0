"""Headcount of affected workers: 43名农民工, 共43人, 四十多个 (40, approx), 十几个人,
我们班组20来人, 全厂一百多名员工, 几十个 (20, approx). Vague counts take the lower bound."""
from __future__ import annotations

import re

from service.extract.numbers import NUMERAL, NotANumber, parse_number
from service.normalise import CLAUSE_PUNCT

PERSON_NOUN = (r"农民工|民工|工人|员工|职工|教职工|工友|老乡|兄弟|骑手|司机|老师|教师|孩子|男孩|女孩|学生|小孩|护士|"
               r"保安|保洁|姐妹|师傅|同事|伙计|人员|男子|女子|妇女|工人师傅|代课教师|快递员|送餐员|环卫工|船员|"
               r"阿姨|大姐|大妈|婶子|婶娘|婆婆|老娘们|娘们|老头|老汉|阿婆|嫂子|驾驶员|小姑娘|小伙子|未成年人|童工|学徒|伙伴|水电工|装卸工|钢筋工|木工|瓦工|架子工|电焊工|焊工|油漆工|杂工|小工|机手|"
               r"分拣员|店员|服务员|厨师|保姆|护工|收银员|导购|搬运工|清洁工|保洁员|缝纫工|操作工|普工|临时工|帮工|教练|矿工|同学|暑假工|寒假工|"
               r"村民(?=[^。]{0,40}(干|做|工钱|工资|务工|打工|采|出砖|装窑|上工|从事|施工|招用|雇用|招工))|"
               r"[\u4e00-\u9fff]{1,2}工(?![资钱程地厂作人友头])|工|人")
# villagers count as workers only where they work (村民在砖厂干活), not in a land or housing petition
NON_WORKER = r"会员|村民|业主|居民|学员|家长|户|老人|乘客|旅客|顾客|消费者|患者|病人|业户|考生|居户|住户|就业困难人员|贫困户|股东"

_HEAD = re.compile(
    rf"(?P<pre>共有|一共有?|总共有?|合计|共计|共|约|大约|近|将近)?(?P<num>十好几|{NUMERAL})(?P<mid>[多余来])?"
    rf"(?P<cls>个|名|位|人|號|号)?")
_NOUN_AFTER = re.compile(rf"^[^，。；！？,;!?\n0-9]{{0,12}}?(?P<noun>{PERSON_NOUN})")
_NONW_AFTER = re.compile(rf"^[^，。；！？,;!?\n]{{0,8}}?({NON_WORKER})")
_DIRECT_NOUN = re.compile(r"^(农民工|民工|工人|员工|职工|工友|骑手|老师|教师)")


def _overlaps(s, e, blocked):
    return any(s < be and bs < e for bs, be in blocked)


_PAIRS = (
    re.compile(r"(我们|俺们|俺|我|咱们?)(两口子|俩(?!月|年|天|钱))"),
    re.compile(r"(我|俺|信访人|来电人|其|(?<=[，,]))(和|与|跟|同|及)(我|俺|其)?(妻子|丈夫|老婆|老公|爱人|媳妇)[^，。,；;]{0,48}?"
               r"(务工|干活|打工|上班|做工|做活|干)"),
    re.compile(r"(我|俺)(跟|和|与)(我|俺)?(媳妇|老婆|老公|丈夫|爱人|儿子|女儿|弟弟|哥哥|姐姐|妹妹|爸|妈|父亲|母亲)(俩|两个人|两人)"),
)


def find_headcounts(text: str, blocked: list[tuple[int, int]] | None = None) -> list[tuple[int, bool, int, int]]:
    """(count, approx, start, end, is_company_size) for each headcount phrase."""
    blocked = blocked or []
    out = []
    for m in _HEAD.finditer(text):
        num, cls, mid = m.group("num"), m.group("cls") or "", m.group("mid") or ""
        num = num.replace("十好几", "十几")         # 十好几个民工: ten-odd, not 好几 (two)
        ns, ne = m.start("num"), m.end("num")
        if _overlaps(ns, ne, blocked):
            continue
        before = text[max(0, ns - 1):ns]
        if before and (before in "每第初" or before.isdigit() or before.isascii() and before.isalpha()):
            continue
        after = text[m.end():]
        if cls in ("号", "號"):
            if not after.startswith(("人", "工人", "员工", "职工", "民工")):
                continue
            if after.startswith("人"):
                cls, after = "人", after[1:]          # 三十几号人, 一百来号人
            else:
                cls = "名"          # 一百多号工人
        if cls == "人":
            if re.match(r"^(民|次|份|头|家|户)", after) or re.match(r"^均\s?(约|大约|\d|[一二两三四五六七八九十])", after):
                continue
        elif cls == "名":
            if re.match(r"^(次|额|单|字|称|义|片)", after) or re.match(r"^下(?!岗)", after):
                continue
            na = _NOUN_AFTER.match(after)
            if _NONW_AFTER.match(after) and not (na and na.start("noun") < 3):
                continue
        elif cls in ("个", "位"):
            if re.match(r"^(多)?(月|小时|钟头|钟|星期|礼拜|半月|工作日|点|字|问题|电话|地方|项目|证|房|厂|工地|公司|单位|部门|"
                        r"窗口|号|季度|年头|轮|班|环节|流程|城市|省|县|区|镇|村|店(?!员)|老板|娃)", after):
                continue
            nm = _NOUN_AFTER.match(after)
            if nm and nm.group("noun") == "工" and not after.startswith("工"):
                nm = None         # 我们6个在…帮包工头: the 工 of 包工头 is no noun for the count
            if not nm and cls == "个" and re.match(r"^($|[，。；！？,;!?\s]|都|在|一起|一块|全|讨|找|去|没|跟着|帮|给人|[\u4e00-\u9fff]{1,3}的)", after) \
                    and re.search(r"(我们|咱们|俺们|我哋|成班人|成班|共|一共|有|总共)(车间|班组|厂里|工地|组里|一起的|队上|队里|班上)?$", text[max(0, m.start() - 5):m.start()] + (m.group("pre") or "")):
                try:
                    v0, a0 = parse_number(num)
                except NotANumber:
                    continue
                if v0 >= 3 or num in ("几", "好几") and re.search(r"(我们|咱们)$", text[max(0, m.start() - 3):m.start()]):
                    out.append((int(v0) + _writer_is_one_more(text, m, after), bool(a0 or mid), m.start(), m.end(), False))
                continue
            # 和我情况一样的老师还有6位: the noun comes before the count
            noun_before = not nm and re.match(rf"^($|[{CLAUSE_PUNCT}\s])", after) and \
                re.search(rf"({PERSON_NOUN})(还有|也有|共有|一共有|有)$", text[max(0, m.start() - 8):m.start()])
            if not nm and not noun_before:
                continue
            if re.match(r"^工([，,。；;！!？?\s的钱]|$)", after):
                continue          # 记的是九十二个工: workdays, not workers
            nw = _NONW_AFTER.match(after)
            if nw and nm and nw.start(1) <= nm.start("noun"):
                continue
        else:
            if not _DIRECT_NOUN.match(text[m.end("mid") if mid else ne:]):
                continue
        # 十几二十个 / 二三十个: a range takes its lower bound
        rng = re.fullmatch(r"(?P<lo>[一二三四五六七八九]?十几)[二三四五六七八九]?十", num)
        try:
            value, approx = parse_number(rng.group("lo") if rng else num)
        except NotANumber:
            continue
        if not float(value).is_integer() or value < 2 or value > 100000:
            continue
        if any(c in num for c in ".,"):
            continue
        pre = m.group("pre") or ""
        if mid or pre in ("约", "大约", "近", "将近"):
            approx = True
        if re.match(r"^[^，,。]{0,3}左右", after):
            approx = True
        if text[max(0, ns - 2):ns] in ("大概", "大约", "差不"):
            approx = True
        if _writer_is_one_more(text, m, after):
            value += 1          # 其与同班组的17名工人, 我跟5个工友: the writer is one of them (convention W3)
        size = bool(re.search(r"(有|共有|现有|总共有)(员工|职工|工人)(约|大约|近)?$", text[max(0, m.start() - 6):m.start()]))
        out.append((int(value), approx, m.start(), m.end(), size))
    # 我们9个服务员加两个厨师: two groups named one after the other
    for m in re.finditer(rf"(?P<a>\d{{1,3}}|[一二两三四五六七八九十]{{1,3}})个[\u4e00-\u9fff]{{1,3}}(加|和|还有)(?P<b>\d{{1,3}}|[一二两三四五六七八九十]{{1,3}})个(?={PERSON_NOUN})", text):
        try:
            n = int(parse_number(m.group("a"))[0] + parse_number(m.group("b"))[0])
        except NotANumber:
            continue
        out.append((n, False, m.start(), m.end(), False))
    # two working together, the writer one of them: a couple or 我俩 (我们两口子, 就我俩伺候); the writer and their
    # spouse at work (信访人…，与妻子刘某于2022年在…务工); the writer and one relative (我跟我媳妇俩, 我和我老公两个人)
    for pair in _PAIRS:
        for m in pair.finditer(text):
            if not any(s < m.end() and m.start() < e for _, _, s, e, _ in out):
                out.append((2, False, m.start(), m.end(), False))
    return out


def _writer_is_one_more(text: str, m: re.Match, after: str) -> bool:
    """还有十几个人跟我一样 / 我和另外三个老乡 / 其与同村三十余名村民: the count leaves out the writer,
    who is one of the affected workers (convention W3)."""
    # 同一网点的: 一 here is no numeral
    before = text[max(0, m.start() - 10):m.start()].replace("同一", "同")
    wide = text[max(0, m.start() - 24):m.start()]
    if re.search(r"(像|跟|和)(我|他|她|其)(这样|这种|情况一样|一样)[^，。,\d一二三四五六七八九十几]{0,14}还有[^，。,\d]{0,5}$", wide) or \
            re.search(r"(跟|和|同)(我|俺)(一块|一起)[^，。,\d]{0,4}还有[^，。,\d一二三四五六七八九十几]{0,6}$", wide) or \
            re.search(r"(跟|和|同)(我|俺)(一块|一起)[^，。,\d一二三四五六七八九十几]{0,6}的有$", before) or \
            re.search(r"(跟|和|同)(我|俺)(一块|一起|一齐|一齊)[^，。,\d一二三四五六七八九十几]{0,6}(的|嘅)$", before) and "共" not in (m.group("pre") or "") or \
            re.search(r"(跟着|一起|一块|同)(去|来|出来)?的?还有[^，。,\d一二三四五六七八九十几]{0,3}$", before) or \
            re.search(r"(被欠薪|被拖欠|被欠|欠薪)的还有[^，。,\d一二三四五六七八九十几]{0,12}$", wide):
        return True       # 像我这样被拖着工资的还有三十几个人, 跟我一块去的还有俺村另外五个人, 被欠薪的还有…十余人
    # (一起 / 一块 are words, not the numeral 一 the class below stops at: 还有跟我一起的 四个老乡)
    if re.search(r"(还有|另外还有|另有|其他|其余|另外)[^，。,\d一二三四五六七八九十几]{0,10}$",
                 text[max(0, m.start() - 14):m.start()].replace("一起", "同").replace("一块", "同")) and \
            re.match(rf"^[^{CLAUSE_PUNCT}]{{0,10}}[,，]?(跟我一样|和我一样|同样|也是|跟我|和我|情况相同|情况一样|都一样|都是一样|也一样|"
                     r"也没|都没|也未|都未|也被|也差不多|(情况)?都差不多|情况差不多|都是这样|都这样|都是这情况|[^，。,]{0,4}(与|和|跟)(本人|我|其|她|他|信访人|来电人)(相同|一样|情况相同))", after):
        return True
    if re.search(rf"(同样|一样|相同)[^{CLAUSE_PUNCT}]{{0,4}}还有$", before) or \
            re.search(r"(我们)?一起(干活|干|做|来|打工)的?(还有|有)$", before):
        return True
    if re.search(r"(我|其|来电人|本人)(和|与|跟|同|及)[^，。,\d一二三四五六七八九十几]{0,4}(另外|其他|其余)的?$",
                 text[max(0, m.start() - 12):m.start()].replace("同一", "同")):
        return True
    if re.search(r"(^|[，,])(与|和|同)(其他|另外|其余)的?$", before) or re.search(r"(随同|随)(同村|同乡|本村)$|随同$", before):
        return True       # 来电人系…电焊工，与其他12名工友: the writer, left unsaid, and the others
    return bool((re.search(r"(?<![们])(我|其|本人|来电人)(和|与|跟|同|及|带着|带领|随同|随)[^，,。；;！!？?\d一二两三四五六七八九十几另其共我]{0,5}$", before)
                 or re.search(r"(信访人|反映人)(和|与|跟|同|及|随同|随)[^，,。；;！!？?\d一二两三四五六七八九十几另其共我]{0,5}$", before))
                and "共" not in (m.group("pre") or "")
                and re.match(rf"^(多|余|来)?(个|名|位)?(小姐妹|同乡|{PERSON_NOUN})", text[m.end("num"):]))


def pick_workers(heads: list[tuple]) -> tuple[int | None, bool]:
    """(count, approx): the largest headcount; a company's size (公司有员工约200名) only when nothing
    else is given. 还有十几个人跟我一样 already counts the writer (find_headcounts adds one)."""
    if not heads:
        return None, False
    pool = [h for h in heads if not h[4]] or heads
    best = max(pool, key=lambda h: (h[0], -h[2]))
    return best[0], best[1]



