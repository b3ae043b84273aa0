"""Project: the site or works the complaint is about (XX小区3号楼工地, XX路改造工程, XX高速公路X标段).

Names end in 工地 / 项目 / 工程 / 标段 / 水电站 (as written, convention S1: a directly following
工地/项目/工程 stays in the span), or are introduced by 叫 / 名叫 / 项目是; a leading address is not part
of the name, except the road of road works and the place just before a public works or an institution
(`_project_start`); a name inside an organisation's name (常州美居装饰工程有限公司) is no project.
"""
from __future__ import annotations

import re

from service.extract import places
from service.extract.parties import (_DETERMINERS, _GENERIC_NAME, _GOV, _STOP_CH, Span, _overlaps, _place_opens_at,
                                     _scan_left, _strip_address)

_PROJ_SUFFIX = re.compile(r"(改扩建工程|扩建工程|改造工程|新建工程|建设工程|建设项目|工程|项目|工地|标段|合同段|配套厂房|水电站|"
                          r"厂房(?=[做干施打上里])|"
                          # 和悦家园3号楼, 辽西商贸城二期, 楚捷电池二期车间: a stage or a building closes a site's name
                          r"(?<=[\u4e00-\u9fff])[一二三四五六七八九十\d]期(?:[\dA-Z]+[#号]楼|车间|厂房)?(?=[\s,，。的上里干做接施包]|$)|"
                          r"(?<=[\u4e00-\u9fff])\d+[#号]楼(?=[\s,，。的上里干做接施跟]|$)|"
                          r"(?<=[\u4e00-\u9fff])\d+号地块(?=[\s,，。的上里干做接施在]|$)|"
                          r"(?<=[段线路])[A-Z]{1,3}-?\d+标段?)"          # 荣乌高速新线雄县段TJ-6标
                          r"(第[一二三四五六七八九十\d]+标段|[一二三四五六七八九十\d]+标段|[A-Z]{1,3}-?\d+标段?|[一二三四五六七八九十\d]+标(?!准)|"
                          r"[（(][一二三四五六七八九十\d]期[）)])?")           # 弥河综合治理工程（二期）
_PROJ_GENERIC = re.compile(r"^(这|那|该|此|本|某(?!某)|一个|这个|那个|我们|他们|整个|里|的|上|在|后头|后来|外头|外面|外地|同一|同个|工地$|高速公路$|公路$|高速$|"
                           r"(县道|乡道|省道|国道|村道|道路|公路)(改建|改造|改扩建|扩建|建设|拓宽|硬化|新建)?$|进行|逾期|通过|告知|掘进$|[\d一二三四五六七八九十几两]+[多余来]?(年|个月|天)|一(房地产|商场|工厂|厂房|小区|楼盘|写字楼)|\d|[一二三四五六七八九十]+月|月份|今年|去年|前年|"
                           r"建(?!设大道|设路|设街|设大街)|知道|只知道|商业综合体|综合体|边|不少|很多|好多|房建|省级|市级|县级|医院$|学校$)")


_ROAD_AT_END = re.compile(r"[^区县市镇乡省]{2,5}(路|大道|大街|街)$")


def _project_start(text: str, s: int, e: int) -> int:
    """Where a project's name starts within text[s:e]: past a leading address (长春净月区|中昊·天玺B区项目,
    大庆高新区|碧水蓝湾小区二期), but not past the road that road works are on (东风路雨污分流改造工程), a
    development zone that names a site without a name of its own (盐城经开区人才公寓项目), nor the place just
    before a public works or an institution (吕梁市|临县城区污水管网改造工程, 宁都县|梅江镇第三小学…: part of
    its official name). Where these lines fall is where the gold authors differ most (extraction_dev_sets.md)."""
    s_named = _strip_address(text, s, e)
    if text[s_named:s_named + 1] in ("至", "到"):
        return s + _last_place_start(text[s:s_named], division=True)     # 黔东南州|三穗县至剑河县公路…: a route starts at a place
    if s_named == s:
        ms = places.find_locations(text[s:e])
        if ms and ms[0].start == 0 and e - (s + ms[0].end) >= 5 and (
                re.search(r"[市区县]$", text[s:s + ms[0].end])
                or ms[0].ext and re.search(r"[^区县市镇乡]{1,4}(路|街|大道|大街)$", text[s:s + ms[0].end])):
            s_named = s + ms[0].end        # a single city or district (让胡路区龙跃北街) before a site's name
    road = _ROAD_AT_END.search(text[s:s_named])
    if road and "街道" in road.group(0)[:-1]:
        road = _ROAD_AT_END.search(road.group(0)[road.group(0).index("街道") + 2:])   # 东山街道|蓉江路
    if road and re.match(r"^(雨污|管网|综合管廊|管廊|道路|改造|改建|扩建|拓宽|延长线|棚改|提升|整治|绿化|亮化|综合整治|市政|人行道|路面|排水|污水|"
                         r"供水|燃气|提质|下穿|立交|高架|配套管网|地铁)", text[s_named:e]):
        return s_named - len(road.group(0))     # 东风路雨污分流改造工程: works on a road carry its name
    if re.search(r"(高新区|开发区|经开区|新区|园区|产业园)$", text[s:s_named]) and \
            re.match(r"^([A-Z]\d?区)?(人才|标准|厂房|安置|保障|公租|廉租|职工|员工|配套|产业|创业|孵化|污水|道路)", text[s_named:e]):
        # 盐城经开区人才公寓项目: the zone names a site that has no name of its own; a zone with a name of its own
        # goes without the divisions before it (广州市白云区钟落潭镇|白云智谷产业园B区厂房工地; 神木市滨河新区 stays whole)
        named_zone = re.match(r"^.*?(省|市|区|县|镇|乡|街道)(?=[^省市区县镇乡]{2,}(园区|产业园)$)", text[s:s_named])
        return s + named_zone.end() if named_zone else s
    town = re.search(r"(?:^|[市区县旗道])([^市区县旗道镇乡]{1,5}(镇|乡|村|社区))$", text[s:s_named])
    if (_GENERIC_SITE.match(text[s_named:e]) or re.match(r"^(易地|扶贫)", text[s_named:e])) and \
            re.fullmatch(r"[^市区县旗]{1,4}(市|县)[^市区县旗镇乡]{1,5}(镇|乡)", text[s:s_named]):
        return s          # 会理市鹿厂镇易地扶贫搬迁…项目: a county-level city and its town name the works together
    if town and _GENERIC_SITE.match(text[s_named:e]):
        return s + town.start(1)          # 太原市小店区|北格镇回迁安置小区项目, 北山新村|棚改安置房项目: the town names the site
    if s_named > s and _NEEDS_PLACE.match(text[s_named:e]):
        return s          # 隆回县滩头镇|中心小学综合楼新建工程: a name that says nothing without its place keeps all of it
    if s_named > s and _PUBLIC_WORKS.match(text[s_named:e]):
        return s + _last_place_start(text[s:s_named])     # 山西省吕梁市|临县城区污水管网改造工程
    return s_named


# what a public works or institution is called after the place it serves: 临县城区污水管网改造工程,
# 潼南区全民健身中心项目, 梅江镇第三小学新教学楼项目 (the place just before it is part of its name)
_PUBLIC_WORKS = re.compile(r"^(人民|第[一二三四五六七八九十\d]|中心医院|农村|城区|城乡|[大中小]型|全民|易地|高效|综合|污水|供水|环湖|管网|市政|"
                           r"中西医|一中|二中|三中|实验|棚户区|老旧小区|保障性|扶贫|体育|文化|图书馆|博物馆|游客中心|"
                           r"[东西南北]延|延伸)")


# a works named only by what it is (中心小学, 便民服务中心, 饮水工程): the whole address before it names it (人民医院 is
# _PUBLIC_WORKS: the gold sets name it after its last place as often as after the whole address)
_NEEDS_PLACE = re.compile(r"^(中心小学|中心校|中心学校|中心幼儿园|中心卫生院|卫生院|便民服务中心|幸福院|敬老院|农田水利|乡村振兴|"
                          r"饮水|安全饮水|农村饮水|村村通)")


# an estate's name, even after 那个 (那个紫御华府 那个工地): a brand-like name with an estate's ending
_ESTATE_NAME = re.compile(r"^(?!物流|产业|工业|安置|商品|回迁|住宅|居民|老旧|棚改)[\u4e00-\u9fffA-Za-z0-9·]{1,8}"
                          r"(小区|花园|华府|华庭|御府|雅苑|家园|新城|新都会|壹号|一号|湾|城|府|苑|校区|院区)$")
# a site with no name of its own but the town or village it is for (回迁安置小区, 棚改安置房)
_GENERIC_SITE = re.compile(r"^(回迁|安置|棚改|棚户区|还建|拆迁|保障房|保障性|公租房|廉租房|人才公寓|移民|搬迁)")


def _last_place_start(prefix: str, division: bool = False) -> int:
    """Where the last place of an address starts (山西省吕梁市临县 -> 临县, 中卫市沙坡头区宣和镇 -> 宣和镇;
    with `division`, the last division with what follows it: 万州区龙驹镇 -> 万州区龙驹镇)."""
    ms = places.find_locations(prefix)
    if not ms or ms[-1].end != len(prefix):
        return len(prefix)
    m = ms[-1]
    name = m.chain[-1].name
    pos = prefix.rfind(name)
    if pos < 0:
        short = re.sub(r"(市|县|区|自治州|州|盟|旗)$", "", name)
        pos = prefix.rfind(short) if len(short) >= 2 else -1
        name = short
    if pos < 0:
        return len(prefix)
    return pos + len(name) if m.ext and pos + len(name) < len(prefix) and not division else pos


def find_project(text: str, blocked: list[tuple[int, int]] | None = None,
                 inside: list[tuple[int, int]] | None = None) -> Span | None:
    """The first named project: not overlapping `blocked` (contacts), not within `inside` (organisations:
    常州美居装饰工程有限公司 is no project)."""
    blocked = blocked or []
    inside = inside or []
    cands: list[tuple[int, int]] = []
    for m in _PROJ_SUFFIX.finditer(text):
        e = m.end()
        if re.match(r"^(第[一二三四五六七八九十\d]+标段)", text[e:]):
            continue
        if re.match(r"^(有限|股份|公司|集团|队|处|局|部|师|款|量|车|建设有限)", text[e:]):
            continue
        s = _scan_left(text, m.start(), 30)
        while s >= 3 and text[s - 1] in "与及" and re.search(r"(配套|建设|改造|新建|扩建|道路|厂房|管网|绿化|续建|楼)$", text[s - 5:s - 1]):
            s = _scan_left(text, s - 1, 30)          # 清水河灌区续建配套与节水改造工程: one name
        if s >= 3 and text[s - 1] == "还" and re.search(r"退[\u4e00-\u9fff]$", text[s - 3:s - 1]):
            s = _scan_left(text, s - 1, 30)          # 南四湖退田还湖生态修复工程: 还 is part of the name here
        inner = [x.end() for x in re.finditer(r"项目|工程", text[s:m.start()])]
        if inner and m.start() - (s + inner[-1]) >= 4 and re.match(r"[\u4e00-\u9fff]{4}", text[s + inner[-1]:m.start()]):
            s = s + inner[-1]          # 招商引资重点项目|南部县智能家居产业园…工程: one name ends where the next begins
        if m.start() - s < 2:
            continue
        if _DETERMINERS.search(text[max(0, s - 3):s]) and not re.search(r"(那个|这个)$", text[max(0, s - 3):s]):
            continue
        s = _project_start(text, s, e)
        rm = re.match(r"^.*(干活|施工|做工|打工|参与|参加|进入|介绍|进行|(?<![^\s，,。那边去])搞|承建|承包|承接|承揽|中标|负责|支付|督促|请求|解决|追讨|讨要|反映|关于|举报)", text[s:m.start()])
        if rm:
            s = _project_start(text, s + rm.end(), e)     # 举报鞍山市铁东区…: the address after the verb goes too
        if text[s:s + 1] in ("县", "区") and m.start() - s >= 4 and s >= 2 and text[s - 1] in _STOP_CH \
                and _place_opens_at(text, s - 2):
            s += 1          # 泰来|县嫩江…: the end of a place cut at a stop character (来)
        name = text[s:m.start()]
        if text[s - 1:s] == "的" and re.search(r"(一个|一处|某个)[^，。,\s]{1,10}的$", text[max(0, s - 14):s]) or \
                text[s - 1:s] != "的" and re.search(r"(一处|一个|一座|一栋)[^，。,\s叫的]{0,8}$", text[max(0, s - 12):s]) \
                and not _ESTATE_NAME.search(text[s:m.start()]):
            continue          # 一个旅游公路的护坡工地, 一处葡萄干晾房改造工地: a kind of work on a site with no name
        if re.fullmatch(r"(新疆|西藏|内蒙|内蒙古|广西|宁夏|[\u4e00-\u9fff]{2}(省|市))", text[s:m.start()]):
            continue          # 去新疆工地: a region, no site's name
        if re.search(r"(体检|乙肝|检查)", name) or re.fullmatch(r"[分还共每][一二三四五六七八九十\d]*", name):
            continue          # 入职体检中检查乙肝项目: a medical test; 分十二期: a loan's instalments; no site
        if len(name) < 2 or _GENERIC_NAME.match(name) or _PROJ_GENERIC.match(name) or re.search(r"[一这那某]处|[一这那]间", name):
            continue
        if "某" in name.replace("某某", "", 1) and not name.startswith("某某"):
            continue
        if "和" in name and (_GENERIC_NAME.match(name.split("和")[-1]) or len(name.split("和")[-1]) < 2):
            continue
        if re.search(r"(体检|培训|检查|考试|补贴|服务|收费|投资|资金|建设|扶贫|帮扶|试点|合作|课题|审批|重点|招商引资)$", name) and \
                not re.search(r"(环卫|保洁|绿化|养护)[\u4e00-\u9fff]{0,4}服务$", name):
            continue          # 财政资金项目, 体检项目: no site (环卫保洁服务项目 is a contract's name)
        # XX加固工程工地 / XX项目工地: the site word stays in the span, as written (convention S1)
        if re.search(r"(公司|局|政府|单位|部门)$", name) or _GOV.search(name):
            continue
        if name.endswith(("的", "病", "肺")) or re.search(r"[跑干做去到]$", name):
            continue          # 尘肺病二期: a stage of an illness; 跟着包工头跑工地: no name
        if m.group(1) == "工程" and re.match(r"^(款|队|师|车|量|部)", text[e:]):
            continue
        year = re.search(r"20\d\d年度?$", text[max(0, s - 7):s])
        if year:
            s -= len(year.group(0))          # 2023年度高标准农田建设…项目: the year is in the works' official name
        cands.append((s, e))
    # 新站大道道路改造施工现场
    for m in re.finditer(r"(?P<name>[\u4e00-\u9fff]{2,12}?(道路|路|大道|街|桥|河道|管网))(?:改造|改扩建|拓宽|修缮)(?=施工|现场|工地)", text):
        s = _strip_address(text, _scan_left(text, m.end(), 20), m.end())
        if m.end() - s - 2 >= 2 and not _GENERIC_NAME.match(text[s:m.end() - 2]) and not _PROJ_GENERIC.match(text[s:m.end() - 2]):
            cands.append((s, m.end()))
    site_cands: list[tuple[int, int]] = []
    # X的工地 / X工地: 龙袍新城安置房的工地上, 城南污水处理厂的工地
    for m in re.finditer(r"(的|\s?那个\s?)(工地|楼盘|装修活|标段)", text):
        e = m.start()
        s = _scan_left(text, e, 16)
        if e - s < 3:
            continue
        if _DETERMINERS.search(text[max(0, s - 4):s].rstrip()) and not _ESTATE_NAME.search(text[s:e]):
            continue          # 一个物流园的工地: a site with no name (那个翡翠城的工地, 那个鹤城花园小区 那个工地: names)
        name = text[s:e]
        if _GENERIC_NAME.match(name) or _PROJ_GENERIC.match(name) or re.search(r"(公司|我们|小区旁边)", name):
            continue
        if not re.search(r"(小区|花园|府|苑|湾|城|房|厂|广场|大厦|中心|园|庭|郡|湖|山|期|楼|馆|站|院|壹号|一号|号线|校区|院区|高架)$", name):
            continue
        s = _strip_address(text, s, e)
        site_cands.append((s, e))
    # 金色家园小区外墙保温, 锦华悦府二期的精装修: an estate named by the work done on it
    for m in re.finditer(r"(?P<name>[\u4e00-\u9fff]{2,10}?(小区|家园|花园|华府|悦府|华庭|雅苑)([一二三四五六七八九]期)?)的?"
                         r"(?=外墙保温|外墙|精装修|装修|保温|粉刷|防水|水电|吊顶|施工队)", text):
        s = _strip_address(text, _scan_left(text, m.end("name"), 16), m.end("name"))
        if text[s:s + 1] == "边" and text[s - 1:s] in ("那", "这"):
            s += 1          # 黄村那边锦华悦府二期
        if m.end("name") - s >= 3 and not _GENERIC_NAME.match(text[s:m.end("name")]) and \
                not _DETERMINERS.search(text[max(0, s - 4):s].rstrip()):
            site_cands.append((s, m.end("name")))
    for m in re.finditer(r"(?:叫做|名叫|叫)(?:什么|啥|那个|这个)?\s?[‘“\"「]?(?P<name>[\u4e00-\u9fffA-Za-z0-9·]{2,12}?)[’”\"」]?\s?的\s?(?:那个\s?)?(?:楼盘|工地|项目|小区)", text):
        cands.append((m.start("name"), m.end("name")))
    for m in re.finditer(r"(?:项目|工地|楼盘|工程)\s?(?:名字)?(?:叫做|名叫|叫|是)(?:什么|啥)?\s?(?:(?:就是|那个|这个|呃|嗯|什么|啥|叫)\s?)*[“\"「]?(?!就是|那个|这个|什么|啥|叫)(?P<name>[\u4e00-\u9fffA-Za-z0-9·]{2,14}?)(?=[”\"」\s，。,！？!?；;]|$)", text):
        if "的" in m.group("name") or "自己" in m.group("name") or re.match(r"\s?不是", text[m.end("name"):m.end("name") + 4]):
            continue          # 叫 什么 万科的 不是: a name taken back
        site_cands.append((m.start("name"), m.end("name")))     # named as a site: no firm's name, even quoted
    for m in re.finditer(r"(?P<name>[\u4e00-\u9fff]{2,6}(?:到|至)[\u4e00-\u9fff]{2,6}?的?(?:高速公路|高速|公路|铁路|高铁|国道|省道|县道|乡道|村道|轻轨|城际))"
                         r"(?P<works>(?:改建|改扩建|扩建|新建|改造|建设|提升|提质改造|改造提升|拓宽|硬化)(?:工程|项目))?"
                         r"(?=那个|这个|项目|工程|工地|上|的|，|,|。|\s|\(|（|拖欠|欠)", text):
        route_at = m.start("name") + re.search(r"到|至", m.group("name")).start()
        s0 = _scan_left(text, route_at, 6)
        start_place = _last_place_start(text[s0:route_at], division=True)
        if start_place < route_at - s0:
            s0 += start_place          # 东南州|三穗县至剑河县: the route's first place, not what is cut of the one before
        cut = re.match(r"^[市区县].*[市区县](?=[\u4e00-\u9fff]{2})", text[s0:route_at])
        if cut:
            s0 += cut.end()            # 洛阳|市伊滨区|李村至庞村: the end of a district cut by the scan goes
        if route_at - s0 >= 2:
            cands.append((s0, m.end()))          # 龙驹镇至梨树乡公路改建工程: the works on it stay in the name
    # “澴川府”项目, “东江湖渔光互补光伏项目”: a quoted name is the project's name as written, quotes excluded
    quoted = [(m.start("name"), m.end("name")) for m in re.finditer(
        r"(?<!家|间)[“\"「『](?P<name>[^”\"」』，。,]{2,24})[”\"」』](?=\s?(项目|工地|工程|楼盘|小区|干|从事|做|务工))", text)
        if not _GENERIC_NAME.match(m.group("name"))
        and not re.search(r"(店|馆|屋|坊|超市|餐厅|酒楼|酒店|饭店|公司|厂|中心|会所)$", m.group("name"))]   # “老绥远烧麦馆”做服务员: a workplace
    # 招商引资重点项目“华澄新材料产业园一期”木工班组: the quoted name of the project just named
    quoted += [(m.start("name"), m.end("name")) for m in re.finditer(
        r"(?:项目|工程)(?:为|是|名为|名称为|叫)?[“\"「『](?P<name>[^”\"」』，。,]{2,24})[”\"」』]", text)
        if not _GENERIC_NAME.match(m.group("name")) and (m.start("name"), m.end("name")) not in quoted]
    cands = [c for c in cands if not any(c[0] < qe and qs < c[1] for qs, qe in quoted)] + quoted
    trimmed = []
    for cs, ce in cands:
        fm = re.match(r"^(什么|啥|那个|这个|一个)\s?", text[cs:ce])
        trimmed.append((cs + fm.end(), ce) if fm and ce - cs - fm.end() >= 2 else (cs, ce))
    cands = trimmed
    cands = [c for c in cands if not _overlaps(c[0], c[1], blocked)
             and not any(s <= c[0] and c[1] <= e for s, e in inside)]
    cands += [c for c in site_cands if not _overlaps(c[0], c[1], blocked)]
    if not cands:
        return None
    s, e = min(cands, key=lambda c: (c[0], -c[1]))
    return Span(text[s:e], s, e)
