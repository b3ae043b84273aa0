"""Locations: administrative divisions from the cpca package's data (adcodes.csv), kept
as written ("滁州全椒县", "宁波江北", "合肥市蜀山区井岗镇"), normalised to
province / city / district.

A mention is a chain of divisions, each inside the previous (安徽省霍邱县, 温州瓯海区),
followed by finer units that no gazetteer holds: 镇, 乡, 街道, 村, 路, 开发区 ...
Short forms (合肥, 蜀山) are accepted for provinces and cities anywhere, and for
districts and counties only right after their city. The gazetteer is read once, lazily.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass
class Location:
    text: str
    start: int
    end: int
    province: str | None
    city: str | None
    district: str | None
    source: str = "rule"

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "province": self.province,
                "city": self.city, "district": self.district, "source": self.source}


@dataclass(frozen=True)
class Division:
    name: str
    code: str      # 6 digits
    rank: int      # 0 province, 1 city, 2 district/county

    def inside(self, other: "Division") -> bool:
        return self.code.startswith(other.code[:(other.rank + 1) * 2]) and self.rank > other.rank


_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "自治州", "自治县", "地区", "省", "市", "区", "县", "盟", "旗")
_SKIP_NAMES = {"市辖区", "城区", "郊区", "矿区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
# short forms that are everyday words; never taken on their own
_SHORT_STOP = {"东方", "阳春", "大安", "安达", "北安", "宁安", "开平", "和龙", "临江", "同江", "新民", "四会", "安国",
               "长乐", "永安", "高安", "乐平", "兴城", "海林", "瑞金", "普宁", "合作", "华阴", "凭祥", "龙口", "东兴",
               "和平", "新华", "城关", "中山", "长安", "朝阳", "白云", "普陀", "鼓楼", "江北", "新城", "城中", "城东",
               "城西", "城南", "城北", "市中", "河东", "河西", "江南", "江东", "东区", "西区", "南区", "北区", "中区",
               "新区", "开发", "高新", "经开", "青山", "铁西", "铁东", "西湖", "东湖", "南湖", "北湖", "向阳", "红旗",
               "前进", "胜利", "建设", "站前", "解放", "平安", "团结", "和谐", "永和", "大同", "安康", "长春", "海南",
               "太平", "金山", "宝山", "江山", "凤凰", "仙桃", "潜江", "天门", "通州", "吉安", "泰和", "万年", "永年"}

_ETHNIC = ("苗族|侗族|布依族|土家族|藏族|彝族|哈尼族|壮族|傣族|景颇族|白族|傈僳族|回族|蒙古族|哈萨克|朝鲜族|羌族|黎族|"
           "瑶族|纳西族|怒族|独龙族|拉祜族|佤族|仡佬族|水族|畲族|满族|达斡尔族|鄂温克族|柯尔克孜|锡伯族|撒拉族|保安族|"
           "东乡族|土族|裕固族|塔吉克|维吾尔|普米族|阿昌族|德昂族|基诺族|布朗族|仫佬族|毛南族|京族|各族")
_NEWER_DISTRICTS = (("郫都区", "成都市"), ("新津区", "成都市"), ("坪山区", "深圳市"), ("光明区", "深圳市"),
                    ("龙华区", "深圳市"), ("临平区", "杭州市"), ("钱塘区", "杭州市"), ("临安区", "杭州市"),
                    ("长乐区", "福州市"), ("海门区", "南通市"), ("奉化区", "宁波市"), ("章丘区", "济南市"),
                    ("济阳区", "济南市"), ("莱芜区", "济南市"), ("即墨区", "青岛市"), ("鄠邑区", "西安市"),
                    ("晋宁区", "昆明市"), ("梁平区", "重庆市"), ("武隆区", "重庆市"), ("马龙区", "曲靖市"),
                    # counties made county-level cities or districts (2017-2021)
                    ("盘州市", "六盘水市"), ("彬州市", "咸阳市"), ("子长市", "延安市"), ("神木市", "榆林市"),
                    ("滦州市", "唐山市"), ("平泉市", "承德市"), ("旬阳市", "安康市"), ("水富市", "昭通市"),
                    ("华亭市", "平凉市"), ("蓬莱区", "烟台市"),
                    # more renamed or new districts and county-level cities (2016-2021) that the data lacks
                    ("信都区", "邢台市"), ("襄都区", "邢台市"), ("叙州区", "宜宾市"), ("云州区", "大同市"),
                    ("平城区", "大同市"), ("云冈区", "大同市"), ("上党区", "长治市"), ("潞州区", "长治市"),
                    ("屯留区", "长治市"), ("太谷区", "晋中市"), ("宁乡市", "长沙市"), ("邵东市", "邵阳市"),
                    ("京山市", "荆门市"), ("监利市", "荆州市"), ("隆昌市", "内江市"), ("射洪市", "遂宁市"),
                    ("会理市", "凉山彝族自治州"), ("澄江市", "玉溪市"), ("兴仁市", "黔西南布依族苗族自治州"),
                    ("平果市", "百色市"), ("荔浦市", "桂林市"), ("长垣市", "新乡市"), ("潜山市", "安庆市"),
                    ("无为市", "芜湖市"), ("广德市", "宣城市"), ("龙港市", "温州市"), ("玉环市", "台州市"),
                    ("海安市", "南通市"), ("邹平市", "滨州市"), ("永年区", "邯郸市"), ("肥乡区", "邯郸市"),
                    ("伊美区", "伊春市"), ("乌翠区", "伊春市"), ("金林区", "伊春市"), ("色尼区", "那曲地区"),
                    ("茫崖市", "海西蒙古族藏族自治州"), ("同仁市", "黄南藏族自治州"), ("水城区", "六盘水市"),
                    ("广信区", "上饶市"), ("东乡区", "抚州市"))
# everyday short names the data does not hold (呼市 for 呼和浩特市)
_NICKNAMES = {"呼市": "呼和浩特市"}
_FULL_STOP = {"和县", "兴县", "代县", "单县", "东区", "西区", "南区", "北区", "中区", "新区", "城区", "郊区", "矿区"}


def _adcodes_path() -> Path:
    import importlib.util
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the cpca package is needed for its administrative-division data")
    return Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv"


@dataclass
class Gazetteer:
    full: dict[str, list[Division]]
    short: dict[str, list[Division]]
    by_code: dict[str, Division]
    max_len: int
    lengths: dict[str, tuple[int, ...]]     # first two characters -> name lengths, longest first


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    full: dict[str, list[Division]] = {}
    short: dict[str, list[Division]] = {}
    by_code: dict[str, Division] = {}
    with open(_adcodes_path(), encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name, code = row["name"], row["adcode"][:6]
            if name in _SKIP_NAMES:
                continue
            rank = 0 if code.endswith("0000") else 1 if code.endswith("00") else 2
            d = Division(name, code, rank)
            by_code[code] = d
            full.setdefault(name, []).append(d)
            for suf in _SUFFIXES:
                if name.endswith(suf) and len(name) - len(suf) >= 2:
                    s = name[: -len(suf)]
                    if rank == 0:
                        s = re.sub(r"(维吾尔|壮族|回族)$", "", s)
                    short.setdefault(s, []).append(d)
                    break
    # divisions created after the package's data was drawn (kept as a short list here)
    by_name = {d.name: d for d in by_code.values() if d.rank <= 1}
    for i, (name, parent) in enumerate(_NEWER_DISTRICTS):
        pd = by_name.get(parent)
        if pd is None or any(x.code[:4] == pd.code[:4] for x in full.get(name, ())):
            continue
        code = pd.code[:4] + f"{60 + i % 40:02d}"
        while code in by_code:          # many new names under one prefix: the next free code
            code = code[:4] + f"{(int(code[4:]) + 1) % 100:02d}"
        d = Division(name, code, 2)
        by_code[d.code] = d
        full.setdefault(name, []).append(d)
        short.setdefault(name[:-1], []).append(d)
    for nick, name in _NICKNAMES.items():
        short.setdefault(nick, []).extend(d for d in full.get(name, ()) if d.rank == 1)
    # 黔东南苗族侗族自治州 -> 黔东南, 黔东南州; 长阳土家族自治县 -> 长阳, 长阳县
    for d in list(by_code.values()):
        em = re.match(r"^(.+?)(?:" + _ETHNIC + r")+.*自治(州|县|旗)$", d.name)
        if em and len(em.group(1)) >= 2:
            for s_ in (em.group(1), em.group(1) + em.group(2)):
                if d not in short.get(s_, []):
                    short.setdefault(s_, []).append(d)
    for lst in list(full.values()) + list(short.values()):
        lst.sort(key=lambda d: d.rank)
    max_len = max(len(k) for k in full)
    lengths: dict[str, set[int]] = {}
    for k in list(full) + list(short):
        if len(k) >= 2:
            lengths.setdefault(k[:2], set()).add(len(k))
    return Gazetteer(full, short, by_code, max_len,
                     {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()})


_EXT_STOP_RE = re.compile(r"的|在|与|及|某|一|那个|这个|那边|这边|那里|这里|哪|是|了|有|到|至|向|往|去|来|被|把|给|对|为|就|"
                          r"都|也|还|又|并|其|我|你|他|她|们|里|内|外|旁|边|附近|处|等|参加|城乡|居民")
# what stands before 那边 / 一家 but is no town: an office (社保局那边), a verb (应聘一家)
_NO_TOWN = re.compile(r"[局所院厂站队部委]$|^(应聘|打工|上班|工作|干活|做|开|跑|送|找|住|租)")
_ZONE = re.compile(r"^(工业园区|经济技术开发区|经济开发区|高新技术产业开发区|高新区|经开区|开发区|产业园区?|新区)")
_UNIT = re.compile(
    r"^(?P<name>[\u4e00-\u9fffA-Za-z0-9·]{1,7}?)"
    r"(?P<unit>路街道|街道办事处|街道|镇|乡|村|社区|大道|大街|步行街|路|街|工业园区|经济开发区|高新区|经开区|开发区|"
    r"产业区|产业园|软件园|科技园|工业园|创业园|物流园|园区|渔港|港区|火车站|高铁站|汽车站|南站|北站|东站|西站|北广场|南广场|广场|湾|嘎查)")
_PROJECT_AFTER = re.compile(r"^(桥|有限|公司|集团|劳务|建设|建筑|工程|实业|科技)|^(道路)?(改造|改扩建|扩建|新建|工程|项目|工地|施工|小区|花园|花苑|家园|公寓|大厦|安置房|"
                            r"楼盘|三期|二期|一期|[0-9]+号|站点|店|门店)")
_WORKPLACE_AFTER = re.compile(r"^[^。；;！!？?，,\n]{0,12}?(厂|公司|工地|项目|工程|店|超市|医院|学校|企业|上班|打工|干活|工作|单位|仓|商场|网点|站点)")


@dataclass
class _Mention:
    start: int
    end: int
    chain: list[Division]
    ext: int
    score: float = 0.0
    levels: int = 0


def _match_at(text: str, i: int, parent: Division | None, gz: Gazetteer) -> tuple[int, Division] | None:
    """Longest division name at i (inside `parent` when there is one)."""
    for L in gz.lengths.get(text[i:i + 2], ()):
        if i + L > len(text):
            continue
        s = text[i:i + L]
        cands = []
        for d in gz.full.get(s, ()):
            cands.append(d)
        short_c = gz.short.get(s, ())
        for d in short_c:
            cands.append(d)
        if not cands:
            continue
        for d in cands:
            is_full = d.name == s
            if parent is not None:
                if d.inside(parent):
                    # a short district form may carry its own (renamed) suffix: 海门 + 区
                    if not is_full and i + L < len(text) and text[i + L] in "区县市" and d.rank == 2:
                        return L + 1, d
                    return L, d
                continue
            if is_full:
                if d.rank == 2 and s in _FULL_STOP:
                    continue
                return L, d
            if s in _SHORT_STOP:
                # 大同平城区: an everyday word is the city's short name where one of its districts follows it
                child = _match_at(text, i + L, d, gz) if d.rank == 1 else None
                if child and text[i + L + child[0] - 1:i + L + child[0]] in "区县市":
                    return L, d
                continue
            if d.rank <= 1:
                return L, d
            if d.name.endswith("市") and d.rank == 2:
                # county-level city: 常熟, 义乌, 昆山
                return L, d
            if d.rank == 2 and re.search(r"自治(县|旗)$", d.name) and s[-1] in "县旗":
                return L, d          # 威宁县, 松桃县: an autonomous county as people write it, no less plain than 宁县
    return None


def _chains(text: str) -> list[_Mention]:
    gz = gazetteer()
    out: list[_Mention] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if not ("\u4e00" <= ch <= "\u9fff"):
            i += 1
            continue
        if text[i:i + 2] not in gz.lengths:
            i += 1
            continue
        m = _match_at(text, i, None, gz)
        if not m:
            i += 1
            continue
        L, d = m
        chain, start, end = [d], i, i + L
        parts = [end]
        while True:
            nxt = _match_at(text, end, chain[-1], gz)
            if nxt is None and text[end - 1:end] == "市" and chain[-1].name.endswith("市"):
                # 枣庄市中区: the 市 also begins the district's name
                nxt2 = _match_at(text, end - 1, chain[-1], gz)
                if nxt2:
                    end = end - 1
                    nxt = nxt2
            if nxt is None and chain[-1].rank == 1:
                # a district newer than the gazetteer (杭州市临平区): take it as written
                nm = re.match(r"^([\u4e00-\u9fff]{1,3}?)(区|县)(?![\u4e00-\u9fff]{0,1}(政府|委|局|法院))", text[end:end + 5])
                if nm and not _EXT_STOP_RE.search(nm.group(1)) and nm.group(0) not in _FULL_STOP \
                        and not gz.full.get(nm.group(0)) and not gz.short.get(nm.group(1)):
                    chain.append(Division(nm.group(0), chain[-1].code[:4] + "99", 2))
                    end += nm.end()
                break
            if nxt is None:
                break
            L2, d2 = nxt
            chain.append(d2)
            end += L2
            parts.append(end)
        # finer units
        ext = 0
        while True:
            rest = text[end:end + 16]
            z = _ZONE.match(rest)
            if not z and len(chain) == 1 and ext == 0:
                z = re.match(r"^[\u4e00-\u9fff]{2,3}(新区|高新区|经开区|开发区)(?![\u4e00-\u9fff]{0,2}(综合|管廊|项目|工程))", rest)
            if z:
                end += z.end()
                ext += 1
                continue
            u = _UNIT.match(rest)
            if not u or _EXT_STOP_RE.search(u.group("name")) or u.group("unit") == "乡" and u.group("name")[-1] in "城返回下":
                # a town written without its suffix, right before 那边 / 这边 / 一家 ... (东莞长安这边, 金阳那边)
                tm = re.match(r"^(\s?)([\u4e00-\u9fff]{2,3}?)(?=那边|这边|那块|附近|一带|一个|一家|那里|这里)", rest)
                if tm and not _EXT_STOP_RE.search(tm.group(2)) and ext == 0 and not _NO_TOWN.search(tm.group(2)):
                    end += tm.end()
                    ext += 1
                break
            after = text[end + u.end():end + u.end() + 6]
            if _PROJECT_AFTER.match(after) or _PROJECT_AFTER.match(u.group("name")):
                break
            seg = u.group(0)
            if re.search(r"(部分|农村|乡村|城区|市区|郊区|道路|公路|马路|一条|那条|这条|各|所有|附近|周边)", seg):
                break
            if u.group("unit") == "湾" and not re.match(r"^[的，,。 ]", after):
                break
            end += u.end()
            ext += 1
            tail = re.match(r"^(镇|乡|街道|社区)", text[end:end + 2])
            if tail and u.group("unit") in ("街", "村", "路"):
                end += tail.end()          # 东莞市厚街镇: 厚街 is the name, 镇 the unit
        levels = len(chain)
        if len(chain) >= 2 and ext == 0 and re.match(r"^(至|到|—|-)", text[end:end + 1]) and parts:
            # 黔东南州三穗县至剑河县公路: the last division names a route's end, not the place
            chain, end = chain[:-1], parts[-2]
        out.append(_Mention(start, end, chain, ext, levels=levels))
        i = end
    return out


def normalise_chain(chain: list[Division]) -> tuple[str | None, str | None, str | None]:
    gz = gazetteer()
    low = chain[-1]
    if low.code.endswith("99"):
        city = gz.by_code.get(low.code[:4] + "00")
        prov = gz.by_code.get(low.code[:2] + "0000")
        return (prov.name if prov else None, city.name if city else None, low.name)
    prov = gz.by_code.get(low.code[:2] + "0000")
    city = gz.by_code.get(low.code[:4] + "00") if low.rank >= 1 else None
    dist = low if low.rank == 2 else None
    if city is None and low.rank == 2 and prov and prov.name in ("北京市", "上海市", "天津市", "重庆市"):
        city = prov
    if low.rank == 1:
        city = low
    if low.rank == 0 and prov and prov.name in ("北京市", "上海市", "天津市", "重庆市"):
        city = prov
    return (prov.name if prov else None, city.name if city else None, dist.name if dist else None)


def find_locations(text: str) -> list[_Mention]:
    return _chains(text)


_DEPTH_BONUS = 0.0


def pick_location(text: str, mentions: list[_Mention], inside: list[tuple[int, int]] | None = None) -> Location | None:
    inside = inside or []
    best = None
    for m in mentions:
        score = max(len(m.chain), m.levels) + 0.3 * min(m.ext, 2) + _DEPTH_BONUS * (m.chain[-1].rank == 2 and len(m.chain) == 1)
        # on a tie: a city or district rather than a bare province, the full name rather than a short form
        score += 0.05 * (m.chain[-1].rank >= 1) + 0.02 * (text[m.start:m.end].endswith(tuple("市区县州")) or m.ext > 0)
        if _WORKPLACE_AFTER.match(text[m.end:]):
            score += 0.5
        if any(s <= m.start and m.end <= e for s, e in inside):
            score -= 0.2
        before = text[max(0, m.start - 6):m.start]
        if re.search(r"(现在在|现在跟我在|现居|住在|长住|回到|回了|回老家|现已回到|目前在)[^，,。]{0,3}$", before):
            score += 0.3
        elif re.search(r"(从|来自|老家|户籍在|户口在|户籍|籍贯|原籍|出生在|老家是)\s?$", before) or \
                re.match(r"^人(?![社民事力员])", text[m.end:m.end + 2]):
            score -= 0.6
        m.score = score
        if best is None or score > best.score + 1e-9:
            best = m
    if best is None:
        return None
    p, c, d = normalise_chain(best.chain)
    return Location(text[best.start:best.end], best.start, best.end, p, c, d)
