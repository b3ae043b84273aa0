"""Parties: people, employers, contractors, agencies, projects, and the vocabulary of each sector.

Company names are composed (region + brand + trade + form: 合肥恒泰建筑劳务有限公司,
德晟精密, 老灶头餐饮管理有限公司) or, for a minority, taken from the MSRA NER
organisation names whose trade matches the sector.
"""
from __future__ import annotations

import random

from training.corpus.resources import msra_orgs

SURNAMES = ("王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖 田 董 "
            "袁 潘 于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 石 廖 贾 夏 韦 付 方 白 邹 孟 "
            "熊 秦 邱 江 尹 薛 闫 段 雷 侯 龙 史 陶 黎 贺 顾 毛 郝 龚 邵 万 钱 严 覃 武 戴 莫 孔 向 汤").split()
GIVEN = ("建国 建军 国庆 志强 志刚 海涛 红梅 秀英 桂兰 玉兰 春生 永红 卫东 德明 明亮 文华 海燕 丽娟 晓东 小军 "
         "宏伟 光明 金龙 俊峰 家豪 子涵 雨欣 立新 长江 振华 爱华 桂芳 凤英 学文 庆丰 永福 少华 伟 敏 静 强 磊 军 "
         "洋 勇 艳 杰 娟 涛 明 超 秀兰 霞 平 刚 桂英").split()

BRAND_A = "恒 鑫 宏 华 瑞 凯 永 德 顺 金 隆 盛 泰 远 昌 兴 达 嘉 祥 安 新 天 和 宝 海 中 富 亿 佳 创 博 联 汇 润 锦 腾 通 明 辉 荣 信 诚 益 禾 晟 弘 源 峰 正 众 立 鼎".split()
BRAND_B = "泰 达 远 艺 丰 瑞 昌 通 发 盛 信 力 成 宇 辉 华 源 科 邦 星 安 诚 和 润 兴 利 鑫 川 旺 茂 美 凯 德 晟 豪 航 威 拓 捷 骏 峰 嘉 业 祥 福 阳 达".split()
# hand-picked shop and restaurant names
SHOP_NAMES = ("老灶头 蜀香阁 渝味坊 好再来 一品鲜 老徐家常菜 阿娟面馆 川湘小厨 金牌烤鱼 福满楼 聚福园 东北人家 "
              "大碗面 老街火锅 喜茶坊 春风烘焙 鲜果时光 佳佳乐超市 家福隆超市 万家福超市 惠民便利店 好邻居便利店 "
              "百姓大药房 益丰堂药店 小肥羊火锅 乡村基快餐 湘里人家 兰州拉面 沙县小吃 黄焖鸡米饭 蜜雪奶茶 "
              "一点点奶茶 华联超市 苏果超市 永辉生活 锦江之星酒店 如家快捷酒店 海底捞门店 肯德基餐厅 老乡鸡门店").split()

SECTOR_TRADES = {
    "construction": ("建筑工程", "建设工程", "建设集团", "建筑劳务", "建工集团", "建筑安装工程", "装饰工程", "城建",
                     "市政建设", "钢结构工程", "幕墙工程", "置业"),
    "manufacturing": ("电子", "精密机械", "电器", "纺织", "服装", "鞋业", "家具", "塑业", "五金制品", "汽车零部件",
                      "光电科技", "新材料", "食品", "包装", "印染", "化工", "制药", "机械制造", "木业", "陶瓷", "玩具",
                      "箱包", "模具", "电池", "线缆", "家纺", "针织", "不锈钢制品", "铸造", "玻璃制品"),
    "catering_retail": ("餐饮管理", "餐饮", "商贸", "超市", "酒店管理", "百货", "连锁餐饮", "烘焙食品", "药房连锁", "汽车销售服务"),
    "logistics_platform": ("快递", "物流", "速运", "供应链管理", "货运代理", "网络科技", "同城配送", "汽车服务"),
    "transport_project": ("路桥工程", "路桥建设", "交通建设", "公路工程", "交通工程", "桥梁工程"),
    "water_project": ("水利建设", "水利水电建设", "水利工程", "水电安装工程", "河道工程"),
    "education": ("教育科技", "教育咨询", "培训学校", "文化培训"),
    "healthcare": ("医院", "医疗管理", "口腔门诊", "健康管理"),
    "domestic_service": ("家政服务", "家政", "母婴护理服务", "保洁服务"),
    "other": ("物业服务", "物业管理", "保安服务", "环境服务", "网络科技", "信息技术", "贸易", "文化传媒", "外贸",
              "电子商务", "房地产经纪", "广告", "人力资源外包", "小额贷款", "软件", "设计咨询"),
}
COMPANY_FORMS = ("有限公司", "有限公司", "有限公司", "有限责任公司", "股份有限公司", "集团有限公司")

SECTOR = {
    # jobs, workplace (as the worker says it), boss words, what pay is called
    "construction": dict(jobs="钢筋工 木工 瓦工 架子工 水电工 小工 泥瓦工 电焊工 抹灰工 油漆工 塔吊司机 模板工 外墙保温工 防水工 砌墙的".split(),
                         place="工地 工地上 项目上 工地 楼盘工地".split(), boss="包工头 老板 项目经理 带班的 工头 老板".split(),
                         pay="工资 工钱 工钱 工资 血汗钱".split()),
    "manufacturing": dict(jobs="普工 操作工 包装工 质检员 焊工 缝纫工 挡车工 装配工 仓管 打磨工 注塑工 车工 叉车工 流水线工人".split(),
                          place="厂里 车间 厂子 工厂 厂里".split(), boss="老板 厂长 车间主任 老板 主管 人事".split(),
                          pay="工资 工资 工钱 薪水".split()),
    "catering_retail": dict(jobs="服务员 厨师 收银员 配菜员 洗碗工 导购 店员 传菜员 后厨帮工 理货员 前台 营业员".split(),
                            place="店里 饭店 超市 店里 门店".split(), boss="老板 店长 老板娘 经理 老板".split(),
                            pay="工资 工资 工钱".split()),
    "logistics_platform": dict(jobs="快递员 外卖骑手 分拣员 货车司机 网约车司机 仓管员 配送员 骑手 装卸工".split(),
                               place="站点 网点 分拣中心 仓库 站点".split(), boss="站长 网点老板 老板 主管 加盟商".split(),
                               pay="工资 跑单钱 提成 工资 派费".split()),
    "transport_project": dict(jobs="钢筋工 混凝土工 架子工 桥梁工 杂工 挖机司机 爆破工 隧道工".split(),
                              place="高速工地 公路工地 标段上 隧道工地 桥梁工地".split(), boss="包工头 项目部 老板 班组长".split(),
                              pay="工资 工钱".split()),
    "water_project": dict(jobs="砌石工 混凝土工 杂工 挖机司机 钢筋工 防渗工".split(),
                          place="水库工地 河道工地 渠道工地 堤坝工地 泵站工地".split(), boss="包工头 项目部 老板 班组长".split(),
                          pay="工资 工钱".split()),
    "education": dict(jobs="老师 代课老师 保育员 生活老师 幼师 班主任 培训老师 教练".split(),
                      place="学校 幼儿园 培训机构 学校".split(), boss="园长 校长 老板 校长".split(),
                      pay="工资 代课费 课时费 工资".split()),
    "healthcare": dict(jobs="护士 护工 药剂员 保洁 医生 收费员 护理员".split(),
                       place="医院 诊所 门诊部 医院".split(), boss="院长 老板 护士长 院长".split(),
                       pay="工资 工资 绩效".split()),
    "domestic_service": dict(jobs="保姆 月嫂 育儿嫂 钟点工 住家阿姨 护工".split(),
                             place="雇主家 东家 雇主家".split(), boss="雇主 东家 雇主".split(),
                             pay="工资 工钱".split()),
    "other": dict(jobs="保安 保洁 客服 销售 文员 会计 程序员 环卫工 设计师 业务员 司机 绿化工".split(),
                  place="公司 单位 公司 小区 项目上".split(), boss="老板 经理 主管 领导 老板".split(),
                  pay="工资 工资 薪水 提成".split()),
}

# how a caller names a workplace of the sector without a proper name
GENERIC_WORKPLACE = {
    "construction": ("一个工地", "一个楼盘工地", "一个小区的工地", "一处厂房工地"),
    "manufacturing": ("一家电子厂", "一个服装厂", "一家鞋厂", "一个家具厂", "一家机械厂", "一个小作坊", "一家塑料厂", "一家食品厂"),
    "catering_retail": ("一家饭店", "一家超市", "一家奶茶店", "一个火锅店", "一家酒店", "一家面馆", "一家服装店", "一个烧烤店"),
    "logistics_platform": ("一个快递网点", "一个外卖站点", "一家物流公司", "一个分拣中心", "一家网约车公司"),
    "transport_project": ("一个高速公路工地", "一个修公路的工地", "一个大桥工地", "一个国道改造工地"),
    "water_project": ("一个水库工地", "一个河道治理的工地", "一个水利工地", "一个渠道工地"),
    "education": ("一家幼儿园", "一个培训机构", "一所民办学校", "一家托管班"),
    "healthcare": ("一家民营医院", "一个诊所", "一家口腔诊所", "一家医院"),
    "domestic_service": ("一户人家", "雇主家里", "一户人家里"),
    "other": ("一家物业公司", "一家保安公司", "一家科技公司", "一家贸易公司", "一家广告公司", "一家环卫公司"),
}


def person(rng: random.Random, style: str | None = None) -> str:
    s = rng.choice(SURNAMES)
    st = style or rng.choice(("mou", "moumou", "lao", "boss", "zong", "full", "mou", "moumou", "xing"))
    if st == "mou":
        return s + "某"
    if st == "moumou":
        return s + "某某"
    if st == "lao":
        return "老" + s
    if st == "boss":
        return s + rng.choice(("老板", "老板", "总", "经理", "老板"))
    if st == "zong":
        return s + "总"
    if st == "xing":
        return "姓" + s + "的"
    return s + rng.choice(GIVEN)


def brand(rng: random.Random) -> str:
    a = rng.choice(BRAND_A)
    b = rng.choice(BRAND_B)
    while b == a:
        b = rng.choice(BRAND_B)
    return a + b


class Org:
    """An employer or agency: full name as written, and a short form callers use."""
    __slots__ = ("full", "short", "sector", "kind")

    def __init__(self, full: str, short: str, sector: str, kind: str = "company"):
        self.full, self.short, self.sector, self.kind = full, short, sector, kind


def employer(rng: random.Random, sector: str, city_short: str, dist_short: str) -> Org:
    """A workplace organisation for the sector."""
    orgs = msra_orgs()
    if sector in orgs and orgs[sector] and rng.random() < 0.12:
        name = rng.choice(orgs[sector])
        return Org(name, name, sector)
    b = brand(rng)
    region = rng.choice((city_short, city_short, "", dist_short, ""))
    if sector == "catering_retail" and rng.random() < 0.45:
        shop = rng.choice(SHOP_NAMES)
        return Org(shop, shop, sector, "shop")
    if sector == "education" and rng.random() < 0.55:
        kind = rng.choice(("幼儿园", "幼儿园", "培训学校", "实验学校", "艺术培训中心", "双语幼儿园", "托育中心"))
        full = (region or city_short) + b + kind
        return Org(full, b + kind, sector, "school")
    if sector == "healthcare" and rng.random() < 0.6:
        kind = rng.choice(("医院", "中医医院", "口腔医院", "妇产医院", "康复医院", "门诊部", "诊所", "护理院"))
        full = (region or city_short) + b + kind
        return Org(full, b + kind, sector, "hospital")
    if sector == "manufacturing" and rng.random() < 0.25:
        trade = rng.choice(SECTOR_TRADES[sector])
        full = (region or "") + b + trade + "厂"
        return Org(full, b + trade + "厂", sector, "factory")
    trade = rng.choice(SECTOR_TRADES[sector])
    full = region + b + trade + rng.choice(COMPANY_FORMS)
    short = b + trade if rng.random() < 0.7 else b
    return Org(full, short, sector)


def agency(rng: random.Random, city_short: str, kind: str = "dispatch") -> Org:
    b = brand(rng)
    if kind == "dispatch":
        trade = rng.choice(("人力资源服务有限公司", "劳务派遣有限公司", "人力资源有限公司", "劳务服务有限公司", "企业管理服务有限公司"))
        full = rng.choice((city_short, city_short, "")) + b + trade
        return Org(full, b + rng.choice(("人力", "劳务", "人力资源")), "other", "agency")
    if kind == "labour":            # construction labour subcontractor
        full = rng.choice((city_short, "")) + b + rng.choice(("建筑劳务有限公司", "劳务有限公司", "劳务分包有限公司"))
        return Org(full, b + "劳务", "construction", "agency")
    if kind == "domestic":
        full = b + rng.choice(("家政", "家政服务中心", "家政服务有限公司", "月嫂中心"))
        return Org(full, full, "domestic_service", "agency")
    # recruitment agencies, legal or not
    full = rng.choice((
        b + "职介所", b + "职业介绍所", city_short + b + "人力资源有限公司", b + "劳务咨询有限公司",
        b + "人力", city_short + b + "国际劳务咨询有限公司", b + "招聘服务中心", b + "企业管理咨询有限公司"))
    return Org(full, full, "other", "agency")


ESTATE = ("花园 家园 府 苑 湾 城 华庭 名邸 雅苑 悦府 公馆 佳苑 新城 嘉园 壹号 星城 学府 御景 澜庭 锦园 天玺 云著 "
          "翰林府 滨江苑 丽景 名都 时代广场 国际社区 安置小区 人才公寓 产业园厂房").split()
ROAD_WORD = ("路改造工程", "大道拓宽工程", "路雨污分流改造工程", "街道路提升工程", "片区老旧小区改造工程", "路管网改造工程")


def project(rng: random.Random, sector: str, place_road_root: str, city_short: str, dist_short: str) -> str:
    b = brand(rng) if rng.random() < 0.7 else rng.choice(("城东", "城南", "滨湖", "江畔", "东湖", "西山", "金桥", "翠湖", "枫林"))
    if sector == "transport_project":
        return rng.choice((
            f"G{rng.randint(104, 360)}国道{city_short}段改扩建工程",
            f"{city_short}至{rng.choice(('南', '北', '东', '西'))}{rng.choice(('港', '城', '湖', '山'))}高速公路第{rng.randint(1, 9)}标段",
            f"S{rng.randint(201, 399)}省道{dist_short}段改建工程",
            f"{b}大桥建设工程", f"{dist_short}{rng.choice(('农村公路', '县道', '乡村道路'))}提档升级工程",
            f"{city_short}绕城高速{rng.choice(('东', '西', '南', '北'))}段{rng.randint(1, 6)}标",
            f"{b}隧道工程"))
    if sector == "water_project":
        return rng.choice((
            f"{b}水库除险加固工程", f"{dist_short}{rng.choice(('河道综合治理工程', '中小河流治理项目', '灌区续建配套工程'))}",
            f"{b}{rng.choice(('泵站', '水闸', '堤防'))}{rng.choice(('改造工程', '加固工程', '新建工程'))}",
            f"{b}河{rng.choice(('生态治理工程', '清淤工程', '堤防加固工程'))}", f"{dist_short}农田水利渠道防渗工程"))
    if sector == "education":
        return rng.choice((f"{dist_short}第{rng.choice('一二三四五六七八')}实验小学新建教学楼工程",
                           f"{b}中学综合楼工程", f"{dist_short}{b}幼儿园新建工程", f"{b}学校宿舍楼改造工程"))
    r = rng.random()
    if r < 0.55:
        tail = rng.choice(("工地", "项目", "工地", "", "三期工地", "二期项目", f"{rng.randint(1, 12)}号楼工地", "一期", "安置房项目"))
        return b + rng.choice(ESTATE) + tail
    if r < 0.8:
        return place_road_root + rng.choice(ROAD_WORD)
    return rng.choice((f"{b}产业园{rng.choice(('厂房', '标准化厂房', '二期'))}工程", f"{dist_short}人民医院新院区工程",
                       f"{b}商业综合体项目", f"{city_short}{b}物流园项目", f"{b}科技园工地"))


def contractor(rng: random.Random, sector: str, city_short: str) -> tuple[str, str]:
    """(as written, how it is referred to later)."""
    p = person(rng, rng.choice(("mou", "moumou", "lao", "boss", "full")))
    r = rng.random()
    if sector in ("construction", "transport_project", "water_project"):
        if r < 0.45:
            return "包工头" + p, "包工头"
        if r < 0.6:
            return "班组长" + p, "班组长"
        if r < 0.72:
            o = agency(rng, city_short, "labour")
            return o.full, "劳务公司"
        if r < 0.82:
            return p, p
        return rng.choice(("劳务分包方", "分包老板", "带班的") ) + p, "他"
    if sector == "domestic_service":
        o = agency(rng, city_short, "domestic")
        return o.full, "中介"
    if sector == "logistics_platform":
        return rng.choice(("外包公司", "劳务外包公司", "加盟商" + p, "站长" + p)), "外包公司"
    return rng.choice(("劳务中介", "中介" + p, "外包公司", "劳务公司负责人" + p)), "中介"
