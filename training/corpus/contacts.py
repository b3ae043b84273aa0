"""Contact details callers leave (PII the service must find and mask).

phone: 11-digit mobile with a real prefix; landline: area code + number; id_number:
18-digit resident ID with a valid GB 11643 checksum; bank_card: 16-19 digits with a
valid Luhn digit and a UnionPay-style prefix.
"""
from __future__ import annotations

import random

MOBILE_PREFIX = ("130 131 132 133 135 136 137 138 139 150 151 152 153 155 156 157 158 159 166 "
                 "170 173 175 176 177 178 180 181 182 183 185 186 187 188 189 191 198 199").split()
AREA_CODES = ("010 021 022 023 020 025 027 028 029 0551 0552 0553 0554 0555 0556 0557 0558 0559 0561 0562 0563 "
              "0564 0566 0510 0511 0512 0513 0514 0515 0516 0517 0518 0519 0523 0527 0571 0572 0573 0574 0575 "
              "0576 0577 0578 0579 0580 0531 0532 0533 0534 0535 0536 0537 0538 0539 0371 0372 0373 0374 0375 "
              "0591 0592 0595 0596 0731 0732 0791 0792 0311 0312 0351 0471 0431 0451 0771 0871 0851 0898").split()
ID_PROV = "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 61 62".split()
CARD_PREFIX = ("622848", "622202", "621700", "622700", "623668", "621661", "622588", "621226", "622262",
               "621483", "622609", "625965", "622908", "621799", "623058")

_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_C = "10X98765432"


def id_checksum(first17: str) -> str:
    return _C[sum(int(d) * w for d, w in zip(first17, _W)) % 11]


def id_valid(s: str) -> bool:
    return len(s) == 18 and s[:17].isdigit() and id_checksum(s[:17]) == s[17].upper()


def luhn_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def phone(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIX) + "".join(str(rng.randrange(10)) for _ in range(8))


def landline(rng: random.Random) -> str:
    code = rng.choice(AREA_CODES)
    n = 8 if len(code) == 3 else rng.choice((7, 8))
    num = str(rng.randint(2, 8)) + "".join(str(rng.randrange(10)) for _ in range(n - 1))
    return code + rng.choice(("-", "-", "")) + num


def id_number(rng: random.Random) -> str:
    area = rng.choice(ID_PROV) + f"{rng.randint(1, 30):02d}" + f"{rng.randint(1, 40):02d}"
    y = rng.randint(1952, 2005)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    body = f"{area}{y}{m:02d}{d:02d}{rng.randint(0, 999):03d}"
    return body + id_checksum(body)


def bank_card(rng: random.Random) -> str:
    pre = rng.choice(CARD_PREFIX)
    length = rng.choice((16, 19, 19))
    body = pre + "".join(str(rng.randrange(10)) for _ in range(length - len(pre) - 1))
    return body + luhn_digit(body)
