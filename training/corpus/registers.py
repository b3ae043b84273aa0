"""Registers: how the same case is written as a 12345 work order, an online message to
the leadership mailbox, a 信访 petition, a one-liner, a long rambling narrative, a chat
message, or a speech-recognised phone call.

Each writer returns pieces; clause order, optional clauses, openers, closings and
punctuation vary per text.
"""
from __future__ import annotations

from training.corpus import noise
from training.corpus import parties as P
from training.corpus.case import Case
from training.corpus import frames
from training.corpus.frames import CONS, FRAMES, pick, scenario_question
from training.corpus.text import Piece, T, merge_plain

# --- shared clauses ----------------------------------------------------------------------------


def setup(c: Case):
    """Who works where (formal or oral), for the labour types."""
    spec = FRAMES[c.primary]
    if spec.get("service") or spec.get("other") or c.subject == "bystander":
        return None
    if c.primary in ("discrimination", "recruitment_fraud", "child_labor", "forced_labor") or c.p(0.12):
        return None
    crew = group_subject(c) if c.group else None
    subj = crew or "{我}"
    if c.sector in CONS:
        emp1 = "[，(用工单位|施工单位|总包单位)为{employer}]" if c.employer else ""
        emp2 = "[，(该项目|工程)由{employer}(承建|施工)]" if c.employer else ""
        emp3 = "[（{employer}承建）]" if c.employer else ""
        return c.f((
            subj + "(自{start}起|于{start}|从{start}开始)在{loc}(的)?{project}(从事|干){job}(工作|活)" + emp1 + "[，由{contractor}(带班|负责|招来)]",
            subj + "(跟随|跟着){contractor}在{loc}{project}(务工|干活)" + emp2,
            subj + "(系|是){loc}{project}" + emp3 + "的(工人|{job})",
        ), (
            subj + "(去年|{start})(跟着|跟){contractor}在{loc}(那个)?{project}(干活|做{job})",
            "(我们|我)在{loc}(那个|一个)?{project}干{job}[，(老板|包工头)是{contractor}]",
            subj + "在{project}干了{dur}",
        ))
    if c.sector == "domestic_service":
        return c.f(("{我}(经|通过){contractor}介绍，(于{start})?到{loc}一户人家(做|当){job}",),
                   ("(经|通过){contractor}介绍去{loc}一户人家(做|当){job}", "在{loc}(给人家|一户人家)(当|做){job}"))
    if c.sector == "unknown":
        return c.f((subj + "(于{start}|自{start}起)(入职|进入){loc}{emp_intro}(工作|上班)",
                    subj + "在{loc}{emp_intro}上班[，(已工作|工作了){dur}]"),
                   ("我在{loc}{emp_intro}上班[，(干了|做了){dur}]", "{start}进的{emp_intro}", subj + "在{emp_intro}(干了|上了){dur}(班)?"))
    if c.formal:
        return c.f((
            subj + "(于{start}|自{start}起|{start})(入职|进入){loc}的{employer}，(从事|担任){job}(工作|一职|岗位)",
            subj + "在{loc}{employer}(做|当|任){job}[，(已工作|工作了){dur}]",
            subj + "(系|是)(位于)?{loc}(的)?{employer}(的)?(员工|职工|{job})",
            subj + "(原|之前)在{employer}(上班|工作)，(该单位|单位)位于{loc}",
            subj + "在{employer}(上班|工作)(已有|有){dur}",
        ), ())
    return c.f((), (
        "我在{loc}(的)?{employer}(干|做|当){job}[，(干了|做了){dur}]",
        "{start}进的{employer}，(在{workplace})?(干|做){job}",
        subj + "在{employer}(上班|干活)[，(干了|有){dur}]",
        "(我是{employer}的{job}|我在{employer}(做|当){job})",
    ))


def group_subject(c: Case) -> str | None:
    if c.subject in ("family", "colleague"):
        return None
    if c.persp == "3":
        return c.choice(("其与(其他)?{workers}", "其所在班组共{workers}", "其与同村{workers}", "其等{workers}"))
    if c.subject == "bystander":
        return "{workers}"
    return "(我们|我们一共|我们这里)?{workers}" if c.p(0.7) else "我和(其他)?{workers}"


def migrant_clause(c: Case):
    return lambda ctx: None if ctx.notes.get("migrant_said") else _migrant_clause(ctx)


def _migrant_clause(c: Case):
    if not c.group:
        return c.f(("{我}(是|系)(从外地来的|来自农村的|外出务工的)?{migrant}", "{我}(是|系)(在外地务工的|进城务工的){migrant}",
                    "{我}(是|系)进城务工人员（{migrant}）"),
                   ("(我|俺)是(农村出来打工的|外地来的)?{migrant}", "我一个{migrant}(出来挣点钱|在外面干活)不容易"))
    return c.f((
        "{我们}(均|都)(是|系)(外出务工的|来自农村的)?{migrant}",
        "(涉及|讨薪的)(均|都)为{migrant}",
    ), (
        "(我们|我)(都是|是)(外地来的|农村出来的|出来打工的)?{migrant}",
        "我们这些{migrant}(出来干一年|挣点钱)不容易",
    ))


def collective_clause(c: Case):
    return c.f(("(此事)?涉及{group}", "{group}(均|都)(是这种情况|受到影响)", "{group}(联名|集体)反映"),
               ("{group}都是这样", "(我们|不光我){group}都(没拿到|一样)", "{group}(一起|集体)来反映"))


def contact_clause(c: Case):
    kind = c.choice(("phone", "phone", "phone", "phone", "landline", "idno", "card")) if not c.oral else c.choice(("phone", "phone", "card"))
    who = {"work_order": "来电人", "petition": "信访人"}.get(c.register, "本人")
    if kind == "phone":
        return c.f(("(联系电话|回访电话|联系方式)[：]{phone}", who + "(电话|手机号)[：]{phone}", "(" + who + "留有|留下)(手机号|电话){phone}"),
                   ("(我的)?电话(是)?{phone}", "(有事|回个电话)打{phone}"))
    if kind == "landline":
        return T("(联系电话|座机|" + who + "座机)[：]{landline}")
    if kind == "idno":
        return c.f(("(" + who + ")?身份证号[：]{idno}", who + "身份证号码{idno}"), ("身份证号{idno}",))
    return c.f(("(" + who + ")?(工资|收款)卡号(为|：){card}", who + "(银行卡|代发工资卡)号{card}"), ("(我|我的)(卡号|工资卡){card}",))


EMOTION = {
    "money": ("(家里|我家)(老人|老母亲)(还等着这钱看病|住院等着钱)", "(孩子|两个孩子)(上学|开学)要交学费", "(马上|眼看就要)过年了",
              "房租都(交不上了|欠了两个月)", "(真的|实在)(没办法了|走投无路了)", "(一家老小|全家)(的开销|吃喝)(都)?(靠|等着)这笔钱",
              "(身上|兜里)(快|都)(见底了|掏不出钱了)", "(这几天|晚上)(愁得|急得)睡不着觉"),
    "work": ("(真的|实在)(没办法了|憋屈)", "(晚上|这几天)(急得|气得)睡不着觉", "(我们|我)(出来打工|在外面干活)(不容易|太难了)",
             "(心里|越想越)(憋屈|窝火)", "(一家人|家里)(都指着我|全靠我这份工)"),
    "service": ("(来回|前后)跑了(好几趟|好多回)", "(心里|家里)(着急|干着急)", "(真的|实在)(搞不懂|弄不明白)这些政策",
                "(问了|打听了)(好几个人|一圈)(都说不清|也没弄明白)", "(网上|手机上)(查了半天|找了半天)(也没找到|看不明白)"),
    "other": ("(老人|孩子)(睡不好|受罪)", "(每天|天天)(心烦|窝火)", "(实在|真的)(受不了了|忍不下去了)", "(找了|问了)好多地方(都不管|没结果)"),
}
BACKGROUND = {
    "work": ("我是(河南|安徽|四川|贵州|江西|湖南|甘肃)(农村|人)，(跟|和)(老乡|同村的)出来打工(好多年了|十来年了)",
             "我今年(五十多了|四十六了|快六十了)，(家里|老家)还有(老人|两个孩子)", "我(一直|这些年)在外面(打工|干活)，(老婆|媳妇)在老家带孩子",
             "(说起来|这事)(话长|说来话长)", "(本来|之前)(不想|没打算)麻烦政府的"),
    "service": ("(我|我们家)是(普通|老实)(老百姓|人家)，(不太懂|搞不清)这些政策", "(说起来|这事)(话长|说来话长)", "(我|老人)(岁数大了|年纪大了)"),
    "other": ("我(家|们)住在这(小区|里)(好多年了|十几年了)", "我是(这个小区|附近)的(业主|住户)", "(说起来|这事)(话长|拖了很久了)",
              "(本来|之前)(不想|没打算)(打电话|麻烦你们)的"),
}


DIGRESS = {
    "work": ("(后来|之后)我(去找过|找了)(老板|人事|主管|{boss})(好几次|几回)，(每次都|都)(说再等等|推给别人|不接电话)",
             "(身边|一起干的)(工友|同事)(也|都)(是这样|碰到过这种事)，(大家|谁)(都)?(敢怒不敢言|不敢出头)",
             "(我|我们)也不是(不讲理|想闹事)的人，(就想|只想)(讨个公道|把该拿的拿到手)",
             "(说句实在话|说实话)，要不是(实在没办法|被逼急了)，(谁愿意|也不会)(打这个电话|来麻烦政府)",
             "(当初|那时候)(进去|入职)的时候(说得好好的|啥都答应)，(后来|结果)(全变了|一样都没兑现)",
             "(我|我们)(在那|在这)(干了|待了){dur}，(从来|一直)(没迟到过|勤勤恳恳)",
             "(家里人|我老婆|我妈)(都|也)(劝我|说)(算了|别闹了)，(可|但)(这口气|这事)(咽不下去|不能就这么算了)"),
    "service": ("(我|我们)(在网上|手机上)查了(好久|半天)(也没弄明白|看不懂那些条款)",
                "(问了|打听了)(村里|社区|身边的人)(也说不清|都不太清楚)",
                "(家里|老人)(就靠|指着)(这点钱|这个)(过日子|看病)",
                "(跑了|去了)(两三趟|好几趟)(窗口|大厅)，(每次|一次)(排队|等)(大半天|一上午)"),
    "other": ("(找了|打了)(物业|商家|客服|社区)(好几次|多少回)(都没用|推来推去)",
              "(邻居们|大家)(意见都很大|都在群里吐槽)",
              "(说实话|讲真)(本来|我)(不想|没打算)(把事情闹大|麻烦你们)",
              "(这事|这个事)(拖了|闹了)(大半年|好几个月)(了)?，(一点|一直)(没改善|没有变化)"),
}


def digress(c: Case):
    f = family(c)
    return T(c.choice(DIGRESS["work" if f == "money" else f]))


def family(c: Case) -> str:
    if FRAMES[c.primary].get("other"):
        return "other"
    if FRAMES[c.primary].get("service"):
        return "service"
    return "money" if c.primary in ("wage_arrears", "work_injury", "dismissal", "recruitment_fraud") else "work"


def emotion(c: Case):
    return T(c.choice(EMOTION[family(c)]))


def background(c: Case):
    f = family(c)
    return T(c.choice(BACKGROUND["work" if f == "money" else f]))


def ask(c: Case):
    """The request: the scenario's own question, the type's request for the intent, or a demand built from all types."""
    spec = FRAMES[c.primary]
    own = frames.requests(c, spec)
    if c.intent == "inquiry" and not spec.get("service") and not spec.get("other"):
        q = scenario_question(c)
        if q is not None and c.p(0.85):
            return q
        return own.get("inquiry")
    if c.intent in ("inquiry", "suggestion") or spec.get("service") or spec.get("other"):
        return own.get(c.intent) or own.get("inquiry")
    if c.p(0.45) and c.intent in own:
        return own[c.intent]
    return demand(c)


def demand(c: Case):
    bits = []
    for t in [c.primary] + [t for t in c.types if t != c.primary]:
        spec = FRAMES[t]
        pool = spec.get("demand_oral") if (c.oral and spec.get("demand_oral")) else spec.get("demand")
        if pool:
            bits.append(c.choice(pool))
    d = bits[0] + ("" if len(bits) == 1 else c.choice(("并", "，并", "，同时")) + "，".join(bits[1:]))
    if c.oral:
        if c.intent == "help" and c.p(0.35):
            return T("(我|我们)(现在|这种情况)(该怎么办|该找谁|要走什么程序)(啊)?[，(能不能|可不可以)(帮帮|帮)(我|我们)]")
        return T("(希望|麻烦|求)(你们|政府|有关部门)(帮忙|让他们|督促他们)" + d)
    if c.intent == "help" and c.p(0.3):
        return T("(请问|想问问)(" + ("其" if c.persp == "3" else "我") + ")?(现在|目前)(应该|该)(怎么办|如何维权|走什么程序|找哪个部门)[，(恳请|希望)(给予|得到)(帮助|指导)]")
    who = {"workplace_safety": "(相关部门|应急管理部门|安监部门)", "forced_labor": "(公安机关|相关部门|有关部门)",
           "housing_fund": "(公积金管理中心|相关部门|有关部门)", "child_labor": "(相关部门|有关部门|人社部门)"}.get(
        c.primary, "(相关部门|有关部门|劳动监察部门|人社部门|政府)")
    if c.intent == "help":
        return T(f"(请求|恳请|希望){who}(帮助|协调)" + d)
    if c.intent == "report":
        return T(f"请{who}(核查|督促)(该单位|企业|其)" + d)
    return T(f"(要求|请求|希望)({who}(督促|责令|协调))?(该单位|公司|单位|对方)?" + d)


def extras(c: Case, out: list) -> None:
    """Flag cues the case wants said, inserted in natural places."""
    if "gov_project" in c.want:
        out.insert(min(2, len(out)), c.slots["gov"](c))
    if "migrant_worker" in c.want:
        out.insert(min(1, len(out)), migrant_clause(c))
    if "collective" in c.want:
        out.append(collective_clause(c))
    if "repeat" in c.want:
        out.append(c.slots["repeat"](c))
    if "extreme_risk" in c.want:
        out.append(c.slots["extreme"](c))


# --- joining -------------------------------------------------------------------------------

def join(c: Case, sents: list, seps=("。",), end: str = "。") -> list[Piece]:
    pieces: list[Piece] = []
    for s in sents:
        if s is None:
            continue
        r = c.render(s)
        if not "".join(p.text for p in r).strip():
            continue
        if pieces:
            last = pieces[-1].text
            if last and last[-1] not in "。！？：；\n， ":
                pieces.append(Piece(c.choice(seps)))
        pieces.extend(r)
    if end and pieces and pieces[-1].text and pieces[-1].text[-1] not in "。！？":
        pieces.append(Piece(end))
    return pieces


def body(c: Case) -> list:
    spec = FRAMES[c.primary]
    sents: list = []
    st = setup(c)
    if st is not None:
        sents.append(st)
    sents.extend(frames.core(c, spec))
    sents.extend(secondaries(c))
    extras(c, sents)
    return sents


SECONDARY_LEAD = ("", "", "另外，", "还有，", "此外，", "而且", "同时，", "更过分的是，", "不光这样，")


def secondaries(c: Case) -> list:
    """The companion types: a brief clause, or (often) a scenario of the type's own frame."""
    out = []
    for t in c.types:
        if t == c.primary:
            continue
        spec = FRAMES[t]
        scen = spec.get("scenarios")
        if scen and c.p(0.5):
            s = pick(c, scen, key="scn_" + t)
            src = s.wording(c.formal)
            if src:
                out.append(T(c.choice(SECONDARY_LEAD) + src))
                continue
        if spec.get("brief"):
            out.append(frames.brief(c, spec))
    return out


# --- the registers -------------------------------------------------------------------------

WO_OPEN = {
    "complaint": ("市民来电反映", "来电人反映", "来电人称", "市民反映", "市民来电投诉", "来电市民反映", "来电人来电反映", "市民来电称", "来电人表示"),
    "report": ("市民来电举报", "来电人举报", "市民来电反映", "来电人匿名反映", "市民举报", "来电人反映"),
    "inquiry": ("市民来电咨询", "来电人咨询", "市民咨询", "来电人来电咨询", "市民来电询问", "来电人称"),
    "help": ("市民来电求助", "来电人求助", "市民来电反映", "来电人称", "来电人来电求助"),
    "suggestion": ("市民建议", "来电人建议", "市民来电建议", "市民来电提出建议", "来电人反映并建议"),
}


def work_order(c: Case) -> list[Piece]:
    sents = body(c)
    if len(sents) > 3 and c.p(0.15):
        mid = sents[1:-1]
        c.rng.shuffle(mid)
        sents = [sents[0]] + mid + [sents[-1]]
    if c.p(0.14):
        sents.append(contact_clause(c))
    a = ask(c)
    pieces = [Piece(c.choice(WO_OPEN[c.intent]) + c.choice(("：", "：", "，", "：")))]
    pieces += join(c, sents, ("。", "。", "，", "；"))
    if c.intent in ("complaint", "help", "report"):
        lead = c.choice(("诉求：", "诉求：", "诉求：", "来电人诉求：", "", "来电诉求："))
        pieces += [Piece(lead)] + join(c, [a], end="。")
    else:
        pieces += join(c, [a], end="。")
    return pieces


GREET = ("尊敬的领导：您好！", "尊敬的领导：", "您好，", "领导好，", "尊敬的市长：", "尊敬的各位领导：", "", "", "您好！",
         "尊敬的人社局领导：", "市长您好：", "各位领导好，", "尊敬的区领导：")
CLOSE = ("盼复，谢谢！", "望领导重视！", "恳请领导关注。", "谢谢！", "", "", "万分感谢！", "期待您的回复。", "望尽快处理，谢谢。")


def online_message(c: Case) -> list[Piece]:
    sents = body(c)
    if c.p(0.08):
        sents.append(contact_clause(c))
    a = ask(c)
    sents.append(a)
    g = c.choice(GREET)
    if (FRAMES[c.primary].get("other") or FRAMES[c.primary].get("service")) and g.startswith("尊敬的人社局"):
        g = "尊敬的领导："
    pieces = [Piece(g)] if g else []
    pieces += join(c, sents, ("。", "。", "，"), end="。")
    cl = c.choice(CLOSE)
    tail = "".join(p.text for p in pieces[-3:])
    if cl and not any(w in tail for w in ("谢谢", "盼复")):
        pieces.append(Piece(cl))
    return pieces


PETITION_TITLE = {
    "wage_arrears": ("拖欠农民工工资", "拖欠工资", "讨要工资", "追讨欠薪"), "social_insurance": ("未缴纳社会保险", "社保欠缴"),
    "work_injury": ("工伤待遇", "工伤赔偿", "职业病待遇"), "social_security_service": ("养老待遇", "社保待遇", "医保报销"),
    "dismissal": ("违法辞退", "解除劳动关系"), "housing_fund": ("住房公积金欠缴",), "labour_policy": ("工资待遇政策落实",),
    "labor_dispatch": ("派遣工同工同酬",), "recruitment_fraud": ("中介诈骗",), "other": ("有关问题", "相关诉求"),
}
ADDRESSEE = ("市委、市政府领导", "县委、县政府领导", "区人社局领导", "市人社局领导", "省领导", "各位领导", "信访局领导", "领导", "市长")


def petition(c: Case) -> list[Piece]:
    sents = body(c)
    a = ask(c)
    pieces: list[Piece] = []
    if c.p(0.45):
        subj = c.choice(PETITION_TITLE.get(c.primary, ("有关问题",)))
        pieces.append(Piece(c.choice(("关于", "关于", "")) + c.choice(("", "请求解决", "反映")) + subj
                            + c.choice(("的反映", "问题的信访件", "的请求", "的情况反映", "")) + "\n"))
    addr = c.choice(ADDRESSEE)
    if FRAMES[c.primary].get("other") and "人社" in addr:
        addr = "各位领导"
    pieces.append(Piece(c.choice(("尊敬的", "尊敬的", "")) + addr + "：\n"))
    if c.p(0.4) and not c.group:
        yr = c.rng.randint(1955, 1998)
        pieces.append(Piece(f"信访人{P.person(c.rng, 'moumou')}，{'男' if c.gender == 'm' else '女'}，{yr}年出生。"))
    pieces += join(c, sents, ("。", "。", "，"), end="。")
    pieces += join(c, [a], end="。")
    closings = ["\n此致\n敬礼！", "\n此致\n敬礼", "", ""]
    if c.intent in ("complaint", "help"):
        closings.append("\n恳请领导为" + ("我们" if c.group else "我") + "做主！")
    pieces.append(Piece(c.choice(closings)))
    if c.p(0.55):
        pieces.append(Piece(c.choice(("\n信访人：", "\n联系人：", "\n反映人：")) + P.person(c.rng, "moumou") + c.choice(("  电话：", " ", "，联系电话："))))
        pieces.append(c.slots["phone"](c))
    if c.p(0.35):
        pieces.append(Piece(f"\n{c.rng.choice((2023, 2024, 2025))}年{c.rng.randint(1, 12)}月{c.rng.randint(1, 28)}日"))
    return pieces


def one_liner(c: Case) -> list[Piece]:
    spec = FRAMES[c.primary]
    if frames.has_short(spec) and c.p(0.55):
        pieces = c.render(frames.short(c, spec))
    else:
        c.formal, c.oral = False, True          # the oral wording of the scenario
        core = frames.core(c, spec)
        pieces = c.render(core[0])
        txt = "".join(p.text for p in pieces)
        if len(txt) > 45:
            cut, n = [], 0
            for p in pieces:
                if p.kind is None and "，" in p.text and n + p.text.index("，") >= 14:
                    cut.append(Piece(p.text[:p.text.index("，")]))
                    break
                cut.append(p)
                n += len(p.text)
            pieces = cut
    txt = "".join(p.text for p in pieces)
    end = c.choice(("！", "！", "？", "。", "!!", "！！", "？？", ""))
    if "extreme_risk" in c.want:
        pieces += [Piece("，"), c.slots["extreme"](c)]
    elif "repeat" in c.want:
        pieces += [Piece("，"), c.slots["repeat"](c)]
    if txt and txt[-1] not in "！？。!?" and end:
        pieces.append(Piece(end))
    return pieces


def narrative(c: Case) -> list[Piece]:
    sents: list = []
    if c.p(0.85):
        sents.append(background(c))
    sents += body(c)
    used: set[str] = set()
    for _ in range(c.choice((1, 2, 2, 3))):
        d = digress(c)
        if d.src not in used:
            used.add(d.src)
            sents.insert(c.rng.randint(max(1, len(sents) - 1), len(sents)), d)
    for _ in range(c.choice((1, 1, 2))):
        sents.insert(c.rng.randint(max(1, len(sents) - 2), len(sents)), emotion(c))
    if c.p(0.3) and not FRAMES[c.primary].get("service"):
        sents.append(T("(我|我们)(也|都)(不知道|不晓得)(该找谁|怎么办)了"))
    sents.append(ask(c))
    return join(c, sents, ("，", "。", "。", "，"), end="。")


def wechat(c: Case) -> list[Piece]:
    spec = FRAMES[c.primary]
    sents = frames.core(c, spec)[:2]
    sents.extend(secondaries(c))
    extras(c, sents)
    if c.p(0.5):
        sents.append(T("{loc}(的|这边的|这里)"))
    if c.p(0.06):
        sents.append(contact_clause(c))
    sents.append(ask(c))
    pieces = join(c, sents, (" ", " ", "，"), end="")
    pieces = noise.strip_punct(c.rng, pieces, sep=" ", keep_some=0.35)
    if c.p(0.45):
        pieces = noise.emoji(c.rng, pieces)
    return pieces


ASR_OPEN = ("喂 你好", "喂 喂 听得到吗", "你好 那个", "喂 您好", "嗯 你好", "喂", "就是", "那个 你好", "喂 是12345吗")
ASR_INTENT = {
    "complaint": ("我要反映一下", "我想投诉", "我要反映个情况", "我想反映个事"),
    "report": ("我要举报", "我反映个情况啊", "我想举报一个"),
    "inquiry": ("我想问一下", "我咨询个事", "我想问下", "问个事啊"),
    "help": ("我想求个助", "我想问问你们能不能帮个忙", "我这边有个事想请你们帮忙"),
    "suggestion": ("我想提个建议", "我有个建议"),
}


def asr(c: Case) -> list[Piece]:
    sents: list = [T(c.choice(ASR_OPEN) + " " + c.choice(ASR_INTENT[c.intent]))]
    sents += body(c)
    if c.p(0.3):
        sents.append(emotion(c))
    if c.p(0.04):
        sents.append(contact_clause(c))
    sents.append(ask(c))
    pieces = join(c, sents, ("，",), end="")
    return noise.asr(c.rng, merge_plain(pieces))


WRITERS = {"work_order": work_order, "online_message": online_message, "petition": petition, "one_liner": one_liner,
           "narrative": narrative, "wechat": wechat, "asr": asr}
