"""Contractor: the person or firm who hired the workers when that is not the employer (包工头张某,
班组长王某某, 劳务分包公司, the dispatch agency below a named host, a job intermediary).

Order of evidence: an organisation in a subcontracting role (劳务分包给X, X的外包公司); a titled,
named person (包工头张某; 包工头叫田某 -> 田某, convention P3); a person said to lead the workers
(杨某带了十五六个水电工); a bare role word that hired them (包工头, convention P2). A 老板 with a name is
a contractor only where a crew works under a boss; the owner of a shop is the employer's own.
"""
from __future__ import annotations

import re

from service.extract.parties import _AGENCY, _WORKPLACE_ELSEWHERE, Span, _Org
from service.normalise import CLAUSE_PUNCT

# a crew under a boss: where a 老板 with a name is the one who hired the workers
_CREW = re.compile(r"工地|项目|工程|装修|班组|施工|车队|包工|带到|带去|带着|跟着|活是|小工|分包|公路")


_SURNAME = ("阿王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆"
            "汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵钱严覃武戴莫孔汤常葛温康施文牛樊葛邢安齐"
            "易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛"
            "靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
            "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝余于")
_SN = f"[{_SURNAME}]"
_PERSON_TITLED = re.compile(rf"(?P<title>包工头|包公头|工头|群头|带班人|船老大|中间人|木工老板|瓦工老板|泥工老板|钢筋老板|二包老板|二包|劳务班组长|班组长|带班长|劳务分包老板|劳务老板|老板|老闆|承包人|分包老板|施工队长|劳务队长|"
                            rf"劳务分包负责人|劳务队负责人|施工队负责人|劳务负责人|劳务经纪人|经纪人|实际施工人|装修队长|装修队|施工队|工程队|班长|领班|工长|队长)\s?"
                            rf"(?P<name>{_SN}某(?![拖欠带把说招叫找喊组安某给跑让在已就也是从代称没不等负挂那处要收结了的又和与去来干])[\u4e00-\u9fff](?=[，,。；;、\s]|$|带|拖|欠|把|说|招|叫|找|喊|组织|安排|去|来|在|干)|{_SN}某{{1,2}}|小{_SN}(?=到|说|欠|拖|一直|跑|把|给|不|没|[，,。；;、\s]|$)|"
                            rf"(?!安排|安全|马上|方面|方便|全部|全都|时间|常常|平时|华为|钱也|钱都|钱没|包工|包公|工头|班组)(?-i:{_SN})[\u4e00-\u9fff]{{1,2}}"
                            rf"(?=带|拖欠|欠|干|借|打|承包|跑|一直|还|把|让|给|在|已经|就|也|是|介绍|手下|从|代|安排|称|说|拿了|卷|携|"
                            rf"没|不|等|负责|挂靠|那|处|叫|招|找|喊|要|收|结|电话|手机|微信|去|来|到|[，,。；;、()\s])(?<![说都也就又还不没让把给跑走的了是])|{_SN}[\u4e00-\u9fff]某{{1,2}}|老{_SN}|{_SN}(?:总|哥|老板|胖子|大哥)|小[\u4e00-\u9fff]哥|姓\s?(?:姓)?{_SN}(?:的(?=[\s，。,！!？?]|$))?(?![\u4e00-\u9fff]{{0,1}}的)|阿[\u4e00-\u9fff]{{2,6}}?(?=组织|带|招|拖|欠|叫|[，,。\s]))")
_PERSON_BOSS = re.compile(rf"(?<![\u4e00-\u9fff]{{2}}[的个])(?P<name>{_SN})(老板|老闆|包工头|工头)")
_PERSON_XING = re.compile(rf"姓(?P<name>{_SN})(?:的|嘅)[\u4e00-\u9fff]{{0,5}}?(老板|老闆|包工头|包公头|工头|带班|班组长|领班|师傅|中介|队长)")
_BARE = re.compile(r"装修队老板|施工队老板|施工队长|包工头|包公头|劳务中介|班组长|工头|判头|家政公司(?=[^，。,]{0,2}介绍)")
# 包工头叫田某 / 工头是老刘: something intervenes, the span is the name alone (convention P3)
_PERSON_CALLED = re.compile(rf"(?P<title>包工头|工头|班组长|班长|带班的|包活的|分包老板|劳务老板|老板|负责人|实际施工人|中介|介绍人|队长|领班|工长)[,，]?\s?"
                            rf"(?:叫|是\s?(?:是\s?)?(?:[\u4e00-\u9fff]{{2,6}}的(?:一个)?|[\u4e00-\u9fff]{{2,3}}人)?|为|名叫|外号叫|(?<=带班的)|(?<=包活的))\s?(?:\s?叫)*\s?"
                            rf"(?!包工头|工头|班组长|老板)(?P<name>{_SN}某[\u4e00-\u9fff](?=[，,。；;\s]|$)|{_SN}某{{1,2}}|老{_SN}|"
                            rf"{_SN}[\u4e00-\u9fff]{{1,2}}(?=[，,。；;\s]|$|天天|一直|说|欠|带|让|叫|把|给|不|没|跑|联系|组织|负责|找|去|喊|从))")
# 名下的杨某带了十五六个水电工: a named person who leads the workers
_PERSON_LEADS = re.compile(rf"(?:(?<![\u4e00-\u9fff])(?P<name>{_SN}某{{1,2}})|(?<![老小])(?P<name3>老{_SN}))(?=(?:从[\u4e00-\u9fff]{{1,4}})?(?:带了|带着|带领|招了|招来|叫了|拉了|叫去|叫过去|喊去|喊过去|喊过来|叫来|带到))|(?<=[的人])(?P<name2>{_SN}某{{1,2}})(?=带了|带着|带领|招了|招来|叫去|叫过去|喊去|喊过去|叫来)")
_WORD_ENDING_IN_SURNAME = {"公司", "上司", "汽车", "火车", "货车", "卡车", "餐车", "工程", "装修", "物业", "大老", "小老",
                           "女老", "一些", "那些", "这些", "有些", "外包", "承包", "工包", "打包", "经营", "运营", "国营",
                           "民营", "私营", "营", "面包", "红包", "钱包", "书包", "米粮", "商", "电商", "厂商", "开发商",
                           "发商", "供应", "门房", "厨房", "机房", "库房", "前台", "后台", "舞台", "平台", "站台", "阳台",
                           "柜台", "烟台", "邢台", "浙江", "长江", "九江", "黑龙", "恐龙", "水龙", "乌龙", "经理", "总经",
                           "人民", "农民", "居民", "市民", "村民", "牧民", "渔民", "网民", "老乡", "家乡", "城乡", "下乡",
                           "全", "安全", "完全", "医", "中医", "西医", "兽医", "当时", "同时", "平时", "临时", "那时", "这时",
                           "按时", "及时", "准时", "到时", "小时", "有时", "随时", "暂时", "届时", "定时", "为何", "如何",
                           "任何", "几何", "奈何", "其余", "多余", "业余", "剩余", "结余", "盈余", "宋", "唐", "元", "明",
                           "上周", "下周", "本周", "这周", "每周", "一周", "两周", "几周"}
_NOT_SURNAME_BEFORE_BOSS = set("向于余和跟给对被把让叫找问的是个了家跑去都时")


def find_contractor(text: str, orgs: list[_Org], employer: _Org | None) -> Span | None:
    # 1. an organisation in a subcontracting role (or a 劳务 firm next to another employer)
    for o in orgs:
        if o is employer:
            continue
        if o.role in ("contractor", "contractor!") or (o.role == "contractor?" and employer is not None) or \
                (employer is not None and _AGENCY.search(o.name) and o.role != "employer"
                 and not (_AGENCY.search(employer.name) and "派遣" in text)):
            return Span(o.name, o.start, o.end)
        if employer is None and _AGENCY.search(o.name) and (re.search(r"派遣|外包", text) or _WORKPLACE_ELSEWHERE.search(text)):
            return Span(o.name, o.start, o.end)
    # 2. a titled, named person: 包工头张某, 班组长王某某, 老板张某某; 包工头叫田某 -> 田某; 一个叫杜某的包工头,
    # 包公头王 王大海 (a stutter): the name (P3)
    sm = re.search(rf"叫(?P<name>{_SN}某{{1,2}}|{_SN}[\u4e00-\u9fff]{{1,2}})的(包工头|包公头|工头|班组长|带班的|中介)", text) or \
        re.search(rf"(包工头|包公头|工头|班组长|队长|班长|领班|工长|带班的)\s?(叫\s?)?(?P<s>{_SN})\s(?P<name>(?P=s)[\u4e00-\u9fff]{{1,2}})(?=[\s，。,]|$)", text)
    if sm:
        return Span(sm.group("name"), sm.start("name"), sm.end("name"))
    cm = _PERSON_CALLED.search(text)
    if cm and cm.group("title") == "老板" and not _CREW.search(text):
        cm = None             # 老板,叫王德发,开了家五金店: the shop's owner, not a contractor
    if cm:
        return Span(cm.group("name"), cm.start("name"), cm.end("name"))
    best = None
    for m in _PERSON_TITLED.finditer(text):
        if m.group("title") in ("老板", "老闆"):
            owner_of = re.search(r"(公司|厂|场|店|馆|餐厅|超市|酒店|作坊|窑)的?$", text[max(0, m.start() - 3):m.start()])
            if employer is not None and owner_of or not owner_of and not _CREW.search(text):
                continue      # 劳务公司老板刘某, the boss of a noodle shop: the employer's owner, not a contractor
        best = (m.start(), m.end())
        break
    for bm in _PERSON_BOSS.finditer(text):
        if text[bm.start("name")] in _NOT_SURNAME_BEFORE_BOSS or bm.group(0) == "包工头":
            continue          # 包 of 包工头 is no surname
        if bm.group(2) in ("老板", "老闆") and not _CREW.search(text):
            continue          # 胡老板 of a workshop: the employer's owner, not a contractor
        prev = text[bm.start() - 1:bm.start()] if bm.start() > 0 else ""
        if prev and (prev + bm.group("name")) in _WORD_ENDING_IN_SURNAME:
            continue          # 公司老板, 汽车老板: no surname there
        if best is None:
            best = (bm.start(), bm.end())
        break
    xm = _PERSON_XING.search(text)
    if xm and (best is None or xm.start() < best[0]):
        best = (xm.start(), xm.end())          # 一个姓何的老板 ... 何老板: the first mention
    if best:
        said_twice = re.match(r"^(老板|包工头|工头)\s(?P<name>.+\1)$", text[best[0]:best[1]])
        if said_twice:          # 老板 何老板: the name with its title, said after the bare title
            return Span(said_twice.group("name"), best[0] + said_twice.start("name"), best[1])
        sur = re.search(rf"姓(?P<s>{_SN})", text[best[0]:best[1]])
        named = sur and re.match(rf"^(的)?\s?(叫)?\s?(?P<name>{sur.group('s')}(某{{1,2}}|[\u4e00-\u9fff]{{1,2}})(?=[\s，。,]|$))",
                                 text[best[1]:best[1] + 8])
        if named:          # 班组长姓潘 潘某, 姓罗的 罗老幺: the name said after the surname (P3)
            return Span(named.group("name"), best[1] + named.start("name"), best[1] + named.end("name"))
        # 包工头姓赵 赵什么来着 都叫他赵老板, 包工头姓何 何 何老四: the name he goes by, said right after
        called = sur and re.search(rf"^[^{CLAUSE_PUNCT}]{{0,10}}?(叫他|叫|\s)(?P<name>{sur.group('s')}(老板|老闆|工头|总|哥|老[二三四五六七八九大幺]))", text[best[1]:best[1] + 20])
        if called:
            return Span(called.group("name"), best[1] + called.start("name"), best[1] + called.end("name"))
        return Span(text[best[0]:best[1]], best[0], best[1])
    # 马建军(包工头): a name with its role in brackets after it; the span is the name (P3)
    pm = re.search(rf"(?<![\u4e00-\u9fff])(?P<name>{_SN}(?:某{{1,2}}|[\u4e00-\u9fff]{{1,2}}))[(（](包工头|工头|班组长|带班的|劳务老板)[)）]", text)
    if pm:
        return Span(pm.group("name"), pm.start("name"), pm.end("name"))
    nm = re.search(rf"(带他们去的人|带我们去的人|介绍人|中间人|招工的人|带队的)(叫|是)(?P<name>{_SN}某{{1,2}})", text) or \
        re.search(rf"(承包给|转包给|包给|分包给)了?([^，。,]{{0,10}}?个人)?(?P<name>{_SN}某{{1,2}}|老{_SN})", text) or \
        re.search(rf"(承包给|转包给|包给|分包给)了?(一个)?叫(?P<name>{_SN}某[\u4e00-\u9fff]|{_SN}某{{1,2}}|{_SN}[\u4e00-\u9fff]{{1,2}})的人", text) or \
        re.search(rf"从(?P<name>{_SN}某{{1,2}})([（(][^）)]{{0,8}}[）)])?手里接", text) or \
        re.search(rf"承包的那个\s?(?P<name>{_SN}[\u4e00-\u9fff]{{1,2}})(?=[\s，。,]|欠|说|跑)", text) or \
        re.search(rf"跟着(俺|我们|咱)?(村|屯|庄|队)?(的|里的)?(?P<name>老{_SN}|{_SN}某{{1,2}}|{_SN}老[二三四五六七八九大幺])(去|到|出去|出来)[^。]{{0,40}}(干活|打工|做工|干)", text) or \
        re.search(rf"带(我们|他们|俺们)去的(那个)?\s?(?P<name>{_SN}(老板|某{{1,2}})|老{_SN})", text)
    # 驾校承包给了蒲某: who runs it now; 跟着俺村的老韩去栾川县…干活: who took them there
    if nm:
        return Span(nm.group("name"), nm.start("name"), nm.end("name"))
    lm = _PERSON_LEADS.search(text)
    if lm:
        g = next(k for k in ("name", "name2", "name3") if lm.group(k))
        return Span(lm.group(g), lm.start(g), lm.end(g))
    # 3. bare roles
    m = re.search(r"中介是(?P<name>[\u4e00-\u9fffA-Za-z0-9]{2,12}?)(?=[\s，。,]|$)", text)
    if m:
        return Span(m.group("name"), m.start("name"), m.end("name"))
    for m in _BARE.finditer(text):
        if employer is not None and (m.group(0) in ("劳务公司",) or m.group(0)[:2] in employer.name):
            continue          # 外包公司 speaking of the employer 众联信息技术外包有限公司 itself
        if any(o.start == m.end() or o.start == m.end() + 1 for o in orgs):
            continue          # 劳务分包方安徽金鼎...: the role word of a named firm
        if not _bare_role_hired(text, m.start(), m.end()):
            continue
        return Span(m.group(0), m.start(), m.end())
    return None


_CLAUSE = re.compile(rf"[{CLAUSE_PUNCT}\n]")
_NOT_THEIR_BOSS = re.compile(r"如果|要是|假如|万一|一旦|是不是|不是|没跟|没有|别的|其他|其它|我是|我就是|舅舅|叔叔|伯伯|哥哥|表哥|"
                             r"以前|之前|原来|"
                             r"亲戚|当过|像|找个|想找|一般|很多|有的|存在|由|层层")


def _bare_role_hired(text: str, start: int, end: int) -> bool:
    """A bare 包工头 / 班组长 is the contractor when it is who hired them (convention P2): not one the
    writer is, is related to, asks about (如果包工头跑路了) or speaks of in general (一个政策建议)."""
    if re.match(r"^(招用|招来|招去|带|组织|雇佣|雇用|安排|叫|喊|找)", text[end:end + 3]):
        return True       # 由施工队长招用进场: who hired them, whatever comes before
    left = text[max(0, start - 20):start]
    cut = list(_CLAUSE.finditer(left))
    left = left[cut[-1].end():] if cut else left
    return not _NOT_THEIR_BOSS.search(left)
