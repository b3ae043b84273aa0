"""Sector of the workplace from keywords: construction, manufacturing, catering_retail,
logistics_platform, transport_project, water_project, education, healthcare,
domestic_service, other; unknown where the text names no workplace (policy questions,
non-labour complaints). Sector codes come from labels/taxonomy.yaml."""
from __future__ import annotations

import re
from functools import lru_cache

from service.labels import get_labels

# (sector, pattern, weight): the highest total wins; ties go to the earlier mention
_RULES: list[tuple[str, str, float]] = [
    ("water_project", r"水利|水库|灌溉|渠道衬砌|渠道防渗|河道|堤防|堤坝|水电站|泵站|防洪|水闸|枢纽|引水|排涝|水务工程", 3.0),
    ("transport_project", r"国道|省道|高速公路|高速|公路|铁路|高铁|地铁|轨道交通|路桥|桥梁|隧道|航道|港口|机场|码头工程", 2.6),
    ("construction", r"工地|建筑|施工|包工头|工头|钢筋|木工|瓦工|架子工|水电安装|外墙|保温|砌墙|抹灰|塔吊|脚手架|"
                     r"楼盘|装修队|装修|开发商|总包|劳务分包|工程款|基坑|打桩|安置房|小区.{0,6}工程|改造工程|管廊|市政|"
                     r"混凝土|搅拌站|装饰|防水|贴瓷砖|瓷砖|建设有限公司|建设集团|建设工程|工程有限公司", 1.5),
    ("manufacturing", r"厂|流水线|产线|生产线|制造|加工|电子|纺织|印染|化工|机械|鞋业|精密|电器|包装|家具|服装|"
                      r"五金|塑业|塑料|配件|材料|食品有限|船舶|模具|注塑|铸造|冲压|压底机|锅炉|挡车工|缝纫|质检|普工|"
                      r"装配|电机|塑胶|制品|五金厂|工业区|石材|砖窑|窑厂|家纺|医疗器械|光电|锂电|半导体|耐火|木业|制衣|眼镜|车床|焊工|叉车工", 1.0),
    ("catering_retail", r"餐馆|饭店|餐厅|饭馆|酒店|宾馆|火锅|烧烤|奶茶|超市|商场|商店|门店|服装店|药店|连锁|便利店|"
                        r"餐饮|后厨|服务员|洗碗|导购|收银|美容|理发|家常菜|酒楼|食堂|汽车销售|4S店|零售|专卖店", 1.4),
    ("logistics_platform", r"快递|外卖|骑手|网约车|跑单|配送|物流|分拣|仓库|电商仓|站点|站长|滴滴|美团|饿了么|顺丰|"
                           r"申通|圆通|中通|韵达|同城配送|货拉拉|司机", 1.6),
    ("education", r"学校|教师|老师|小学|中学|幼儿园|代课|民办教师|教学|教育局|校长|园长|学院|大学|培训机构|教职工", 1.6),
    ("healthcare", r"医院|卫生院|护士|医生|诊所|护理人员|医护|卫生室|护工", 1.6),
    ("domestic_service", r"保姆|家政|育婴|月嫂|钟点工|保洁阿姨|雇主家|养老护理", 2.0),
    ("other", r"物业|小额贷款|贷款公司|保险公司|卖保险|环卫|渔船|船员|直播|传媒|保安|软件公司|互联网公司|广告公司|"
              r"销售公司|律所|酒吧|KTV|网吧|健身房|景区|农场|养殖场|矿山", 1.2),
    ("other", r"外贸", 2.0),
    ("construction", r"项目", 0.6),
    ("manufacturing", r"家电", 0.5),
]
_LABOUR = re.compile(r"工资|工钱|公资|薪|上班|打工|干活|干了|员工|职工|工人|农民工|民工|入职|辞退|辞职|离职|加班|社保|"
                     r"劳动|工伤|童工|招聘|招工|雇|派遣|岗位|工作|骑手|跑单|工地|包工头|高温|试用期|公积金|年假|产假|"
                     r"老板|厂里|我们厂|在厂|上夜班|车间|职业病|安全隐患|安全带|瞒报|粉尘|防护|工友|录用|面试|竞业|歧视|"
                     r"学手艺|合同|扣钱|扣工资|中介|押金|体检费|培训费|教师|代课|民办教师|绩效|编外|编内|在编|护士|主管|叉车|"
                     r"开了一家|招用|育婴|保姆|家政|送外卖|外卖员|快递员|送快递|司机|扣了我")
_NON_LABOUR = re.compile(r"扰民|噪音|噪声|吵闹|睡不着|业主|房东|租房|退房|会员|消费|网购|买了|购买|退款|商家|快递丢|"
                         r"停车费|物业费|学费|患者|看病|就医|住院治疗|手术|医疗纠纷|医保|报销|养老金|退休|失业金|失业保险金|"
                         r"生育津贴|社保卡|出租车|打车|公交|地铁|电动车|上牌|供暖|漏水|电梯|乱停车|偷排|污染|排污|装修合同|"
                         r"装修款|家庭装修|二手|被骗|诈骗|见习|就业登记|就业援助|创业|补贴|培训|技能|证书|档案|残疾|"
                         r"最低工资标准|工资指导线|政策|标准是|是多少|怎么领|怎么申请|怎么办理|怎么补办")
_PERSONAL_WORK = re.compile(r"我(们)?(在|是)[^。，,]{0,16}(上班|工作|干|打工|做)|我们(厂|公司|单位|工地|站点|车间|仓库|班组)|"
                            r"入职|工资|工钱|公资|干活|员工|工人|农民工|欠薪|辞退|加班|童工|车间|厂里|工地|跑单|骑手|"
                            r"职工|护士|代课|安全隐患|瞒报|雇用|招用|高温")


@lru_cache(maxsize=1)
def _compiled():
    codes = set(get_labels().sectors)
    out = []
    for code, pat, w in _RULES:
        if code not in codes:
            raise ValueError(f"sector {code!r} is not in labels/taxonomy.yaml")
        out.append((code, re.compile(pat), w))
    return out


def find_sector(text: str, employer_text: str | None = None, project_text: str | None = None) -> str:
    labour = len(_LABOUR.findall(text))
    non_labour = len(_NON_LABOUR.findall(text))
    personal = bool(_PERSONAL_WORK.search(text))
    if labour == 0 or (non_labour > labour and not personal and not employer_text and not project_text):
        return "unknown"
    scores: dict[str, float] = {}
    first: dict[str, int] = {}
    focus = " ".join(x for x in (employer_text, project_text) if x)
    for code, rx, w in _compiled():
        for m in rx.finditer(text):
            scores[code] = scores.get(code, 0.0) + w
            first.setdefault(code, m.start())
        for m in rx.finditer(focus):
            scores[code] = scores.get(code, 0.0) + 2 * w
    if not scores:
        return "unknown"
    # a project's own words decide between the engineering sectors
    if project_text:
        for code in ("water_project", "transport_project"):
            for c, rx, _ in _compiled():
                if c == code and rx.search(project_text):
                    return code
        if re.search(r"学校|小学|中学|幼儿园|教学楼|学院|大学", project_text):
            return "education"
    best = max(scores, key=lambda c: (scores[c], -first.get(c, 10**9)))
    return best
