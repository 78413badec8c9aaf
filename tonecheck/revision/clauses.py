"""The request inside a threat, and the words that tell a request from a remark.

"If you don't call me back by tonight, we are done" wraps a request ("call me back by
tonight") in a threat. Cutting the whole sentence loses what the writer wants; keeping it
keeps the threat. `request_in` finds the request so the revision can ask it plainly.
"""

from __future__ import annotations

import re

_APOS = "['’]"
# The condition of a threat: a refusal by the reader, then what they are asked to do.
_CONDITION = re.compile(
    rf"^[ \t]*(?:if[ \t]+you[ \t]+(?:don{_APOS}t|do[ \t]+not|won{_APOS}t|will[ \t]+not|"
    rf"can{_APOS}t|cannot|fail[ \t]+to|refuse[ \t]+to)|unless[ \t]+you)[ \t]+"
    r"(?P<ask>[^,;:.!?\n]{2,120}?)"
    # ... up to the comma before the consequence, or its first word when there is none
    rf"(?:[ \t]*,|[ \t]+(?=(?:then|I|I{_APOS}(?:ll|m)|we|we{_APOS}(?:ll|re)|you{_APOS}ll|"
    rf"it{_APOS}s|this|there)\b))", re.I)
# What a condition can ask for: not a habit ("if you keep...", "if you ever...").
_NOT_A_REQUEST = re.compile(r"^(?:ever|keep|still|even|again|continue)\b|\b(?:again|anymore)\b", re.I)

#: A sentence that asks the reader for something, in the forms a calm request takes.
REQUEST = re.compile(
    r"^[ \t]*(?:(?:could|can|would|will)[ \t]+(?:you|we|I)\b|please\b|"
    r"would[ \t]+it[ \t]+be[ \t]+possible\b|is[ \t]+there[ \t]+any[ \t]+chance\b|"
    r"do[ \t]+you[ \t]+think[ \t]+you[ \t]+could\b|I[ \t]+was[ \t]+wondering[ \t]+if\b|"
    rf"it[ \t]+would[ \t]+help[ \t]+if\b|I{_APOS}d[ \t]+appreciate\b)", re.I)


def request_in(sentence: str) -> str | None:
    """The plain request a conditional threat wraps ("Could you call me back by
    tonight?"), or None when the sentence asks nothing that could be kept."""
    m = _CONDITION.match(sentence)
    if not m:
        return None
    ask = m.group("ask").strip()
    if not ask or _NOT_A_REQUEST.search(ask):
        return None
    return f"Could you {ask}?"


_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)"
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
#: A time the writer names for the request: a real deadline is a fact and stays, so the
#: request must not also say "when you have a moment".
DEADLINE = re.compile(
    rf"\b(?:today|tonight|tomorrow|this[ \t]+(?:morning|afternoon|evening|week|weekend)|"
    rf"(?:by|before|on|until|till|no[ \t]+later[ \t]+than)[ \t]+(?:the[ \t]+)?(?:{_DAY}|noon|midday|"
    rf"midnight|eod|cob|end[ \t]+of|next|\d{{1,2}}(?:st|nd|rd|th)?|{_MONTH}|close|lunch)|"
    rf"eod|\d{{1,2}}(?::\d\d)?[ \t]*(?:am|pm)|\d{{1,2}}:\d\d|{_DAY}day)\b", re.I)
#: The unhurried phrase a rewritten request may carry ("... when you have a moment?").
UNHURRIED = re.compile(r",?[ \t]+when[ \t]+you[ \t]+(?:have[ \t]+a[ \t]+moment|get[ \t]+a[ \t]+chance)\b")
#: A relative clause left hanging when the words before it are cut ("Per my last email,
#: which you clearly didn't read, the report..."): it goes with them.
DANGLING_CLAUSE = re.compile(r"[ \t]*,?[ \t]*(?:which|who|that)\b[^,.!?\n]{1,100},[ \t]*", re.I)
