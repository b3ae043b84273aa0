"""Organisations in a text and the employer among them (the organisation owing / violating).
The contractor (contractors.py) and the project (projects.py) build on what is found here.

Exact rules: organisation names end in a known suffix (有限公司, 厂, 超市, 医院 ...) and
start after a stop word or a role word (用工单位为, 总承包, 劳务分包给); a leading
address (城市+区县 ...) is not part of the name. Names introduced by 叫 / 名为 and names
in quotes are taken as written. Project names end in 工地 / 项目 / 工程 / 标段.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from service.extract import places
from service.normalise import CLAUSE_PUNCT


@dataclass
class Span:
    text: str
    start: int
    end: int
    source: str = "rule"

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "source": self.source}


ORG_SUFFIX = ("茶楼|茶馆|酒家|饭庄|大排档|排档|会所|棋牌室|网吧|养殖场|农场|砖厂|股份有限公司|有限责任公司|集团有限公司|有限公司|集团公司|分公司|总公司|公司|集团|事务所|合作社|工作室|"
              "加工厂|制品厂|工厂|厂|作坊|超市|商场|商店|专卖店|门店|分店|饭店|酒店|宾馆|餐厅|餐馆|饭馆|酒楼|食堂|火锅店|"
              "烧烤店|奶茶店|药店|药房|店|医院|卫生院|诊所|学校|小学|中学|幼儿园|学院|大学|培训中心|职介所|服务部|"
              "经营部|门市部|营业部|分部|中介所|劳务中介|中介|家政|物业|传媒|鞋业|精密|人力|物流|网点|车行|驾校|养老院|敬老院|俱乐部|"
              "水产|五金|汽配|硅业|矿业|纸业|灯饰|骑手站点|配送站点|民宿|分拨中心|转运中心|托管班|煤业|果业|林场|茶坊|手机铺|手机舖|铺|舖|介绍所|货运站|煤矿|石场|KTV|配送站|电子|汽修|客栈|旅馆|旅店|ktv|洗浴中心|土菜馆|菜馆|装饰|科技|养生馆|美容院|面馆|路桥(?![下上头边旁口])|水务")
_ORG_RE = re.compile(rf"(?:{ORG_SUFFIX})")
_NAME_CH = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·&]")
_PROVINCE_SHORT = {"北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "江苏", "浙江", "安徽", "福建", "江西", "山东",
                   "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "内蒙", "广西",
                   "西藏", "宁夏", "新疆", "香港", "澳门"}
_STOP_CH = set("的在为由给了是到被与及从其原叫对把将跟找去说我你他她们于让要就也还又但而称等这那该个所旁如"
               "有称帮替当做干往来喺嘅係咗着嗰向因受哋")
_DETERMINERS = re.compile(r"(一家|这家|那家|哪家|某家|每家|几家|两家|好几家|一个|这个|那个|一所|这所|那所|该|某|一间|一座|家里|"
                          r"我们|他们|咱们|本|其他|多家|各|个|很多|任何|所有|哪个|什么|一处|这处|那处|一间|那间|这间|一栋|处|间)$")
# characters firms choose to start their names with (鑫达, 嘉华, 恒通, 永丰 ...): after 那个 / 这个 they
# tell a name (那个鑫达电子厂) from a description (那个汽车配件厂)
_BRAND_CH = set("鑫鼎嘉恒盛顺宏兴泰源永富康佳丰豐利祥瑞昌隆捷德福旺益博弘晟锦伟振航翔腾荣耀辉金银华达星创羽艺"
                "云帆乐美新天宇龙凤海东方南北中正大长亿万千百众合和信诚通远鸿汇联腾凯润")
_BAD_NAME = re.compile(r"[了过然候很被收走刚打拨已次没也还就说让想要请问吗呢吧啊哦嗯某]|不(?!锈)|按(?!摩)|能否|一下|协调|介绍(?!所)|包进|告知|乜嘢|什么|^招(?!商|银)|^人家|^[一二两三四五六七八九十几]家$|家住|里头|另外|^欠|^一(?=[\u4e00-\u9fff]{2,5}$)|好像|这个|那个|督促|中介招|招聘|才晓得|晓得|知道|\d年|\d月|任何|很多|自己|同行|期间|发现|按照|根据|通过|对于|关于|以后|退回|要求|求|建议|一处|这处|那处|一间|这间|那间|之后|以前|之前|现在|目前|当时|社保|工资|我们|他们|工头|项目部和")
_ROLE_WORDS = re.compile(r"(承包方|承包人|施工单位|总包单位|总承包单位|承建单位|建设单位|用工单位|派遣单位|劳务分包单位|分包单位|配送商|供应商|服务商|外包商|发包方|发包单位|"
                         r"劳务分包方|劳务分包|分包方|分包商|承包商|总包方|总包商|总承包方|总承包|总包|分包|施工方|劳务公司|开发商|"
                         r"建设方|甲方|乙方|原单位|单位|公司名称|名称|厂名|厂家|负责人|老板|派遣到|派遣至|被派遣|入职|就职|"
                         r"任职|上班|承包给|转包给|委托|聘用|招用|雇用|受雇于|通过|经由|经过|经人|参加|应聘|加入|进入|进了|签的是|签了|例如|比如|"
                         r"信访事项|反映过|举报过|投诉过|反映|举报|投诉|来电人|市民|关于|与|及|跟|附近|旁边|对面|隔壁|楼下|县城(?!投|发|建|管|乡)|城区|市区|镇上(?!海|饶|虞)|今年|去年|前年|暑期|暑假|寒假|当时|后来|(?<!金)属|裁决|判决|责令|起诉|督促|协调|联系)")
_GOV = re.compile(r"(人社局|社保局|社保中心|医保中心|医保局|公积金中心|住建局|教育局|信访局|劳动监察|法院|检察院|派出所|公安局|"
                  r"政府|居委会|村委会|街道办|管委会|税务局|市场监管局|工会|仲裁委|人民医院就诊)")
_GENERIC_NAME = re.compile(r"^(省|市|区|县|镇|村)?(重点|市政|民生|政府投资|政府|财政|交通|水利|PPP|招商引资|国有|国营|民营|私营|"
                           r"个体|小|大|新|老|本地|外地|附近|隔壁|楼下|对面|厂房|装修|建筑|施工|劳务|外包|派遣|物业|热力|"
                           r"快递|物流|电子|服装|家具|鞋|纺织|眼镜|软件|外贸|餐饮|汽车|培训|职业培训|保险|房产|开发|"
                           r"中介|人力|直播|保安|黑|公立|私立|民办|公办|乡镇|乡村|农村|工|一|重点交通|省重点交通|重点民生|"
                           r"市里的|区里的|县里的|城区|城里|镇上|村里|当地|附近的|小区|楼下|街边|路边|银行|中小|中小学|小作|"
                           r"人民|派遣|人力资源|道路|改造|扩建|新建|拆迁|园林|绿化|厂房扩建|家具|五金|塑胶|皮具|鞋|石材|砖|钢结构|机械|食品|化工|制衣|毛织|木材|木业|印刷|包装|纸箱|"
                           r"控股|国有控股|家纺|互联网|网络|科技|信息|陶瓷|印染|汽配|汽修|保洁|环卫|家政|装卸|外卖|配送|劳务|化妆品|服饰|烘焙|小吃|面馆|"
                           r"一名|一位|种|承包|学生|市里|县里|区里|露天|退钱|下属|开|焦化|供热|供暖|路桥|燃气|供水|供电|上面|上头|社区|乳品|花炮|烟花|鞭炮|袜子|加工|家庭|棉花|海参|海鲜|轧花|新材料|创业|小微企业|完工后|县城|建工|洗煤|罐头|美发|石料|牛仔裤|洗水|印染|开户|乡里|内衣|偏远|城投|免费|地毯)+$")
# words that describe a workplace rather than name it (那个汽车配件厂, 那家海鲜加工厂): what is left of a name
# after them, if anything, is its own name (那个椰风度假酒店)
_DESCRIPTOR = re.compile(r"汽车|汽摩|配件|零部件|电子|服装|制衣|鞋|家具|五金|塑料|塑胶|食品|海鲜|海产品|水产|加工|机械|化工|印刷|包装|"
                         r"纺织|玩具|建材|装饰|装修|物流|快递|外卖|餐饮|火锅|烧烤|奶茶|面包|美容|美发|理发|足浴|洗浴|网吧|养殖|种植|"
                         r"砖|水泥|石料|木材|钢材|家政|保洁|保安|物业|中介|劳务|培训|手机|电脑|数码|汽修|汽配|电器|灯饰|陶瓷|眼镜|"
                         r"珠宝|首饰|化妆品|服饰|箱包|皮具|软件|科技|网络|信息|私人|个体|民营|私营|小型|大型|小|大|新|黑|"
                         r"本地|外地|附近|隔壁|楼下|对面|公立|私立|民办|区级|县级|市级|国企|子|半导体|光伏|新能源|连锁|便利|生鲜|"
                         r"材料|耐火|制品|设备|仪器|模具|注塑|喷漆|电镀|钢结构|药|医疗|器械|纸|纸箱|印染|毛织|木业|石材|家纺|仓库|车间|厂房")
LABOUR = re.compile(r"工资|工钱|公资|薪|上班|打工|干活|员工|职工|工人|农民工|民工|入职|辞退|辞职|离职|加班|社保|劳动|工伤|"
                    r"童工|招聘|招工|雇|派遣|岗位|工作|骑手|跑单|工地|包工头|高温|试用期|公积金|年假|产假|护士|老师|教师|"
                    r"代课|录用|面试|裁员|补偿金|厂里|合同|未满16|童工|主播|干了|做了|夜班|分拣|计件|罚款|矿工|井下|作业|"
                    r"程序员|任职|职位|岗|工龄|离职|全勤|提成|底薪|绩效|奖金|店员|帮工|学徒|保姆|月嫂|厨师|服务员|收银|导购|"
                    r"活干|返工|出粮|人工|工友|班组|带班|瓦工|钢筋|木工|油工|小工|水电工|杂工|搬运|装卸|分拣|送餐|外卖|快递员|"
                    r"站长|店长|主管|人事|车间|打卡|考勤|育儿嫂|护工|保洁|保安|请了我们|雇了我们|招了我们|干满|做满|矿工|下井")


def _overlaps(s, e, blocked):
    return any(s < be and bs < e for bs, be in blocked)


# stop characters that open a word inside a name: 干堤 / 干流 / 干渠 (the main dike, stream, canal), 还建 (resettlement housing),
# 好帮手 / 好帮嫂 (a housekeeping agency's name)
_WORD_OPENED_BY = {"干": "堤流渠线", "还": "建", "帮": "手嫂", "向": "阳日荣前华东", "如": "意", "有": "限"}
# a stop word that ends a word firms put in their names (启航未来教育科技有限公司)
_WORD_CLOSED_BY = {"来": "未", "干": "查"}


def _char_at_in(text: str, i: int, chars: str) -> bool:
    """Whether the character at i is one of `chars`; false past the end (where text[i:i + 1] is "", and
    "" in chars would be true)."""
    return 0 <= i < len(text) and text[i] in chars


def _place_opens_at(text: str, i: int) -> bool:
    ms = places.find_locations(text[i:i + 8])
    return bool(ms) and ms[0].start == 0 and ms[0].end >= 3


def _scan_left(text: str, end: int, limit: int = 30) -> int:
    """Start of the name that ends at `end` (exclusive)."""
    i = end
    lo = max(0, end - limit)
    while i > lo:
        ch = text[i - 1]
        if ch == ")":
            # 某某物流(武汉)有限公司: a place in brackets inside a registered name
            pm = re.search(r"\(([\u4e00-\u9fff]{2,4})\)$", text[max(0, i - 7):i])
            if pm and i - len(pm.group(0)) > 0 and _NAME_CH.match(text[i - len(pm.group(0)) - 1]):
                i -= len(pm.group(0))
                continue
            break
        if ch == "#" or ch == "、" and text[i - 2:i - 1] == "#":
            i -= 1          # 二期3#、5#楼工地
            continue
        if not _NAME_CH.match(ch):
            break
        if ch == "原" and (i >= 2 and text[i - 2] in "中太平高草固九五陇" or _char_at_in(text, i, "州阳")):
            i -= 1          # 中原, 太原, 固原: a place word in the name, not 原 (former)
            continue
        if _char_at_in(text, i, _WORD_OPENED_BY.get(ch, "")):
            i -= 1          # 长江干堤, 汉西湖畔还建房: a word, not the stop word 干 / 还
            continue
        if ch == "以" and text[i - 2:i - 1] == "某" or ch == "内" and text[i - 2:i - 1] in ("区", "园") and text[i:i + 2] != "蒙古":
            break          # 李某某以X名义, 高新区内X: the name starts after
        if i >= 2 and text[i - 2] in _WORD_CLOSED_BY.get(ch, ""):
            i -= 2          # 未来: a word, not the stop word 来
            continue
        if ch in _STOP_CH and _place_opens_at(text, i - 1):
            i -= 1          # 于都县, 那曲市: a place whose first character is also a stop word
            continue
        if ch in _STOP_CH or ch == "系" and text[i:i + 1] not in ("统", "列"):
            break
        if ch == "边" and text[i - 2:i - 1] in ("那", "这", "旁"):
            break          # 那边宏达汽修厂
        if ch in "家间" and i - 2 >= 0 and text[i - 2] in "一这那哪某每几两好多了嗰":
            break          # 那家 / 嗰间 before a name
        if ch == "和" and re.search(r"(公司|厂|我|们|人)$", text[max(0, i - 3):i - 1]):
            break
        if ch == "都" and text[i - 2:i - 1] == "们":
            break
        if ch in "年月日" and i - 2 >= 0 and (text[i - 2].isdigit() or text[i - 2] in "一二三四五六七八九十"):
            break
        i -= 1
    return i


def _strip_address(text: str, s: int, e: int) -> int:
    """Move the start past a leading address (city+district[+street]) inside a name."""
    head = text[s:e]
    ms = places.find_locations(head)
    if ms and ms[0].start == 0:
        m = ms[0]
        rest = e - (s + m.end)
        tail = head[len(m.chain) and 0:m.end]
        town = bool(m.ext) and re.search(r"(镇|乡|街道|村|开发区|园区|高新区|经开区|产业区|步行街)$", tail) or \
            m.ext >= 2 and re.search(r"(路|街|大道|大街)$", tail)         # 中山市小榄镇升平路|衣品坊服装店
        brand = len(m.chain) == 2 and m.chain[0].rank == 0 and m.chain[1].rank == 2 and not town \
            and not re.search(r"[县区市旗]$", head[:m.end])
        if brand:
            return s          # 湖南嘉禾房地产开发有限公司: province + a county word is a firm's name, not its address
        if (max(len(m.chain), m.levels) >= 2 or town) and rest >= 4:
            return s + m.end
    return s


@dataclass
class _Org:
    start: int
    end: int
    name: str
    role: str        # "employer" / "contractor" / ""
    how: str         # "suffix" / "called" / "quoted"


_CALLED = re.compile(r"(?:叫做|叫作|名叫|名为|叫)\s?(?:那个什么|那个|什么|啥子|啥|乜嘢)?\s?(?:叫\s?)?(?:什么|啥子|啥|乜嘢)?\s?(?P<name>[\u4e00-\u9fffA-Za-z0-9·]{2,16}?)"
                     r"(?=\s?的\s?[\u4e00-\u9fff]{0,4}?(?P<head>中介|公司|厂|工地|楼盘|项目|小区|直播公司|店|超市|酒店|餐馆|饭店|工程|车间|民宿|客栈|茶楼|作坊)"
                     r"|的|还是|或者|[\s，。,！？!?；;]|$)")
_IS_NAMED = re.compile(r"(?:外包公司|劳务公司|派遣公司|保洁公司|物业公司|人力公司|中介公司|公司|厂子|厂家|门店|单位)(?:的)?(?:名称|名字)?(?:是|为)"
                       r"(?P<name>[\u4e00-\u9fffA-Za-z0-9·]{2,16}?)(?=[\s，。,；;！？!?]|$)")
_QUOTED = re.compile(r"[“\"「『‘](?P<name>[^”\"」』’]{2,20})[”\"」』’]")


_PLATFORM = re.compile(r"(美团|饿了么|蜂鸟|闪送|达达|顺丰|京东|菜鸟|滴滴|货拉拉|中通|圆通|申通|韵达|极兔|百世|德邦|"
                       r"盒马|叮咚|朴朴)(外卖|快递|速递|速运|物流|优选|买菜)?"
                       r"(?:(?:(?!的)[\u4e00-\u9fff]){2,4}?(?:站点|配送站|网点|站)(?![\u4e00-\u9fff]{0,1}(?:长|点的))|"
                       r"(?=[在的\s,，。、;；!！?？]|$)(?!的?(?:平台|客服|总部)))")


_LEAD_WORD = re.compile(r"(?<=是)和|队伍|企业(?=[\u4e00-\u9fff]{2,3}(省|市|县|区)?)|责成|督促")


# “老绥远烧麦馆”做服务员, 机构“启明星教育”的英语老师: a quoted workplace the writer works at
_WORKS_AT_QUOTED = re.compile(r"^\s?(做|上班|打工|工作|担任|兼职|干活|当|任职|的[\u4e00-\u9fff]{0,3}?(老师|员工|服务员|厨师|店员|保安|保洁|司机|教练|导购|收银员)|"
                              # “巴蜀老灶”火锅干了三个月, “老马家手抓”欠我两个月工资: a shop by its kind, or the one that owes
                              r"(火锅|烧烤|串串|奶茶|面馆|小吃|酒吧|网吧|美容|美发|理发|足浴|便利店|药房|诊所|民宿|客栈)|(欠|拖欠|克扣)(了)?(我|俺|我们|其))")
_SITE_NAME = re.compile(r"(小区|花园|苑|府|城|广场|大厦|工地|项目|工程|家园|公寓|楼盘|大道|路|街|镇|村|期)$")


def find_orgs(text: str, blocked: list[tuple[int, int]] | None = None) -> list[_Org]:
    blocked = blocked or []
    out: list[_Org] = []
    seen_end: set[int] = set()
    for m in _QUOTED.finditer(text):
        name = m.group("name")
        after = text[m.end():m.end() + 8]
        if re.search(rf"(?:{ORG_SUFFIX}|中介|人力|劳务)$", name) or \
                re.match(rf"^的?[\u4e00-\u9fff]{{0,4}}?(?:{ORG_SUFFIX}|中心|馆|招牌|牌子)", after) or \
                re.search(r"(叫|名叫|叫做|招牌是|牌子是|招牌名|招牌叫|招牌为|牌子叫|牌子写的|牌子上写的|店名是?|店名叫|那家|一家|这家|那间)\s?$", text[max(0, m.start() - 4):m.start()]) or \
                _WORKS_AT_QUOTED.match(after) and not _SITE_NAME.search(name):
            if re.search(r"[，,。！!？?、]", name) or \
                    re.search(r"(工地|项目|楼盘|小区|工程)(名字)?(叫做|叫|是)\s?$", text[max(0, m.start() - 6):m.start()]) or \
                    re.match(r"^的?\s?(楼盘|工地|项目|小区|工程)", after):
                continue          # 工地叫“少荃湖三期”: a site's name
            sm = re.search(rf"(?:{ORG_SUFFIX}|中介|人力|劳务)$", name)
            if sm and (len(name) - len(sm.group(0)) < 2 or _GENERIC_NAME.match(name[:sm.start()])):
                continue
            out.append(_Org(m.start("name"), m.end("name"), name, "", "quoted"))
            seen_end.add(m.end("name"))
    suffix_cands: list[_Org] = []
    for m in _ORG_RE.finditer(text):
        e = m.end()
        if e in seen_end or any(o.start <= m.start() < o.end for o in out):
            continue
        if text[max(0, m.start() - 2):m.start()] == "公司" and m.group(0) in ("门店", "分店", "店", "网点", "分部", "营业部"):
            continue          # 老灶头餐饮管理有限公司门店: the company's shop, named by the company
        if not m.group(0).endswith(("公司", "集团")) and \
                re.match(r"^(?:(?!旁|对面|隔壁|和|与|的|在|是|及)[\u4e00-\u9fff]){0,4}?(有限(责任)?公司|股份有限公司|集团|公司)", text[e:e + 12]):
            continue          # 博步鞋业有限公司, 鼎讯精密电子有限公司: the registered form goes on
        if m.group(0) in ("煤业", "果业", "路桥", "水务", "汽修", "汽配") and re.match(r"^[\u4e00-\u9fff]{0,3}(厂|公司|有限|集团)|^劳务(?!公司|中介)", text[e:e + 6]):
            continue          # 兴旺源煤业洗选厂: the name goes on
        if m.group(0) == "物流" and re.match(r"^[企公园仓行站网中基有集分总司业]", text[e:e + 1]):
            continue          # 物流企业, 物流园: a kind of firm or place, not the end of a name
        if m.group(0) == "大学" and re.match(r"^(生|毕业|刚毕业|读|上|时|城)", text[e:e + 3]) or \
                m.group(0) in ("铺", "舖") and (_char_at_in(text, e, "设路开满张作装") or text[m.start() - 1:m.start()] == "摊") or \
                m.group(0) == "厂" and _char_at_in(text, e, "名址牌"):
            continue          # 大学生, 大学毕业; 铺设, 铺路: no name ends there
        if m.group(0) in ("电子", "科技") and re.match(r"^[\u4e00-\u9fff]", text[e:e + 1]) and not _ORG_RE.match(text[e:e + 6]):
            continue          # 医保电子凭证: a word, not the end of a name (鸿达精密电子 / 鸿达电子厂 are names)
        if m.group(0) in ("厂", "店", "公司") and re.match(r"^(里|子|长|家|方|房|门口|内|外|区|县|市|镇|路|老板|的人|员(?!工))", text[e:e + 2]):
            if not re.match(r"^(的人)", text[e:e + 2]) or m.group(0) != "公司":
                continue
        s0 = s = _scan_left(text, m.start())
        if m.start() - s < 2:
            continue
        # 厂名叫宁波市海曙区锦衣坊服饰加工厂: the name as given, address and all
        s_named = s if re.search(r"(厂名|店名|公司名|名称|全称|全名)(叫做|叫|是|为)?(啥|什么)?\s?$", text[max(0, s - 7):s]) \
            else _strip_address(text, s, e)
        # 南充嘉陵鑫城建筑劳务有限公司: a registered company's name opens with its city and district, unless
        # what is left opens with a place of its own (无锡市新吴区|无锡拓邦...) or a street or town comes first
        rest_locs = places.find_locations(text[s_named:e]) if s_named > s else []
        # 长春市朝阳区|长春宏图物业…, 海口市美兰区|海南安泰保安…: the name opens with its own city or province
        own_place = s_named > s and (text[s_named:s_named + 2] in _PROVINCE_SHORT
                                     or text[s_named:s_named + 2] == text[s:s + 2])
        if not (re.search(r"(有限公司|有限责任公司)$", m.group(0)) and s_named > s
                and not (rest_locs and rest_locs[0].start == 0) and not own_place
                and not re.search(r"(镇|乡|街道|路|街|村|大道|号|园区|开发区|高新区|工业园|产业园)", text[s:s_named])):
            s = s_named
        # role words inside the scanned stretch: keep what follows the last one
        rm = None
        for r in _ROLE_WORDS.finditer(text[s:m.start()]):
            if m.start() - (s + r.end()) >= 2:
                rm = r
        # a name never runs across another firm's suffix
        cut = [] if m.group(0) == "分公司" else [c.end() for c in re.finditer(r"公司|集团", text[s:m.start()])]
        if cut and (rm is None or cut[-1] > rm.end()) and m.start() - (s + cut[-1]) >= 2:
            s = s + cut[-1]
            rm = _ROLE_WORDS.match(text[s:m.start()])
            if rm:
                s = s + rm.end()
            rm = rm or True
        elif rm:
            s = _strip_address(text, s + rm.end(), e)
        elif s == s0 and _DETERMINERS.search(text[max(0, s - 4):s].rstrip()) and not text[max(0, s - 2):s] == "某某" \
                and not (m.start() - s >= 2 and re.search(r"(那个|这个|那家|这家|那间|这间|嗰间)$", text[max(0, s - 4):s].rstrip())
                         and (text[s] in _BRAND_CH or len(_DESCRIPTOR.sub("", text[s:m.start()])) >= 2)):
            continue          # 一家面包店, 那个汽车配件厂: a kind of workplace; 那个鑫达电子厂, 那家老四季面馆: a name
        if m.start() - s < 2:
            continue
        name_part = text[s:m.start()]
        if _GENERIC_NAME.match(name_part) or _GOV.search(text[s:e]):
            continue
        head_locs = places.find_locations(name_part)
        if head_locs and head_locs[0].start == 0 and (_GENERIC_NAME.match(name_part[head_locs[0].end:] or "的") or len(name_part) - head_locs[0].end < 2):
            continue          # 深圳龙华电子厂, 广西中小学: a place and a kind of workplace, no name
        if re.search(r"(医院|学校|公司|厂|店|县城|城区|市区|单位|药店|超市)(和|与|及|或)", name_part):
            continue          # 医院和药店, 县城和学校: a list of places, no name
        if (name_part.startswith("城") and text[s - 1:s] == "县" or name_part.startswith("中") and text[s - 1:s] == "其") \
                and len(name_part) >= 3:
            s += 1          # 祥云县城|老滇味餐馆, 其中|高安市恒泰陶瓷 (a project keeps 霍邱县|城西湖…: a lake)
            name_part = name_part[1:]
        registered = re.search(r"有限(责任)?公司$", m.group(0))
        if name_part.startswith("经") and len(name_part) >= 3:
            s += 1          # 经无锡市梁溪区好帮手家政服务部: the address after 经 goes too, unless the name is registered
            s = s if registered else _strip_address(text, s, e)
            name_part = text[s:m.start()]
        hired = list(re.finditer(r"(?<=[人民工员安友起])[经受]|^(什么|那个|啥子|啥|它|之|归|随|本镇|本村|本县|本市|本区)|^[一二三四五六七八九十\dBF负]{1,2}楼(?=[\u4e00-\u9fff]{3})|(?<=[园区城])[内里](?!蒙古)|^[\u4e00-\u9fff]{2,4}(社区|街道)(?=[\u4e00-\u9fff]{4})", name_part))
        if hired and len(name_part) - hired[-1].end() >= 2:
            s += hired[-1].end()          # 同村30余名村民经宁夏顺达劳务…, 叫什么兴旺乌鸡…, 保洁员受X派遣, 工业园内X, 霄边社区X: the name starts after
            name_part = text[s:m.start()]
        zone = list(re.finditer(r"(工业园区?|工业区|工业城|工业集中区|产业园|开发区|物流园|科技园|高新区|园区|基地)", name_part)) if registered else []
        after_zone = name_part[zone[-1].end():] if zone else ""
        opens_with_place = len(after_zone) >= 4 and [p.start for p in places.find_locations(after_zone)][:1] == [0]
        if opens_with_place:
            s += zone[-1].end()          # 金砂湾工业园|九江华瑞船舶重工有限公司: a registered name opens with its own place
            name_part = after_zone
        elif registered and len(name_part) >= 8:
            ms = places.find_locations(name_part)
            if len(ms) >= 2 and ms[-1].start >= ms[0].end and len(name_part) - ms[-1].start >= 4 and \
                    re.search(r"(区|县|市|镇|街道|社区|园)$", name_part[:ms[-1].start]):
                s += ms[-1].start        # 长春市朝阳区|长春宏图物业服务有限公司: an address, then the name's own place
                name_part = text[s:m.start()]
        # 合同是和西宁众诚劳务派遣有限公司签的, 分包队伍内蒙古路通…: a word before the name, not its start
        lead = _LEAD_WORD.match(text, s) if len(name_part) >= 5 else None
        if lead:
            s = lead.end()
            name_part = text[s:m.start()]
        if re.match(r"^[\d.]|^份", name_part) or "万元" in name_part or re.match(r"^资源和社会保障", text[e:e + 7]):
            continue          # 4.8万元劳务公司, 10月份劳务公司, 黄石市人力资源和社会保障局: no firm's name
        if name_part[0] in "和同与及" and (len(name_part) < 3 or _GENERIC_NAME.match(name_part[1:])):
            continue
        if re.match(r"^(部分|一些|有些|多家|几十家|几家|各|依家|山区|农村|乡村|今年|去年|前年|文件)", name_part):
            continue          # 部分民办学校, 几十家工厂, 依家厂 (Cantonese: now the works…): no name
        if _BAD_NAME.search(name_part.replace("某某", "")) and not name_part.startswith("某某"):
            continue
        if re.search(r"[进出回到去开在上下]$|^[间处个所座栋]|安排|第[一二三四五六七八九十\d]+天|^[一二三四五六七八九十\d]+[多来余]?天", name_part):
            continue
        whole = places.find_locations(text[s:e])
        if whole and whole[0].start == 0 and whole[0].end == e - s:
            continue          # 驻马店: a city, not a shop
        if name_part.startswith("某") and not name_part.startswith("某某"):
            continue
        if _overlaps(s, e, blocked):
            continue
        suffix_cands.append(_Org(s, e, text[s:e], "", "suffix"))
    # 湖南味之都餐饮集团股份有限公司株洲天元分公司: a branch written after its parent is one name
    for m in re.finditer(r"(项目经理部|项目部)", text):
        firm = next((p for p in suffix_cands if 0 < m.start() - p.end <= 16 and re.search(r"(公司|集团)$", p.name)
                     and re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9·\-]*", text[p.end:m.start()])
                     and not re.search(r"[的在向给对把被]", text[p.end:m.start()])), None)
        if firm is not None:          # 蜀通路桥建设集团有限公司昭乐高速公路ZL5标项目部: the firm's site office, one name
            firm.end, firm.name = m.end(), text[firm.start:m.end()]
    for o in suffix_cands:
        if o.name.endswith("分公司"):
            parent = next((p for p in suffix_cands if p is not o and p.start < o.start < p.end <= o.end - 3), None)
            if parent is not None:
                o.start, o.name = parent.start, text[parent.start:o.end]
    # a suffix inside a longer name (精密 in 无锡拓邦精密电子有限公司) is not a name of its own
    for o in suffix_cands:
        if any(p is not o and p.start <= o.start and o.end <= p.end and (p.end - p.start) > (o.end - o.start)
               for p in suffix_cands):
            continue
        out.append(o)
    # 美团棠下站, 饿了么, 极兔速递安吉网点: the delivery platforms riders and couriers name instead of a firm
    for m in _PLATFORM.finditer(text):
        if any(o.start < m.end() and m.start() < o.end for o in out) or "加盟" in text[m.end():m.end() + 8]:
            continue          # 申通的一个加盟网点: the franchisee employs them
        if re.search(r"自己(跑|开)$", text[max(0, m.start() - 3):m.start()]):
            continue          # 现在自己跑滴滴: on one's own account, no employer
        out.append(_Org(m.start(), m.end(), m.group(0), "", "platform"))
    for m in _CALLED.finditer(text):
        name = m.group("name").strip()
        s, e = m.start("name"), m.end("name")
        head = m.group("head") or ""
        if head in ("工地", "楼盘", "项目", "小区", "工程") or head == "中介" and len(name) <= 3:
            continue          # 叫马海军的中介: a person who placed them, no firm
        if any(o.start <= s < o.end or s <= o.start < e for o in out) or \
                any(0 <= o.start - e <= 2 and o.name.startswith(name) for o in out):
            continue          # 叫什么家福 家福隆超市: the name said again, in full
        named_kind = re.search(r"(公司|厂子?|店|超市|中介|酒店|餐馆|饭店|劳务公司|人力公司|单位|机构|站点|网点|仓库|车间|诊所|作坊|工厂)"
                               r"\s?(名字)?(叫做|叫作|名叫|名为|叫)\s?(叫\s?)?(什么|啥子|啥)?\s?$",
                               text[max(0, m.start() - 8):m.start("name")]) or \
            re.search(r"(一家|一个|那家|那个|这家|我们那个|的)(公司|厂子?|店|超市|饭店|餐馆|酒楼|作坊|工厂|网点)[^。！？!?，,]{0,12}$",
                      text[max(0, m.start() - 20):m.start()])     # 一家饭店做服务员 叫那个湘味小厨
        if re.search(r"(工地|楼盘|项目|小区|工程)(名字)?(叫做|叫作|名叫|叫)(什么|啥)?\s?$", text[max(0, m.start() - 8):m.start("name")]):
            continue
        if not head and not named_kind and not _ORG_RE.search(name) and not re.search(r"(精密|鞋业|人力|传媒|家政|汽车服务|科技|电子|实业|贸易|物流|快递|装饰|"
                                                                    r"建设|建筑|劳务|服务|餐饮|食品|制衣|服饰|纺织|机械|电器|教育|包装|外包|保洁|环卫|物流|光学|配送|酒业|纸业)$", name):
            continue
        if re.match(r"^(我|你|他|她|什么|啥|这|那|不|没|一|说)", name) or _GOV.search(name) or re.search(r"什么|啥", name):
            continue
        if re.fullmatch(r"(阿|老|小)[\u4e00-\u9fff]", name) or re.match(r"\s?不是", text[e:e + 4]):
            continue          # 中介叫 叫阿明: a person; 叫宝骏 不是 是华裕汽配: a name taken back
        said_again = re.match(rf"\s(嗯|呃|啊|就是)?\s?(?P<full>{re.escape(name)}[\u4e00-\u9fff]{{1,6}}?)(?=[\s，。,]|$)", text[e:])
        if said_again:          # 叫 华泰 华泰精细化工, 叫瑞安达 嗯 瑞安达汽配: the name said again, in full
            s, e = e + said_again.start("full"), e + said_again.end("full")
            name = text[s:e]
        out.append(_Org(s, e, name, "", "called"))
    for m in _IS_NAMED.finditer(text):
        s, e = m.start("name"), m.end("name")
        if any(o.start <= s < o.end or s <= o.start < e for o in out) or _GOV.search(m.group("name")) \
                or re.match(r"^(我|你|他|她|什么|啥|这|那|不|没|一|说|个|谁|哪)", m.group("name")):
            continue
        if re.search(r"[的了在是说要做]|(单位|企业|性质|国企|私企|民企|外企|个体)$", m.group("name")) or _GENERIC_NAME.match(m.group("name")):
            continue
        out.append(_Org(s, e, m.group("name"), "", "called"))
    # 总包是吉林鸿基建设, 总包“宏宇建设”, 总包鲁中建工没拨进度款: a builder's short name after its role
    for m in re.finditer(r"(总承包单位|总包单位|总承包|总包方|总包|施工单位|施工方|承建单位)(为|是)?\s?(那个)?\s?[“\"]?"
                         r"(?P<name>[\u4e00-\u9fff]{2,8}?(建设|建工|建筑|水利|路桥|置业|新能源|[一二三四五六七八九十]局))(?=[”\"\s，。,的没说未从还]|$)", text):
        s, e = m.start("name"), m.end("name")
        if any(o.start <= s < o.end or s <= o.start < e for o in out) or _GENERIC_NAME.match(m.group("name")[:-2]) \
                or _BAD_NAME.search(m.group("name")):
            continue
        out.append(_Org(s, e, m.group("name"), "", "called"))
    # 劳务公司 湘株劳务 他们欠我, 分包的川路劳务拖了四个月: a labour firm's short name after its role
    for m in re.finditer(r"(劳务公司|分包(?:的|是|那个)?|劳务分包(?:的|是)?)\s?(?:是\s?)?(?:那个\s?)?(?P<name>[\u4e00-\u9fff]{2,4}劳务)(?![费公派分中合服有工队])", text):
        s, e = m.start("name"), m.end("name")
        if any(o.start <= s < o.end or s <= o.start < e for o in out) or _GENERIC_NAME.match(m.group("name")[:-2]) \
                or _BAD_NAME.search(m.group("name")):
            continue
        out.append(_Org(s, e, m.group("name"), "", "called"))
    out.sort(key=lambda o: o.start)
    # a nanny placed in a household by a housekeeping agency: the agency only placed her (convention P1),
    # unless her contract is with it (合同是跟家政公司签的)
    signed_with_agency = re.search(r"(跟|和|与)(家政公司|公司|他们)签", text)
    placed_by_housekeeping = re.search(rf"(经|通过|由)[^{CLAUSE_PUNCT}]{{0,14}}家政[^{CLAUSE_PUNCT}]{{0,12}}(介绍|推荐)", text)
    for o in out:
        left = text[max(0, o.start - 10):o.start]
        right = text[o.end:o.end + 8]
        if re.match(r"^[”\"」』]?的(外包公司|劳务公司|中介|派遣公司|劳务派遣公司)", right):
            o.role = "contractor?"
        # 挂在X人力名下: X is the employer of record (convention P1), so no contractor role here
        via_agent = re.search(r"(中介是|中介为|中介公司是|经由|经过|通过|经)\s?[“\"「『]?$", left)
        placed_here = re.search(r"家政", o.name + right[:4]) and (
            placed_by_housekeeping or re.match(r"^[”\"」』]?(的家政(公司|服务部)?)?(介绍|推荐)", right))
        if (via_agent or placed_here) and re.search(r"(中介|人力|职介|家政)", o.name + left[-5:] + right[:4]) \
                and not signed_with_agency and not re.search(r"派遣|派到|派往|派去|外派", text[o.end:o.end + 4]):
            o.role = "contractor!"
        elif re.search(r"(劳务分包给了?|分包给了?|转包给了?|分包商是?|承包商是?|劳务分包(单位|方)?(为|是)?|分包方|分包单位(为|是)?|分包是|分包为|分包|劳务公司(为|是)?)\s?$", left):
            o.role = "contractor"
        elif re.search(r"(总承包单位|总包单位|总承包|总包|施工单位|施工方|承建单位|用工单位)(为|是)?\s?$", left) \
                or re.match(r"^(总承包|承建|总包|施工)", right):
            o.role = "employer"
        elif (rn := re.search(r"(更名为|改名为|改名叫|现名为?|营业执照上是|执照上写的是|执照上是|注册的是|登记的是|牌子是|牌子上写的是|招牌是)\s?"
                              r"(?P<addr>[^，,。；;、\s()“”\"「」]{0,10})$", text[max(0, o.start - 20):o.start])):
            # the renamed firm / the licence holder, as registered (济宁市任城区鑫味餐饮店: the address is in the name)
            o.start -= len(rn.group("addr"))
            o.name, o.role = text[o.start:o.end], "employer"
        elif re.search(r"劳务由\s?$", left) and re.match(r"^\s?承包", right) or \
                re.search(r"由\s?$", left) and re.match(r"^\s?(招用|招聘|招来|招募|组织)", right) and re.search(r"(劳务|人力)", o.name):
            o.role = "contractor"      # 劳务由X承包, 工人由X劳务服务有限公司招用: the labour subcontractor
        elif re.match(r"^\s?(承包经营|承包的|经营的|开办的|办的)", right) \
                or re.search(r"由\s?$", left) and re.match(r"^\s?(承包|经营|负责经营)", right):
            o.role = "employer"        # the renamed firm, the licence holder, the operator: who answers for the wages
        elif re.search(r"(建设单位|开发商|业主单位)(为|是)?\s?$", left):
            o.role = "owner"           # the client of the works: employer only when no builder is named
    # 富康精密电子厂(河南富康精密电子有限公司): the registered name in brackets answers for the informal one
    for a, b in zip(out, out[1:]):
        if b.start == a.end + 1 and text[a.end] == "(" and text[b.end:b.end + 1] == ")" and not b.role:
            b.role = a.role or "employer"
    # 惠万家超市(北街店): a branch in brackets is part of the name before it, no firm of its own
    out = [b for a, b in zip([None] + out, out)
           if not (a is not None and b.start == a.end + 1 and text[a.end] == "(" and re.search(r"(店|分店|门店|分公司)$", b.name)
                   and text[b.end:b.end + 1] == ")")]
    return out


_AGENCY = re.compile(r"(人力|劳务派遣|派遣|劳务|中介|职介)")
# a firm that builds: its 工地 is where it employs them (not 城南污水处理厂的工地, a site at a factory)
_BUILDER = re.compile(r"建设|建筑|建工|工程|路桥|市政|劳务|装饰|装修")


_WORKPLACE_ELSEWHERE = re.compile(
    r"派遣到|派遣至|派到|派过来|介绍到|介绍去|介绍进|弄到|骗来|送到|挂在|名下|外包到|我们(医院|公司|单位|学校|厂)|主营业务岗位|派遣工|"
    r"(来到|到了|进了|去了|带到)[^，,。]{0,18}(厂|公司|单位|医院|学校|酒店|企业)")


def _agency_accused(text: str, orgs: list[_Org]) -> bool:
    """Does the text speak of the dispatch agency as such (派遣公司不安排...), besides naming it?"""
    for m in re.finditer(r"派遣公司|派遣单位|人力公司|中介公司|劳务公司", text):
        if not any(o.start - 6 <= m.end() <= o.start for o in orgs):
            return True
    return False


# The writer as a customer (bought a flat, a gym card, a course; a renovation of their home) and never
# as someone working: the firms in the text are sellers, not employers (`other` texts carry none).
CUSTOMER = re.compile(r"(我|我们|我家|咱们)[^,，。\s]{0,12}(?<![给帮替])业主|业主们|购买[^,，。]{0,12}房|购房|买房|买了[^,，。]{0,12}房|交房|装修合同|全包装修|我家装修|给我家|年卡|会员卡|办的卡|办了[^,，。]{0,4}卡|"
                      r"(交|付|缴|充|花)了?[^,，。]{0,6}(课时费|学费|会费|物业费|定金|房租)|退费|首付|按揭|租的房|(?<!公)租房|充值|"
                      r"(我的|我们的|欠我|欠我们)货款|噪音|扰民|打桩|夜间施工|渣土|供货|寄送|寄的|寄了|快递丢|"
                      r"供应了?[^,，。]{0,4}(钢材|材料|货|螺纹钢|建材)|供了[^,，。]{0,8}(钢材|螺纹钢|建材|材料|水泥)|"
                      r"小区业主|为[^,，。]{0,12}业主|(收取?|涨|上调|交|缴)[^,，。]{0,4}物业费|物业费[^,，。]{0,4}(涨|上调|从每|每平)|装房子|找了家装修公司|给孩子报|孩子报了|剩余课时|土地流转|流转给|分红|征收|征地|"
                      r"家装合同|家装公司|找了?[^,，。]{0,8}装修房子|(我家|自家)[^,，。]{0,12}房子|房子[^,，。]{0,12}装修|租住|退租|押一付三|买的手机|买了[一台部辆]|以租代购|"
                      r"(店|馆|餐厅|饭店)[^,，。]{0,2}(吃饭|用餐|就餐)|吃出|居民休息|影响[^,，。]{0,8}休息|每晚施工|征用|定金|赊账|欠了?我[^,，。]{0,8}饭钱|借给[^,，。]{0,12}钱|借给[^,，。]{0,24}[万元块]|找我借了|从我这借了?|向我借了?")
_WRITER_WORKS = re.compile(r"(我|本人|其|来电人|我们|俺|俺们|咱)[^,，。;；!！?？]{0,30}(上班|打工|干活|工作|做工|任职|当(?!初|时)|做(?!了|过|完|[^,，。]{0,4}生意)|"
                           r"干(?![了完嘛啥吗])|入职|就职)|受雇|被雇|聘用|招用|"
                           r"入职|辞退|开除|欠(我|我们|其)[^,，。]{0,6}(工资|工钱|薪|人工费)|我的工资|我们的工资|我们工人|工友|原单位|所在单位|干杂工|打零工|"
                           r"我们(园|厂|公司|店|学校|单位|医院|车间|班组|科室)|厂里|厂子|车间里|店里|公司里|单位里|"
                           r"[\d一二三四五六七八九十几]+[多余来]?名[\u4e00-\u9fff]{0,3}(员|工|师|手|机)")


def writer_is_customer(text: str) -> bool:
    """The writer bought, rented or paid for something and never speaks of working: no employer,
    contractor or project in the text (labelling conventions: `other` texts carry none)."""
    return bool(CUSTOMER.search(text)) and not _WRITER_WORKS.search(text)


def pick_employer(text: str, orgs: list[_Org]) -> _Org | None:
    """The employer among the organisations found; a short name (蜀香阁, 由湘南水务总承包) stands for the
    registered name in the same text that contains it (北京蜀香阁餐饮管理有限公司)."""
    o = _pick_employer(text, orgs)
    if o is None:
        return None
    return next((f for f in orgs if o.name in f.name and len(f.name) > len(o.name) and f.name.endswith("公司")), o)


def _pick_employer(text: str, orgs: list[_Org]) -> _Org | None:
    labour = bool(LABOUR.search(text) or _WRITER_WORKS.search(text))
    cands = []
    for o in orgs:
        if not labour and not o.role and o.how != "called":
            continue
        if re.match(r"^\s?(做的?手术|住院|看病|治疗|就诊|看的病|抢救)", text[o.end:o.end + 6]) or \
                re.search(r"房东(是|为)?\s?$", text[max(0, o.start - 4):o.start]) or \
                re.search(r"毕业(的|于)\s?$", text[max(0, o.start - 4):o.start]) or re.match(r"^的?(学生|毕业生)", text[o.end:o.end + 4]):
            continue          # 在大同市第三人民医院做的手术, 房东是X, 刚毕业的大同大学学生: where they were treated, housed or taught
        if re.search(r"原[^，,。的]{0,10}$", text[max(0, o.start - 12):o.start]) and (
                re.match(r"^[^，,。]{0,8}退休", text[o.end:]) or re.search(r"退休|养老金|工龄|视同缴费", text)
                and not re.search(r"欠|未缴|没缴|没有缴|停缴|少缴|漏缴|没(给)?(我|我们|其)?交|没有交|未交|补偿|辞退|解除|开除", text)):
            continue          # 原XX厂的退休职工, 原在国营X厂工作 … 工龄: a pension matter, not an employer's violation
        if re.match(r"^的?工地", text[o.end:o.end + 3]) and not _BUILDER.search(o.name) or \
                (pm := re.match(r"^[^\s，。、；！!？?,;的]{0,10}?(建设项目|扩建项目|项目(?!部)|工程(?![款队部师])|工地)", text[o.end:o.end + 14])) \
                and not re.search(r"承建|中标|开发|负责|施工|总包|承包|分包|发包|欠|给|在|干|做", pm.group(0)):
            if len(orgs) > 1 or not re.search(r"置业|地产|开发|建设|建筑|建工|工程", o.name):
                continue      # 城南污水处理厂的工地, 市第三人民医院新院区建设项目: a site, not who employs them
            # 开封兴源置业有限公司一个仓库工地: the developer of the site, the only firm named, answers for it
        cands.append(o)
    if not cands:
        return None
    for o in cands:
        if o.role == "employer":
            return o
    firms = [o for o in cands if o.role not in ("contractor", "contractor?", "contractor!")]
    if len(firms) > 1 and any(o.role == "owner" for o in firms):
        firms = [o for o in firms if o.role != "owner"]       # the builder below the client answers for wages
    agencies = [o for o in firms if _AGENCY.search(o.name)]
    others = [o for o in firms if not _AGENCY.search(o.name)]
    if agencies and others:
        # 通过X人力派遣到Y公司: Y, the host, is the highest named organisation and the employer; X is the
        # contractor below it, whichever of them the text blames (convention P1)
        return others[0]
    # An agency that is the only organisation named (派遣至某企业 / 签的是X人力) is the employer:
    # it is the legal employer of dispatched workers and the one an investigator can reach
    # (corpora/README.md, annotation convention P1); it is a contractor only below a named employer.
    # A job intermediary (X劳务中介 / 职介所) that only placed them in some factory is not.
    if agencies and not others and len(agencies) == 1 and re.search(r"(中介|职介)[所部]?$", agencies[0].name) \
            and _WORKPLACE_ELSEWHERE.search(text) and not _agency_accused(text, cands):
        return None
    if firms:
        # a platform (美团, 饿了么) is who they work for only when no firm is named: stations are outsourced
        return next((o for o in firms if o.how != "platform"), firms[0])
    # only a subcontractor is named (劳务分包方X拖欠): it is the one owing
    return next((o for o in cands if o.role != "contractor!"), None)


def first_occurrence(text: str, name: str, start: int, end: int) -> tuple[int, int]:
    i = text.find(name)
    return (i, i + len(name)) if 0 <= i < start else (start, end)
