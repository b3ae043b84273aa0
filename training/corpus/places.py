"""Real place names (cpca's table of Chinese administrative divisions) and made-up streets.

A place is drawn as province / prefecture city / district-or-county; streets, towns,
villages, roads and industrial parks are composed from common name parts. `Place.render`
writes the location the way people do: 合肥市蜀山区, 合肥蜀山区, 蜀山区井岗镇, 昆山千灯镇,
安徽省合肥市蜀山区, 杭州 ...
"""
from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# weight of each province (12345 traffic skews to populous provinces; every one appears)
PROVINCE_WEIGHT = {
    "34": 9, "32": 9, "33": 9, "37": 8, "44": 8, "41": 7, "35": 6, "42": 6, "43": 6, "51": 6,
    "13": 5, "36": 5, "31": 5, "11": 5, "50": 4, "12": 3, "21": 4, "61": 4, "45": 4, "53": 3,
    "52": 3, "14": 3, "22": 3, "23": 3, "15": 2, "62": 2, "46": 2, "64": 1, "63": 1, "65": 1, "54": 1,
}
MUNICIPALITIES = {"11", "12", "31", "50"}

STREET_ROOTS = (
    "城关 新华 人民 解放 建设 长江 黄河 东风 朝阳 幸福 和平 胜利 光明 中山 文化 滨江 迎宾 工业 南湖 西湖 "
    "东湖 北苑 金桥 梅林 桃园 柳营 杨庄 李集 王店 张湾 高桥 石桥 花园 青山 白沙 黄村 马桥 双桥 新城 古城 "
    "河西 城东 城南 城北 城西 龙泉 凤凰 永安 太平 安乐 长安 兴隆 金山 银河 丰乐 富民 清河 柳林 三里 五里 "
    "七里 十里 汤山 桥头 沙河 新塘 大营 黄庄 陈店 刘集 孙圩 赵庄 周巷 吴店 徐庄 胡集 郭庄 何桥 罗村 高新 "
    "园林 湖滨 江湾 海滨 临港 望江 宝山 松林 枫林 杏林 荷花 莲塘 竹园 梨园 杨柳 桑园 麻港 秦淮 观音 龙湖"
).split()
ROAD_SUFFIX = ("路", "路", "大道", "街", "大街", "东路", "西路", "南路", "北路")
ZONES = ("经济开发区", "经开区", "高新区", "工业园区", "工业园", "产业园", "开发区", "物流园")
VILLAGE_TAIL = ("村", "村", "社区", "村委会")


@dataclass(frozen=True)
class Division:
    prov: str      # 安徽省
    city: str      # 合肥市 (the province name for municipalities)
    dist: str      # 蜀山区
    muni: bool


@lru_cache(maxsize=1)
def divisions() -> tuple[tuple[Division, ...], tuple[float, ...]]:
    import cpca
    path = Path(cpca.__file__).parent / "resources" / "adcodes.csv"
    with open(path, encoding="utf-8") as fh:
        rows = sorted(csv.DictReader(fh), key=lambda r: r["adcode"])
    names = {r["adcode"]: r["name"] for r in rows}
    out: list[Division] = []
    weights: list[float] = []
    for code, name in names.items():
        if code[6:] != "000000" or code[4:6] == "00":
            continue
        p2 = code[:2]
        if p2 not in PROVINCE_WEIGHT:
            continue
        if len(name) > 5 or name.endswith(("岛", "域", "矿区")) or "自治" in name or name in ("市辖区",):
            continue
        prov = names.get(p2 + "0" * 10)
        city = names.get(code[:4] + "0" * 8)
        muni = p2 in MUNICIPALITIES
        if muni:
            city = prov
        if not prov or not city or city == "市辖区" or "自治" in city or city.endswith(("盟", "地区")):
            continue
        out.append(Division(prov, city, name, muni))
        weights.append(PROVINCE_WEIGHT[p2])
    # spread each province's weight over its districts
    per_prov: dict[str, int] = {}
    for d in out:
        per_prov[d.prov] = per_prov.get(d.prov, 0) + 1
    weights = [w / per_prov[d.prov] ** 0.5 for d, w in zip(out, weights)]
    return tuple(out), tuple(weights)


def short_prov(p: str) -> str:
    for suf in ("壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省", "市"):
        if p.endswith(suf):
            return p[: -len(suf)]
    return p


def short_city(c: str) -> str:
    return c[:-1] if c.endswith("市") and len(c) > 2 else c


def short_dist(d: str) -> str:
    # 昆山市 -> 昆山, 鄞州区 -> 鄞州 (only where two characters remain)
    if len(d) >= 3 and d[-1] in "区县市":
        return d[:-1]
    return d


@dataclass
class Place:
    div: Division
    town: str
    village: str
    road: str
    zone: str

    @property
    def city_short(self) -> str:
        return short_city(self.div.city)

    def render(self, rng: random.Random, oral: bool, grain: str | None = None) -> str:
        """The location as a caller or operator writes it."""
        d = self.div
        g = grain or rng.choice(
            ("city_dist", "city_dist", "city_dist", "cityS_dist", "dist", "prov_city_dist", "city",
             "city_dist_town", "dist_town", "city_dist_road", "city_dist_zone", "distS_town", "dist_town_village")
            if not oral else
            ("cityS_dist", "cityS_distS", "cityS_distS", "dist", "cityS", "cityS_dist", "distS_town",
             "dist_town", "cityS_dist_road", "provS_cityS_distS", "dist_town_village"))
        city = d.city if not d.muni else short_city(d.city) + "市"
        cityS = short_city(d.city)
        dist, distS = d.dist, short_dist(d.dist)
        if g == "city_dist":
            return city + dist
        if g == "cityS_dist":
            return cityS + dist
        if distS == cityS:
            distS = dist
        if g == "cityS_distS":
            return cityS + distS
        if g == "dist":
            return dist
        if g == "prov_city_dist":
            return (d.prov + dist) if d.muni else d.prov + d.city + dist
        if g == "provS_cityS_distS":
            return (short_prov(d.prov) + distS) if d.muni else short_prov(d.prov) + cityS + distS
        if g == "city":
            return city
        if g == "cityS":
            return cityS
        if g == "city_dist_town":
            return city + dist + self.town
        if g == "dist_town":
            return dist + self.town
        if g == "distS_town":
            return distS + self.town
        if g == "city_dist_road":
            return city + dist + self.road
        if g == "cityS_dist_road":
            return cityS + dist + self.road
        if g == "city_dist_zone":
            return city + dist + self.zone if not self.zone.startswith(dist) else city + self.zone
        if g == "dist_town_village":
            return dist + self.town + self.village
        return city + dist


def draw_place(rng: random.Random) -> Place:
    divs, weights = divisions()
    div = rng.choices(divs, weights=weights, k=1)[0]
    r1, r2, r3 = rng.sample(STREET_ROOTS, 3)
    town = r1 + rng.choice(("街道", "镇", "镇", "街道", "乡"))
    village = r2 + rng.choice(VILLAGE_TAIL)
    road = r3 + rng.choice(ROAD_SUFFIX) + (f"{rng.randint(1, 399)}号" if rng.random() < 0.3 else "")
    zone = rng.choice((short_dist(div.dist) + rng.choice(ZONES[:3]), r2 + rng.choice(ZONES[3:]), rng.choice(ZONES)))
    return Place(div, town, village, road, zone)
