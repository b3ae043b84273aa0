"""Noise on rendered pieces: traditional script, typos and homophones, dialect, ASR artefacts.

Everything here works on the piece list, before offsets are computed. Plain pieces may
change freely (offsets are computed afterwards); label-bearing pieces (spans, amounts,
contacts, flag cues) are only ever converted character for character, so their text
keeps its length and meaning.
"""
from __future__ import annotations

import random
import re
from functools import lru_cache
from pathlib import Path

from training.corpus.text import Piece

# --- traditional characters, one for one ------------------------------------------------------

_T_OVERRIDE = {"里": "裡", "台": "台", "钟": "鐘", "签": "簽", "系": "系", "征": "征", "范": "范", "郁": "郁",
               "余": "餘", "干": "幹", "面": "面", "发": "發", "后": "後", "只": "只", "松": "松", "才": "才",
               "制": "制", "复": "復", "周": "周", "朴": "朴", "谷": "谷", "采": "採"}
_T_PHRASE = {"老板": "老闆", "头发": "頭髮", "干净": "乾淨", "面条": "麵條", "周末": "週末", "复印": "複印",
             "里面": "裡面", "台风": "颱風", "吃面": "吃麵", "一周": "一週", "每周": "每週"}


@lru_cache(maxsize=1)
def _s2t_table() -> dict[int, str]:
    import opencc
    path = Path(opencc.__file__).parent / "dictionary" / "STCharacters.txt"
    table: dict[int, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 2 and len(parts[0]) == 1:
            t = parts[1].split(" ")[0]
            if len(t) == 1 and t != parts[0]:
                table[ord(parts[0])] = t
    for s, t in _T_OVERRIDE.items():
        if s == t:
            table.pop(ord(s), None)
        else:
            table[ord(s)] = t
    return table


def to_traditional(text: str) -> str:
    """Simplified -> traditional, character for character (the length never changes)."""
    out = text.translate(_s2t_table())
    for s, t in _T_PHRASE.items():
        if s in text:
            i = text.find(s)
            while i >= 0:
                out = out[:i] + t + out[i + len(t):]
                i = text.find(s, i + 1)
    assert len(out) == len(text)
    return out


def traditional(pieces: list[Piece]) -> list[Piece]:
    return [Piece(to_traditional(p.text), p.kind, p.data) for p in pieces]


# --- typos, homophones, dialect -------------------------------------------------------------

# what people (and speech recognisers) actually write instead
HOMOPHONES = {
    "工资": ("公资", "工姿", "工支"), "工钱": ("公钱", "工前"), "加班费": ("加班肥", "加班废"), "工伤": ("公伤", "工商"),
    "社保": ("社宝",), "押金": ("压金",), "身份证": ("身分证",), "补偿金": ("补长金", "补尝金"),
    "报销": ("包销", "抱销"), "挂失": ("挂湿",), "待业": ("代业",), "自主": ("自助",), "童工": ("同工",),
    "灵活就业": ("零活就业",), "档次": ("当次",), "微信": ("维信", "威信"), "养老金": ("养老经", "养老今"),
    "退休金": ("退修金",), "失业金": ("失业经",), "供暖": ("共暖",), "开发商": ("开发上",), "调解": ("调节",),
    "仲裁": ("仲栽", "中裁"), "合同": ("和同",), "辞退": ("词退", "辞推"), "培训费": ("培训废",),
    "公积金": ("公基金", "公机金"), "医保": ("一保",), "劳动": ("老动",), "监察": ("监查", "坚察"),
    "高温": ("高瘟",), "赔偿": ("陪偿", "赔尝"), "派遣": ("派遗",), "拖欠": ("托欠", "拖歉"), "结算": ("节算",),
    "报警": ("报井",), "投诉": ("头诉", "投述"), "反映": ("反应",), "工地": ("公地",), "农民工": ("农名工",),
    "能报": ("能抱",), "补贴": ("补帖", "不贴"), "证明": ("正明",), "人社局": ("人设局", "人社据"),
    "劳务": ("老务",), "缴费": ("交费",), "缴纳": ("交纳",), "工作": ("公作",), "手续": ("手绪",),
}
# colloquial words for the same thing (not errors; they just are not the textbook word)
SYNONYMS = {
    "结清工资": ("结账", "把账结了"), "工资": ("工钱", "薪水"), "逃跑": ("跑路",), "联系不上": ("失联了", "人找不到了"),
    "老板": ("老板", "头儿"), "不给": ("不给", "不肯给"), "怎么办": ("咋办", "咋整", "怎么搞"),
}
DIALECT = (
    ("什么", ("啥", "啥子", "么子")), ("怎么", ("咋", "咋个", "怎个")), ("不知道", ("不晓得", "不造")),
    ("我们", ("俺们", "我们", "阿拉")), ("没有", ("没得", "木有", "冇")), ("很", ("蛮", "贼", "老")),
    ("多少", ("好多",)), ("这样", ("这么个", "酱紫")), ("今天", ("今儿", "今儿个")), ("干活", ("做工", "做活")),
    ("孩子", ("娃", "娃儿", "小孩")), ("一点", ("一丢丢", "一点点")), ("真的", ("真滴", "真的")),
)
_PUNCT = re.compile(r"[，。、；！？：,.;!?:“”\"（）()《》…—\s]+")


def _sub_once(rng: random.Random, text: str, table, p: float) -> str:
    items = table.items() if isinstance(table, dict) else table
    for word, alts in items:
        if word in text and rng.random() < p:
            i = text.find(word)
            text = text[:i] + rng.choice(alts) + text[i + len(word):]
    return text


def typos(rng: random.Random, pieces: list[Piece], p: float = 0.5, max_n: int = 2) -> list[Piece]:
    """A typo or homophone here and there in the plain text (公资, 压金, 加班肥 ...)."""
    out, n = [], 0
    keys = list(HOMOPHONES)
    for pc in pieces:
        if pc.kind is None and n < max_n:
            t = pc.text
            rng.shuffle(keys)
            for k in keys:
                if n >= max_n:
                    break
                if k in t and rng.random() < p:
                    i = t.find(k)
                    t = t[:i] + rng.choice(HOMOPHONES[k]) + t[i + len(k):]
                    n += 1
            pc = Piece(t)
        out.append(pc)
    return out


def dialect(rng: random.Random, pieces: list[Piece], p: float = 0.6) -> list[Piece]:
    return [Piece(_sub_once(rng, pc.text, DIALECT, p)) if pc.kind is None else pc for pc in pieces]


def colloquial(rng: random.Random, pieces: list[Piece], p: float = 0.4) -> list[Piece]:
    return [Piece(_sub_once(rng, pc.text, SYNONYMS, p)) if pc.kind is None else pc for pc in pieces]


def strip_punct(rng: random.Random, pieces: list[Piece], sep: str = " ", keep_some: float = 0.0) -> list[Piece]:
    """Punctuation to spaces (or nothing); `keep_some` keeps that share of marks."""
    def repl(m: re.Match) -> str:
        if keep_some and rng.random() < keep_some:
            return m.group(0)
        return sep
    out = []
    for pc in pieces:
        if pc.kind is None:
            pc = Piece(_PUNCT.sub(repl, pc.text))
        out.append(pc)
    return out


FILLERS = ("那个", "就是", "嗯", "然后", "呃", "就是说", "那个那个", "对", "啊", "这个", "就", "反正", "怎么说呢")


def asr(rng: random.Random, pieces: list[Piece]) -> list[Piece]:
    """A phone call as a speech recogniser writes it: no punctuation, fillers, repeats, homophones."""
    pieces = typos(rng, pieces, p=0.55, max_n=3)
    out: list[Piece] = []
    for pc in pieces:
        if pc.kind is not None:
            out.append(pc)
            continue
        chunks = [c for c in _PUNCT.split(pc.text)]
        buf: list[str] = []
        for j, c in enumerate(chunks):
            if c and rng.random() < 0.22:
                c = rng.choice(FILLERS) + " " + c
            if c and len(c) >= 4 and rng.random() < 0.08:
                k = rng.randint(1, 2)
                c = c[:k] + " " + c            # stutter: 我 我们
            buf.append(c)
        t = " ".join(buf)
        # keep a boundary where the original had one at either end
        if pc.text and _PUNCT.match(pc.text[0]) and not t.startswith(" "):
            t = " " + t
        if pc.text and _PUNCT.match(pc.text[-1]) and not t.endswith(" "):
            t = t + " "
        out.append(Piece(re.sub(r" {2,}", " ", t)))
    return out


EMOJI = ("😤", "😡", "😭", "🙏", "😢", "😠", "🥵", "💢", "😓", "😩", "[捂脸]", "[流泪]", "[发怒]", "[抓狂]", "🤬", "😰", "[合十]")


def emoji(rng: random.Random, pieces: list[Piece]) -> list[Piece]:
    """One or two emoji at clause ends in a chat message."""
    out = list(pieces)
    n = rng.choice((1, 1, 2))
    for _ in range(n):
        idx = [i for i, p in enumerate(out) if p.kind is None and re.search(r"[ ，。！？]", p.text)]
        if not idx:
            out.append(Piece(rng.choice(EMOJI)))
            break
        i = rng.choice(idx)
        t = out[i].text
        ms = [m.start() for m in re.finditer(r"[ ，。！？]", t)]
        k = rng.choice(ms)
        out[i] = Piece(t[:k] + rng.choice(EMOJI) + t[k:])
    return out
