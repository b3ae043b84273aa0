"""Pieces of text that know what they are, and a small template language.

A generated text is a list of `Piece`s: plain text, or a tagged piece (an employer
name, an amount, a phone number, a flag cue ...). Labels are never written by hand
next to a text: they are read off the pieces that were actually rendered, after all
noise, so every span's offsets are right by construction.

Template language (compact, so that one line gives many phrasings):

    {name}          a slot, resolved by the context (string, Piece, template, list of
                    alternatives or a callable(ctx) returning any of these)
    (a|b|c)         one alternative, chosen uniformly
    (a|b)?          the same, or nothing (probability 1/2)
    [text]          optional, kept with probability 1/2
    [?3 text]       optional, kept with probability 3/10 (digit 1..9)

Literal brackets of the template syntax are never needed in Chinese text (full-width
（） are ordinary characters).
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any, Callable

SPAN_FIELDS = ("employer", "contractor", "project", "location", "period")


@dataclass
class Piece:
    text: str
    kind: str | None = None          # None: plain text; else a label-bearing piece
    data: dict = field(default_factory=dict)

    @property
    def protected(self) -> bool:
        """Noise must not change these characters (except char-for-char script conversion)."""
        return self.kind is not None


class Seq(tuple):
    """Values rendered one after another (a list or tuple is a choice of alternatives)."""
    __slots__ = ()


class T:
    """A template (parsed lazily, cached by source string)."""
    __slots__ = ("src",)

    def __init__(self, src: str):
        self.src = src

    def __repr__(self) -> str:
        return f"T({self.src!r})"


# --- parser -----------------------------------------------------------------------------------

_CACHE: dict[str, tuple] = {}


def _parse(src: str) -> tuple:
    node = _CACHE.get(src)
    if node is None:
        node, i = _parse_seq(src, 0, "")
        if i != len(src):
            raise ValueError(f"template: unbalanced at {i} in {src!r}")
        _CACHE[src] = node
    return node


def _parse_seq(s: str, i: int, stop: str) -> tuple[tuple, int]:
    items: list = []
    buf: list[str] = []

    def flush():
        if buf:
            items.append(("lit", "".join(buf)))
            buf.clear()

    n = len(s)
    while i < n:
        ch = s[i]
        if ch in stop:
            break
        if ch == "{":
            j = s.index("}", i)
            flush()
            items.append(("slot", s[i + 1:j]))
            i = j + 1
        elif ch == "(":
            flush()
            alts = []
            i += 1
            while True:
                sub, i = _parse_seq(s, i, "|)")
                alts.append(sub)
                if i >= n:
                    raise ValueError(f"template: unclosed ( in {s!r}")
                if s[i] == ")":
                    i += 1
                    break
                i += 1
            if i < n and s[i] == "?":        # (a|b)? : the group itself is optional
                i += 1
                items.append(("opt", 0.5, ("alt", tuple(alts))))
            else:
                items.append(("alt", tuple(alts)))
        elif ch == "[":
            flush()
            p = 0.5
            i += 1
            if i + 1 < n and s[i] == "?" and s[i + 1].isdigit():
                p = int(s[i + 1]) / 10
                i += 2
                if i < n and s[i] == " ":
                    i += 1
            sub, i = _parse_seq(s, i, "]")
            if i >= n:
                raise ValueError(f"template: unclosed [ in {s!r}")
            i += 1
            if i < n and s[i] == "?":
                raise ValueError(f"template: '[...]?' in {s!r} ([...] is already optional)")
            items.append(("opt", p, sub))
        elif ch in ")|]":
            raise ValueError(f"template: stray {ch!r} at {i} in {s!r}")
        else:
            buf.append(ch)
            i += 1
    flush()
    return ("seq", tuple(items)), i


# --- rendering --------------------------------------------------------------------------------

class Ctx:
    """Rendering context: an RNG, slots, and what has been rendered so far."""

    def __init__(self, rng: random.Random, slots: dict[str, Any] | None = None):
        self.rng = rng
        self.slots: dict[str, Any] = dict(slots or {})
        self.used: dict[str, int] = {}

    def __setitem__(self, k: str, v: Any) -> None:
        self.slots[k] = v

    def __getitem__(self, k: str) -> Any:
        return self.slots[k]

    def get(self, k: str, default: Any = None) -> Any:
        return self.slots.get(k, default)

    def count(self, name: str) -> int:
        """How many times slot `name` was rendered before this call (and count this one)."""
        c = self.used.get(name, 0)
        self.used[name] = c + 1
        return c

    # rendering
    def render(self, value: Any) -> list[Piece]:
        out: list[Piece] = []
        self._value(value, out)
        return out

    def _value(self, v: Any, out: list[Piece]) -> None:
        if v is None:
            return
        if isinstance(v, str):
            if v:
                out.append(Piece(v))
        elif isinstance(v, T):
            self._node(_parse(v.src), out)
        elif isinstance(v, Piece):
            out.append(Piece(v.text, v.kind, dict(v.data)))
        elif isinstance(v, Seq):
            for x in v:
                self._value(x, out)
        elif isinstance(v, (list, tuple)):
            if v:
                self._value(v[self.rng.randrange(len(v))], out)
        elif callable(v):
            self._value(v(self), out)
        else:
            raise TypeError(f"cannot render {v!r}")

    def _node(self, node: tuple, out: list[Piece]) -> None:
        tag = node[0]
        if tag == "seq":
            for it in node[1]:
                self._node(it, out)
        elif tag == "lit":
            out.append(Piece(node[1]))
        elif tag == "slot":
            name = node[1]
            if name not in self.slots:
                raise KeyError(f"template slot {{{name}}} is not defined")
            self._value(self.slots[name], out)
        elif tag == "alt":
            alts = node[1]
            self._node(alts[self.rng.randrange(len(alts))], out)
        elif tag == "opt":
            if self.rng.random() < node[1]:
                self._node(node[2], out)


def merge_plain(pieces: list[Piece]) -> list[Piece]:
    """Join neighbouring plain pieces (noise works on longer runs of plain text)."""
    out: list[Piece] = []
    for p in pieces:
        if not p.text:
            continue
        if p.kind is None and out and out[-1].kind is None:
            out[-1] = Piece(out[-1].text + p.text)
        else:
            out.append(p)
    return out


def plain_text(pieces: list[Piece]) -> str:
    return "".join(p.text for p in pieces)


def assemble(pieces: list[Piece]) -> tuple[str, dict[str, Any]]:
    """The final text and what its pieces say: spans, amounts, contacts, cues."""
    text_parts: list[str] = []
    pos = 0
    spans: dict[str, dict] = {}
    amounts: list[dict] = []
    contacts: list[dict] = []
    cues: dict[str, list[str]] = {}
    for p in pieces:
        if not p.text:
            continue
        s, e = pos, pos + len(p.text)
        k = p.kind
        if k in SPAN_FIELDS:
            spans.setdefault(k, {"text": p.text, "start": s, "end": e})
        elif k == "amount":
            amounts.append({"value": p.data["value"], "text": p.text, "start": s, "end": e,
                            "approx": bool(p.data["approx"]), "kind": p.data["kind"]})
        elif k == "contact":
            contacts.append({"text": p.text, "start": s, "end": e, "kind": p.data["kind"]})
        elif k == "cue":
            cues.setdefault(p.data["cue"], []).append(p.text)
        for extra in p.data.get("also", ()):   # a span piece that is also a cue (e.g. a 市政工程 project)
            cues.setdefault(extra, []).append(p.text)
        text_parts.append(p.text)
        pos = e
    return "".join(text_parts), {"spans": spans, "amounts": amounts, "contacts": contacts, "cues": cues}


Slot = Callable[[Ctx], Any]
