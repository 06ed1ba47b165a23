"""Application numbers (nomor pendaftaran): made on the laptop without asking the server, read
out over the phone to a KPU office, typed back in by hand.

A new number is the body and fifteen characters in three groups of five::

    PPS-7KQXM-9ADF3-4RWCK

- the characters avoid the look-alikes 0/O, 1/I/L, 5/S, 8/B, 2/Z (and U/V), so every character
  read or heard has one meaning: 23 remain, a prime, which the check character needs;
- the first nine name the laptop (40 bits of its device id: among 100,000 laptops the chance two
  share them is ~0.5 %), the next five count its applications (up to 23**5 - 1), the last is
  a check character: one wrong character or two swapped ones never make another valid number;
- separators and case are for the reader only: ``pps 7kqxm9adf34rwck`` is the same number.

Numbers made before this format (``PPS-AFFACC1D45-00001``: hex device prefix, decimal count)
stay valid wherever a number is taken; ``format_application_no`` gives any number its printed
form."""

from __future__ import annotations

import hashlib
import re

ALPHABET = "34679ACDEFGHJKMNPQRTWXY"
BASE = len(ALPHABET)  # 23, prime: the check character's weights 1..15 are distinct mod 23
GROUP = 5
DEVICE_CHARS = 9  # 23**9 > 2**40: the 40 bits of device id the older numbers used too
DEVICE_BITS = 40
SEQUENCE_CHARS = 5
DATA_CHARS = DEVICE_CHARS + SEQUENCE_CHARS
CODE_CHARS = DATA_CHARS + 1
MAX_SEQUENCE = BASE**SEQUENCE_CHARS - 1
BODIES = ("PANTARLIH", "KPPS", "PPK", "PPS")  # longest first: "PPSX..." is never "PPK"

_VALUES = {c: i for i, c in enumerate(ALPHABET)}
_SEPARATORS = re.compile(r"[\s\-_.]+")
_OLD = re.compile(r"^(PANTARLIH|KPPS|PPK|PPS)-([0-9A-F]{6,10})-(\d{5,})$")
# Without separators an old number splits only at the widths it was made with.
_OLD_COMPACT = re.compile(r"^(PANTARLIH|KPPS|PPK|PPS)([0-9A-F]{10}|[0-9A-F]{6})(\d{5,})$")


class InvalidApplicationNumber(ValueError):
    """Text that is no application number, with what is wrong in words an admin can act on."""


class ApplicationNumberCheckFailed(InvalidApplicationNumber):
    """A new-format number whose check character does not match: a character misread, mistyped
    or two swapped."""


def check_char(data: str) -> str:
    """The check character for fourteen data characters (ISO 7064 style, weights 1..15 mod 23:
    the weighted sum of all fifteen characters is a multiple of 23)."""
    if len(data) != DATA_CHARS or any(c not in _VALUES for c in data):
        raise InvalidApplicationNumber(f"Need {DATA_CHARS} characters of {ALPHABET}.")
    total = sum(weight * _VALUES[c] for weight, c in enumerate(data, start=1))
    # c * CODE_CHARS == -total (mod 23); pow(x, -1, p) is the inverse of x mod p.
    value = (-total * pow(CODE_CHARS, -1, BASE)) % BASE
    return ALPHABET[value]


def code_is_valid(code: str) -> bool:
    """Whether fifteen characters (no body, no separators) pass the check."""
    if len(code) != CODE_CHARS or any(c not in _VALUES for c in code):
        return False
    return sum(weight * _VALUES[c] for weight, c in enumerate(code, start=1)) % BASE == 0


def _digits(value: int, width: int) -> str:
    out = []
    for _ in range(width):
        value, digit = divmod(value, BASE)
        out.append(ALPHABET[digit])
    if value:
        raise InvalidApplicationNumber("The value does not fit the number's width.")
    return "".join(reversed(out))


def _grouped(code: str) -> str:
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def make_application_no(body: str, device_id: str, sequence: int) -> str:
    """The printed number of a laptop's ``sequence``-th application for ``body`` (its name:
    "PPS"). ``device_id`` is the laptop's id from enrolment, hex (unenrolled: empty)."""
    if body not in BODIES:
        raise InvalidApplicationNumber(f"No ad hoc body {body!r}.")
    if not 1 <= sequence <= MAX_SEQUENCE:
        raise InvalidApplicationNumber(f"The sequence must be 1..{MAX_SEQUENCE}.")
    hex_prefix = (device_id or "").strip()[: DEVICE_BITS // 4].ljust(DEVICE_BITS // 4, "0")
    try:
        device = int(hex_prefix, 16)
    except ValueError:
        # Servers hand out hex ids; any other id still numbers apart from its neighbours.
        digest = hashlib.sha256(device_id.encode("utf-8")).digest()
        device = int.from_bytes(digest[: DEVICE_BITS // 8], "big")
    data = _digits(device, DEVICE_CHARS) + _digits(sequence, SEQUENCE_CHARS)
    return f"{body}-{_grouped(data + check_char(data))}"


def format_application_no(text: str) -> str:
    """The printed form of any application number, typed however (``pps 7kqxm9adf34rwck``,
    ``PPS-7KQXM-9ADF3-4RWCK``, ``pps-affacc1d45-00001``). Raises ``InvalidApplicationNumber``
    for text that is none, and ``ApplicationNumberCheckFailed`` for a new-format number with
    a wrong character."""
    upper = text.strip().upper()
    if not upper:
        raise InvalidApplicationNumber("Give the application number.")
    if _OLD.match(upper):
        return upper
    compact = _SEPARATORS.sub("", upper)
    body = next((b for b in BODIES if compact.startswith(b)), None)
    code = compact[len(body) :] if body else ""
    if body and code_is_valid(code):
        return f"{body}-{_grouped(code)}"
    old = _OLD_COMPACT.match(compact)
    if old:
        return f"{old.group(1)}-{old.group(2)}-{old.group(3)}"
    if body and len(code) == CODE_CHARS:
        misread = sorted({c for c in code if c not in _VALUES})
        if misread:
            raise InvalidApplicationNumber(
                f"{text.strip()!r}: an application number has no {', '.join(misread)} "
                f"(its characters are {ALPHABET})."
            )
        raise ApplicationNumberCheckFailed(
            f"{text.strip()!r} fails its check character: a character was misread or two "
            "were swapped. Read the number again from the receipt."
        )
    raise InvalidApplicationNumber(
        f"{text.strip()!r} is not an application number (like PPS-7KQXM-9ADF3-4RWCK)."
    )


def compact_application_no(text: str) -> str:
    """Upper case without separators: what a search compares, whatever was typed."""
    return _SEPARATORS.sub("", text.strip().upper())
