"""A case: the facts behind one text, and the slots templates use to write them.

The case is drawn first (types, intent, register, sector, place, parties, money,
headcount, flags); frames and registers then write it through slots. A slot that
writes a labelled thing (an employer name, an amount, a flag cue ...) emits a tagged
piece, so the labels of the finished text are exactly what was written.
"""
from __future__ import annotations

import random
from typing import Any

from training.corpus import contacts as C
from training.corpus import parties as P
from training.corpus.numbers import ORAL, Money, cn_int, count_text, days_text, months_text, small_cn
from training.corpus.places import Place, draw_place, short_dist
from training.corpus.text import Ctx, Piece, Seq, T

FORMAL = ("work_order", "online_message", "petition")


def cue(text: str, name: str) -> Piece:
    return Piece(text, "cue", {"cue": name})


class Case(Ctx):
    """Facts plus slots. Attributes set by the sampler; slots installed by `install`."""

    def __init__(self, rng: random.Random, register: str):
        super().__init__(rng)
        self.register = register
        self.oral = register in ORAL
        self.formal = register in FORMAL
        self.persp = "3" if register == "work_order" else "1"
        self.subject = "self"            # self | family | colleague | bystander
        self.relation = ""               # 我丈夫 / 我儿子 / 同事 ...
        self.gender = rng.choice("mf")
        self.group = False               # the complainants are several workers
        self.types: list[str] = []
        self.primary = ""
        self.intent = ""
        self.sector = "unknown"
        self.revealed = False            # the text says enough to tell the sector
        self.place: Place = draw_place(rng)
        self.employer: P.Org | None = None
        self.contractor: tuple[str, str] | None = None
        self.project: str | None = None
        self.workers_n: int | None = None       # planned headcount
        self.workers_approx = False
        self.workers: tuple[int, bool] | None = None   # as written
        self.owed_total: float | None = None
        self.money = Money(rng, register)
        self.want: set[str] = set()      # flags the case should express
        self.hard = False
        self.slices: set[str] = set()
        self.months = rng.choice((1, 2, 2, 3, 3, 3, 4, 5, 6, 8, 10, 12))
        self.months_text = months_text(rng, self.months, register)
        self.monthly = rng.choice((2300, 2800, 3200, 3500, 3800, 4000, 4200, 4500, 5000, 5500, 6000, 6500,
                                   7000, 7500, 8000, 9000, 10000, 12000))
        self.daily = rng.choice((150, 180, 200, 220, 250, 260, 280, 300, 320, 350, 380, 400, 450, 500))
        self.days = rng.choice((15, 20, 25, 28, 30, 40, 45, 50, 60, 75, 80, 90, 100, 120))
        self.notes: dict[str, Any] = {}

    # --- helpers ---------------------------------------------------------------------------
    def choice(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def p(self, x: float) -> bool:
        return self.rng.random() < x

    def headcount(self) -> tuple[str, int, bool]:
        """The headcount numeral, drawn once per case so every mention agrees."""
        hc = self.notes.get("headcount")
        if hc is None:
            hc = count_text(self.rng, self.workers_n or 12, self.register, self.workers_approx)
            self.notes["headcount"] = hc
        return hc

    def t(self, *alts: str) -> T:
        return T(self.choice(alts))

    def f(self, formal, oral):
        """One of `formal` (work order, online message, petition) or of `oral` (the rest)."""
        seq = formal if self.formal else oral
        v = seq[self.rng.randrange(len(seq))]
        return T(v) if isinstance(v, str) else v

    def sec(self, key: str) -> str:
        """A word of the sector's vocabulary (job, place, boss, pay); reveals the sector."""
        s = self.sector if self.sector in P.SECTOR else "other"
        if self.sector != "unknown" and key in ("jobs", "place"):
            self.revealed = True
        if self.sector == "unknown":
            return {"jobs": "员工", "place": "公司", "boss": "老板", "pay": "工资"}[key]
        return self.choice(P.SECTOR[s][key])


def install(c: Case) -> None:
    """Install every slot of the case."""
    rng = c.rng
    s = c.slots

    # --- perspective -----------------------------------------------------------------------
    def me(ctx: Case) -> str:
        n = ctx.count("我")
        if ctx.subject == "family":
            if n == 0:
                return ("其" if ctx.persp == "3" else "我") + ctx.relation
            return "他" if ctx.gender == "m" else "她"
        if ctx.subject == "colleague":
            return ctx.relation if n == 0 else ("他" if ctx.gender == "m" else "她")
        if ctx.subject == "bystander":
            return ctx.choice(("工人", "员工", "这些工人", "里面的人")) if ctx.group else ctx.choice(("一名员工", "一个工人", "这名员工"))
        if ctx.persp == "3":
            return "其" if n or ctx.p(0.85) else "来电人"
        if ctx.register == "petition" and ctx.p(0.3):
            return "本人" if n else ctx.choice(("我", "本人"))
        return "我"

    def we(ctx: Case) -> str:
        if not ctx.group:
            return me(ctx)
        n = ctx.count("我们")
        if ctx.subject in ("family", "colleague"):
            return "他们"
        if ctx.subject == "bystander":
            return ctx.choice(("工人们", "员工们", "这些工人", "工人"))
        if ctx.persp == "3":
            if n == 0:
                return ctx.choice(("其与工友们", "其与工友", "其所在班组工人", "其与同事们", "工人们"))
            return ctx.choice(("工人们", "他们", "其与工友"))
        return ctx.choice(("我们", "我们", "我们大家", "我们这些人")) if n == 0 else "我们"

    def ours(ctx: Case) -> str:
        """Possessive of {我们}: 我们的 / 其 / 工人们的."""
        if not ctx.group:
            return my(ctx)
        if ctx.subject in ("family", "colleague"):
            return "他们的"
        if ctx.subject == "bystander":
            return ctx.choice(("工人们的", "员工们的", "工人的"))
        if ctx.persp == "3":
            return ctx.choice(("其与工友的", "工人们的", "其"))
        return ctx.choice(("我们的", "我们", "大家的"))

    def my(ctx: Case) -> str:
        if ctx.subject == "family":
            return "他的" if ctx.gender == "m" else "她的"
        if ctx.subject in ("colleague", "bystander"):
            return "工人的" if ctx.group else "他的"
        if ctx.persp == "3":
            return "其"
        return ctx.choice(("我的", "我", "我的"))

    s["我"] = me
    s["我们"] = we
    s["我的"] = my
    s["我们的"] = ours
    s["他"] = lambda ctx: "他" if ctx.gender == "m" else "她"

    # --- sector vocabulary -----------------------------------------------------------------
    s["job"] = lambda ctx: ctx.sec("jobs")
    s["workplace"] = lambda ctx: ctx.sec("place")
    s["boss"] = lambda ctx: ctx.sec("boss")
    s["pay"] = lambda ctx: ctx.sec("pay") if ctx.oral else "工资"

    def employer(ctx: Case):
        n = ctx.count("employer")
        e = ctx.employer
        if e is None:
            if ctx.sector in ("construction", "transport_project", "water_project"):
                return ctx.choice(("施工方", "项目方", "总包单位", "项目部")) if n == 0 else ctx.choice(("项目部", "施工方", "他们"))
            if n == 0 and ctx.sector in P.GENERIC_WORKPLACE:
                ctx.revealed = True
                return ctx.choice(P.GENERIC_WORKPLACE[ctx.sector])
            return ctx.choice(("公司", "单位", "所在公司", "用人单位")) if n == 0 else emp_ref(ctx)
        if n == 0:
            if ctx.sector != "unknown":
                ctx.revealed = True
            if ctx.oral and ctx.p(0.55):
                return Piece(e.short, "employer")
            return Piece(e.full, "employer")
        return emp_ref(ctx)

    def emp_ref(ctx: Case) -> str:
        e = ctx.employer
        kind = e.kind if e else "company"
        if ctx.formal:
            return {"shop": ("该店", "店方", "老板"), "school": ("该园", "学校", "园方"), "hospital": ("医院", "院方"),
                    "factory": ("该厂", "厂方", "厂里"), "agency": ("该公司", "对方")}.get(kind, ("公司", "该公司", "单位", "公司"))[
                rng.randrange(2)]
        return {"shop": ("店里", "老板", "店里"), "school": ("学校", "园长", "校方"), "hospital": ("医院", "医院"),
                "factory": ("厂里", "老板", "厂里"), "agency": ("他们", "那边")}.get(
            kind, ("公司", "厂里" if ctx.sector == "manufacturing" else "公司", "老板"))[rng.randrange(2)]

    def emp_intro(ctx: Case) -> str:
        """A workplace without a name (一家公司): later mentions refer back to it."""
        ctx.count("employer")
        return ctx.choice(("一家公司", "一家单位", "一家企业", "某公司", "一家小公司"))

    s["employer"] = employer
    s["emp_ref"] = emp_ref
    s["emp_intro"] = emp_intro

    def contractor(ctx: Case):
        n = ctx.count("contractor")
        if ctx.contractor is None:
            return ctx.choice(("包工头", "工头", "带班的")) if n == 0 else "包工头"
        full, ref = ctx.contractor
        return Piece(full, "contractor") if n == 0 else ref

    s["contractor"] = contractor

    def project(ctx: Case):
        n = ctx.count("project")
        if not ctx.project:
            return ctx.choice(("工地", "项目")) if n == 0 else "该项目"
        if ctx.sector != "unknown":
            ctx.revealed = True
        return Piece(ctx.project, "project") if n == 0 else ctx.choice(("该项目", "工地", "项目上", "这个项目"))

    s["project"] = project

    def loc(ctx: Case):
        n = ctx.count("loc")
        if n == 0:
            return Piece(ctx.place.render(rng, ctx.oral), "location")
        return ctx.place.city_short

    s["loc"] = loc
    s["city"] = lambda ctx: ctx.place.city_short
    s["dist"] = lambda ctx: ctx.place.div.dist

    # --- time ------------------------------------------------------------------------------
    y = rng.choice((2021, 2022, 2023, 2023, 2024, 2024, 2024, 2025))
    m0 = rng.randint(1, 12)
    c.notes["start"] = (y, m0)

    def start(ctx: Case) -> str:
        st = ctx.choice(("ym", "ym", "last", "this", "season", "ymd"))
        if ctx.oral and st in ("ym", "ymd"):
            st = ctx.choice(("last", "this", "season", "ym"))
        if st == "ym":
            return f"{y}年{m0}月" if not ctx.oral else f"{cn_int(m0) if ctx.p(.5) else m0}月份"
        if st == "ymd":
            return f"{y}年{m0}月{rng.randint(1, 28)}日"
        if st == "last":
            return ctx.choice((f"去年{m0}月", f"去年{m0}月份", "去年年初", "去年年底", "去年下半年", "前年"))
        if st == "this":
            return ctx.choice((f"今年{m0}月", f"今年{m0}月份", "今年年初", "今年开春", "年初"))
        return ctx.choice(("去年开春", "去年夏天", "前年冬天", "今年春节后", "去年秋天", "年后"))

    s["start"] = start

    def dur(ctx: Case) -> str:
        k = ctx.choice((2, 3, 5, 6, 8, 10))
        yrs = ctx.choice((1, 2, 3, 4, 5, 6, 8, 10, 12))
        if ctx.p(0.45):
            return f"{small_cn(rng, yrs, ctx.register)}年" + ctx.choice(("", "", "多"))
        if ctx.p(0.5):
            return months_text(rng, k, ctx.register)
        return ctx.choice(("一年多", "两年多", "大半年", "三年多", "五年", "十来年", "半年多"))

    s["dur"] = dur

    def period(ctx: Case):
        n = ctx.count("period")
        txt = period_text(ctx)
        return Piece(txt, "period") if n == 0 else ""

    s["period"] = period
    # months owed as a period span: 三个月 / 3个月 / 半年
    s["K"] = lambda ctx: Piece(ctx.months_text, "period") if ctx.count("period") == 0 else ctx.months_text

    # --- workers and groups ----------------------------------------------------------------
    def workers(ctx: Case):
        """A headcount phrase: 37名农民工 / 十几个工友 / 我们二十多个人."""
        txt, v, ap = ctx.headcount()
        ctx.workers = (v, ap)
        clf = ctx.choice(("名", "个")) if ctx.formal else ctx.choice(("个", "个", "名"))
        if txt.endswith(("余", "多")) and clf == "个" and ctx.formal:
            clf = "名"
        noun = worker_noun(ctx)
        if isinstance(noun, str) and noun == "人":
            clf = "个"                     # 113名人 would read as "113 celebrities"
        return Seq((txt + clf, noun))

    def worker_noun(ctx: Case):
        if "migrant_worker" in ctx.want and ctx.p(0.6):
            ctx.notes["migrant_said"] = True
            return cue(ctx.choice(("农民工", "农民工", "民工", "农民工兄弟")), "migrant_worker")
        if ctx.sector in ("construction", "transport_project", "water_project"):
            return ctx.choice(("工人", "工友", "工人", "人"))
        if ctx.sector in ("education",):
            return ctx.choice(("老师", "教职工", "人"))
        if ctx.sector == "healthcare":
            return ctx.choice(("护士", "员工", "人"))
        if ctx.sector == "logistics_platform":
            return ctx.choice(("骑手", "快递员", "员工", "人"))
        return ctx.choice(("员工", "工人", "工友", "人", "职工"))

    s["workers"] = workers
    s["wnoun"] = worker_noun

    def group(ctx: Case):
        """Wording of a group without a number (全体员工, 全厂工人 ...): a collective cue."""
        w = ctx.choice({
            "construction": ("整个班组", "全班组的工人", "工地上所有工人", "一起干活的工友们"),
            "manufacturing": ("全厂工人", "全车间的人", "全体员工", "厂里所有工人"),
            "catering_retail": ("全店员工", "店里所有员工", "全体员工"),
            "logistics_platform": ("整个站点的骑手", "网点所有快递员", "全体员工"),
            "education": ("全园教职工", "全校老师", "全体教职工"),
            "healthcare": ("全院职工", "科室所有护士", "全体员工"),
        }.get(ctx.sector, ("全体员工", "公司所有员工", "全体职工", "整个部门的人")))
        return cue(w, "collective")

    s["group"] = group

    # --- money -----------------------------------------------------------------------------
    def amt(kind: str, base_key: str | None = None, base: float | None = None, approx: bool | None = None):
        def f(ctx: Case):
            b = base if base is not None else getattr(ctx, base_key)
            piece, v, ap = ctx.money.piece(b, kind, approx)
            ctx.notes.setdefault("amounts", []).append((kind, v))
            return piece
        return f

    s["monthly"] = amt("monthly_wage", "monthly")

    def monthly_plus(ctx: Case):
        """A promised wage floor: 8000元以上 / 1.5万以上 (the 以上 belongs to the amount, approx)."""
        piece, v, _ = ctx.money.piece(ctx.monthly * ctx.rng.choice((1, 1.5, 2)), "monthly_wage", approx=False)
        piece.text += "以上"
        piece.data["approx"] = True
        return piece

    s["monthly_plus"] = monthly_plus
    s["daily"] = amt("daily_wage", "daily")
    s["days"] = lambda ctx: days_text(rng, ctx.days, ctx.register)

    def fee(lo: int, hi: int, step: int = 100):
        def f(ctx: Case):
            v = rng.randrange(lo, hi + 1, step)
            piece, val, ap = ctx.money.piece(v, "other", approx=ctx.p(0.15))
            return piece
        return f

    s["fee_small"] = fee(100, 900, 50)          # 体检费, 押金, 罚款
    s["fee_mid"] = fee(1000, 9000, 100)         # 培训费, 医药费, 违约金
    s["fee_big"] = fee(10000, 200000, 1000)     # 装修款, 赔偿, 首付
    s["fee_tiny"] = fee(10, 90, 5)
    s["money_other"] = fee(300, 60000, 100)

    s["debt"] = lambda ctx: debt(ctx)

    def kids(ctx: Case):
        """A small headcount of children (child labour): sets workers (两个 / 几个 -> 2 approx / 一名)."""
        hc = ctx.notes.get("kids")
        if hc is None:
            n = ctx.choice((1, 1, 2, 2, 3, 4, 5))
            if ctx.p(0.3):
                hc = (ctx.choice(("好几个", "几个", "几名")), 2, True)
            else:
                hc = ((cn_int(n) if n != 2 else "两") + ctx.choice(("个", "名")), n, False)
            ctx.notes["kids"] = hc
        ctx.workers = (hc[1], hc[2])
        return hc[0]

    s["kids"] = kids
    s["age"] = lambda ctx: ctx.notes.setdefault("age", ctx.choice(("十四五岁", "十三四岁", "14岁", "15岁", "十五岁", "十四岁", "13岁", "十三岁")))

    # --- flag cues -------------------------------------------------------------------------
    def migrant(ctx: Case):
        ctx.notes["migrant_said"] = True
        return cue(ctx.choice(("农民工", "农民工", "民工", "农民工")), "migrant_worker")

    s["migrant"] = migrant
    s["repeat"] = lambda ctx: repeat_clause(ctx)
    s["extreme"] = lambda ctx: extreme_clause(ctx)
    s["gov"] = lambda ctx: gov_clause(ctx)

    # --- contacts --------------------------------------------------------------------------
    def contact(kind: str):
        def f(ctx: Case):
            v = {"phone": C.phone, "landline": C.landline, "id_number": C.id_number, "bank_card": C.bank_card}[kind](rng)
            return Piece(v, "contact", {"kind": kind})
        return f

    s["phone"] = contact("phone")
    s["landline"] = contact("landline")
    s["idno"] = contact("id_number")
    s["card"] = contact("bank_card")


# --- periods -------------------------------------------------------------------------------

def period_text(c: Case) -> str:
    """The period concerned, consistent with the months owed."""
    rng = c.rng
    y, m0 = c.notes["start"]
    k = c.months
    st = rng.choice(("range", "since", "count", "count", "named", "season", "range_cn"))
    if c.oral and st in ("range",):
        st = rng.choice(("count", "since", "named", "range_cn"))
    end_m = m0 + k - 1
    if st == "range":
        if end_m <= 12:
            return f"{y}年{m0}月至{end_m}月" if k > 1 else f"{y}年{m0}月"
        return f"{y}年{m0}月至{y + 1}年{end_m - 12}月"
    if st == "range_cn":
        if end_m <= 12 and k > 1:
            return rng.choice((f"{m0}月到{end_m}月", f"{cn_int(m0)}月到{cn_int(end_m)}月", f"{m0}、{m0 + 1}月份" if k == 2 else f"{m0}月到{end_m}月"))
        st = "count"
    if st == "since":
        return rng.choice((f"{y}年{m0}月至今", f"去年{m0}月至今", f"今年{m0}月以来", f"去年{m0}月份到现在", f"{y}年{m0}月起"))
    if st == "named":
        return rng.choice(("去年全年", "上半年", "去年下半年", "上个月", "年底这几个月", "今年以来", "近两个月", "最近半年"))
    if st == "season":
        return rng.choice(("去年开春到年底", "今年春节后到现在", "从去年夏天到现在", "去年一整年"))
    return c.months_text


# --- debt clause ---------------------------------------------------------------------------

def debt(c: Case):
    """Write what is owed, in one of several forms, and record owed_total accordingly."""
    rng = c.rng
    mode = c.notes.get("debt_mode") or rng.choice(c.notes.get("debt_modes", ("total", "monthly", "none")))
    f = c.formal
    pay = "工资" if f else c.sec("pay")

    def K(ctx: Case):
        return Piece(ctx.months_text, "period") if ctx.count("period") == 0 else ctx.months_text

    def owe(v: float | None) -> None:
        if v is not None and v > 0:
            c.owed_total = float(v)

    if mode == "none":
        c.owed_total = None
        return c.t(
            "(拖欠|欠)了{我们}(" + c.months_text + "的" + pay + "|好几个月" + pay + "|" + pay + ")(一直没给|至今未付|没结)",
            "{我的}" + pay + "(一直拖着不发|到现在还没结|一分都没拿到|被压着不给)",
            "(至今|到现在)(未|没)(结清|支付|发放)" + pay)
    if mode == "total":
        base = _debt_base(c)
        piece, v, ap = c.money.piece(base, "owed_total")
        owe(v)
        if f:
            return Seq((T(c.choice(("(共计|合计|累计|总计)拖欠", "拖欠", "尚欠", "欠付", "拖欠工资共计", "欠薪"))), piece,
                        c.choice(("", "未付", "，至今未结清", "未支付"))))
        return Seq((c.choice(("欠了", "一共欠", "总共欠", "还差", "拖了", "欠着")), c.choice(("", "我们")) if c.group else c.choice(("", "我")), piece,
                    c.choice(("", "没给", "没结", "的" + pay))))
    if mode == "monthly":
        m_piece, mv, _ = c.money.piece(c.monthly, "monthly_wage", approx=False)
        owe(mv * c.months)
        if f:
            return Seq(c.choice((
                ["月工资", m_piece, "，已连续", K, "未发放"],
                ["每月工资", m_piece, "，", K, "的工资至今未发"],
                ["拖欠", K, "工资未付，每月", m_piece],
                ["约定月薪", m_piece, "，但", K, "工资至今未发放"],
            )))
        return Seq(c.choice((
            ["一个月", m_piece, "，", K, "没发了"],
            ["说好一个月", m_piece, "，", K, "的", pay, "一分没给"],
            [K, "的", pay, "没发，一个月", m_piece],
            ["每个月", m_piece, "，欠了", K],
        )))
    if mode == "daily":
        d_piece, dv, _ = c.money.piece(c.daily, "daily_wage", approx=False)
        days = days_text(rng, c.days, c.register)
        owe(dv * c.days)
        if f:
            return Seq(c.choice((
                ["约定日工资", d_piece, "，共出工", days, "，工资分文未付"],
                ["按每天", d_piece, "计算，", days, "的工钱至今未结"],
            )))
        return Seq(c.choice((
            ["一天", d_piece, "，干了", days, "，一分钱没拿到"],
            ["每天", d_piece, "，干了", days, "，", pay, "到现在没结"],
            ["干了", days, "，说好一天", d_piece, "，现在不给结了"],
        )))
    if mode == "per_person":
        txt, wv, wap = c.headcount()
        c.workers = (wv, wap)
        p_piece, pv, _ = c.money.piece(_per_person_base(c), "per_person")
        owe(pv * wv)
        if f:
            return Seq(c.choice((
                ["涉及", txt, "名工人，每人被拖欠", p_piece],
                ["按每人", p_piece, "×", txt if txt[0].isdigit() else str(wv), "人计算，工资至今未付"],
                ["共", txt, "人，人均被欠", p_piece],
                [txt, "名工人每人", p_piece, "的工资未付"],
            )))
        return Seq(c.choice((
            ["我们", txt, "个人，每个人", p_piece],
            [txt, "个人每人都被欠了", p_piece],
            ["一共", txt, "个人，一人", p_piece],
        )))
    if mode == "monthly_group":
        txt, wv, wap = c.headcount()
        c.workers = (wv, wap)
        m_piece, mv, _ = c.money.piece(c.monthly, "monthly_wage", approx=c.p(0.3))
        owe(mv * c.months * wv)
        if f:
            return Seq(("全体", txt, "名员工", K, "工资未发，每人每月", m_piece))
        return Seq(("我们", txt, "个人", K, "没发", pay, "了，一个人一个月", m_piece))
    if mode == "earned_paid":
        earned = _round_to(_debt_base(c) * 1.6, 1000)
        paid = _round_to(earned * rng.choice((0.15, 0.2, 0.25, 0.3, 0.4)), 1000)
        e_piece, ev, _ = c.money.piece(earned, "other", approx=False)
        x_piece, xv, _ = c.money.piece(paid, "other", approx=False)
        r_piece, rv, _ = c.money.piece(ev - xv, "owed_total", approx=False, style="ar" if c.formal else None)
        owe(rv)
        if f:
            return Seq(("应付工资", e_piece, "，仅支付", x_piece, "，尚欠", r_piece))
        return Seq(("算下来一共", e_piece, "，只给了", x_piece, "，还差", r_piece))
    if mode == "total_pp":
        base = _debt_base(c)
        piece, v, _ = c.money.piece(base, "owed_total")
        pp, ppv, _ = c.money.piece(_per_person_base(c), "per_person", approx=True)
        owe(v)
        if f:
            return Seq(("拖欠工资共计", piece, "，每人", pp, "不等" if c.p(0.3) else ""))
        return Seq(("一共欠了", piece, "，每个人", pp))
    raise ValueError(mode)


def _round_to(v: float, q: int) -> int:
    return max(q, int(round(v / q)) * q)


def _debt_base(c: Case) -> int:
    if c.group:
        n = c.workers_n or 12
        per = c.rng.choice((8000, 12000, 15000, 20000, 25000, 30000, 40000))
        return _round_to(n * per, 1000)
    return _round_to(c.monthly * c.rng.choice((1, 2, 2, 3, 4, 6)), 100)


def _per_person_base(c: Case) -> int:
    return c.rng.choice((3000, 4500, 6000, 8000, 10000, 12000, 15000, 20000, 25000, 30000, 45000))


# --- flag clauses --------------------------------------------------------------------------

REPEAT_FORMAL = (
    "此前已多次向{dept}反映，至今未解决",
    "来电人称曾于{when}拨打12345反映此事，至今未得到解决",
    "其已向{dept}投诉过，但问题一直没有解决",
    "此前已(两次|三次|多次)反映，(均无结果|至今没有回复|问题仍未解决)",
    "(去年|上个月|年前)曾向{dept}反映过，(至今未解决|没有下文|仍未落实)",
    "该问题已反复反映(多次|半年多|一年多)，至今未解决",
)
REPEAT_ORAL = (
    "(之前|上个月|去年)打过12345(了|)，(到现在也没人管|一直没下文|也没解决)",
    "(我们|我)(跑|去)了{dept}(好几次|不止一趟|三四趟)(，一直没结果|，没用|，说在处理)",
    "(都反映好多次了|反映过N次了|反映了不知道多少回了)(还是没人管|一直拖着|都没解决)",
    "上回打电话反映过(，说转给{dept}了)(，到现在没动静|，一直没回音)",
)
DEPTS = ("劳动监察大队", "人社局", "劳动监察部门", "区人社局", "镇劳动所", "信访局", "街道", "住建局", "劳动保障所", "12345热线")
EXTREME_FORMAL = (
    "工人们情绪激动，扬言(要到政府门口拉横幅|要堵路|要集体进京上访|不给钱就跳楼)",
    "(来电人|工人)(称|表示)如再不解决将(到市政府门口拉横幅|集体到北京上访|采取极端行为)",
    "(有名|一位)工人(爬到|站在)(楼顶边上|脚手架最高处)，(喊着|嚷着)(拿不到钱|不结账)就(往下跳|不活了)",
    "部分工人准备(堵路讨薪|去北京上访|到高速路口堵路)",
)
EXTREME_ORAL = (
    "(再拖下去|这钱再不给)(我就从楼上跳下去|我就喝药|大伙就举着横幅去政府|我们就去堵路|我们就去北京)",
    "(实在没办法了|逼急了)(有工友说要跳楼|我们准备去北京上访|我们就拉横幅去)",
    "(大家商量好了|我们已经说好了)(明天去政府门口拉横幅|去高速路口堵路|进京反映)",
    "(我真想一头撞死在他们公司门口|真不行我就喝农药死在他家门口)",
)
GOV_FORMAL = (
    "该项目系政府投资项目", "该工程是(市|区|县)里的重点工程", "该项目属于市政工程", "该项目使用财政资金建设",
    "该企业是当地招商引资企业", "该项目为PPP项目", "该工程是(县|区)政府投资的民生工程", "该项目是省重点项目",
)
GOV_ORAL = (
    "这个是政府投资的项目", "这还是(市|县|区)里的重点工程", "是政府的市政工程", "听说是招商引资进来的企业", "用的财政的钱",
    "这个项目是政府投钱的", "说是重点项目",
)


REPEAT_FIRST = (
    "(我|我们)此前已(多次|两次|三次)向{dept}反映，(至今未解决|均无结果|一直没有下文)",
    "(去年|上个月|年前)(我|我们)(打过|拨打过)12345，(也去过|还找过){dept}，(问题至今没有解决|到现在没有结果)",
    "(这件事|此事)(我|我们)已(反映|投诉)(一年多|大半年|多次)，(始终|一直)(没有解决|没有答复)",
)


def repeat_clause(c: Case):
    c.want.add("repeat")
    pool = (REPEAT_FORMAL if c.register == "work_order" else REPEAT_FIRST) if c.formal else REPEAT_ORAL
    src = c.choice(pool).replace("{dept}", c.choice(DEPTS)).replace("{when}", c.choice(("上月", "去年年底", "今年3月", "前期")))
    src = src.replace("N次", c.choice(("好几次", "三四次", "N次")))
    return Piece(_flat(c, src), "cue", {"cue": "repeat"})


def extreme_clause(c: Case):
    pool = EXTREME_FORMAL if c.formal else EXTREME_ORAL
    return Piece(_flat(c, c.choice(pool)), "cue", {"cue": "extreme_risk"})


def gov_clause(c: Case):
    pool = GOV_FORMAL if c.formal else GOV_ORAL
    if c.sector in ("construction", "transport_project", "water_project", "education"):
        pool = tuple(x for x in pool if "招商引资" not in x)
    return Piece(_flat(c, c.choice(pool)), "cue", {"cue": "gov_project"})


def _flat(c: Case, src: str) -> str:
    """Render a template to one plain string (for cue pieces)."""
    return "".join(p.text for p in c.render(T(src)))
