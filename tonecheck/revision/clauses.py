"""The request inside a threat, and the words that tell a request from a remark.

"If you don't call me back by tonight, we are done" wraps a request ("call me back by
tonight") in a threat. Cutting the whole sentence loses what the writer wants; keeping it
keeps the threat. `request_in` finds the request so the revision can ask it plainly.
"""

from __future__ import annotations

import re

from ..engine.fast import regexcache

_APOS = "['’]"
# The condition of a threat: a refusal by the reader, then what they are asked to do.
_CONDITION = regexcache.compile(
    rf"^[ \t]*(?:if[ \t]+you[ \t]+(?:don{_APOS}t|do[ \t]+not|won{_APOS}t|will[ \t]+not|"
    rf"can{_APOS}t|cannot|fail[ \t]+to|refuse[ \t]+to)|unless[ \t]+you)[ \t]+"
    r"(?P<ask>[^,;:.!?\n]{2,120}?)"
    # ... up to the comma before the consequence, or its first word when there is none
    rf"(?:[ \t]*,|[ \t]+(?=(?:then|I|I{_APOS}(?:ll|m)|we|we{_APOS}(?:ll|re)|you{_APOS}ll|"
    rf"it{_APOS}s|this|there)\b))", re.I)
# What a condition can ask for: not a habit ("if you keep...", "if you ever...").
_NOT_A_REQUEST = regexcache.compile(r"^(?:ever|keep|still|even|again|continue)\b|\b(?:again|anymore)\b", re.I)

#: A sentence that asks the reader for something, in the forms a calm request takes.
REQUEST = regexcache.compile(
    r"^[ \t]*(?:(?:could|can|would|will)[ \t]+(?:you|we|I)\b|please\b|"
    r"would[ \t]+it[ \t]+be[ \t]+possible\b|is[ \t]+there[ \t]+any[ \t]+chance\b|"
    r"do[ \t]+you[ \t]+think[ \t]+you[ \t]+could\b|I[ \t]+was[ \t]+wondering[ \t]+if\b|"
    rf"it[ \t]+would[ \t]+help[ \t]+if\b|I{_APOS}d[ \t]+appreciate\b)", re.I)


# A condition on the thing asked for, not on the reader: "If the deck isn't finished by
# the 15th, ..." asks for the deck to be finished by the 15th.
_STATE_CONDITION = regexcache.compile(
    r"^[ \t]*if[ \t]+(?P<subject>(?:the|your|my|our|this|that|these|those)\b[^,;:.!?\n]{1,60}?)[ \t]+"
    rf"(?:isn{_APOS}t|aren{_APOS}t|is[ \t]+not|are[ \t]+not|hasn{_APOS}t[ \t]+been|haven{_APOS}t[ \t]+been|"
    r"has[ \t]+not[ \t]+been|have[ \t]+not[ \t]+been)[ \t]+"
    # ... a task done (a participle, "ready", "back", "in my inbox"), a state the reader
    # can bring about: not "the weather isn't good"
    r"(?P<state>(?:[a-z]+ed|done|ready|sent|signed|paid|built|written|taken|given|made|back|"
    r"here|(?:in|on|at)[ \t]+(?:my|the|our)|with[ \t]+me)\b[^,;:.!?\n]{0,100}?)[ \t]*,", re.I)


def request_in(sentence: str) -> str | None:
    """The plain request a conditional threat wraps ("Could you call me back by
    tonight?", "Could the deck be finished by the 15th?"), or None when the sentence asks
    nothing that could be kept."""
    m = _STATE_CONDITION.match(sentence)
    if m:
        return f"Could {m.group('subject').strip()} be {m.group('state').strip()}?"
    m = _CONDITION.match(sentence)
    if not m:
        return None
    ask = m.group("ask").strip()
    if not ask or _NOT_A_REQUEST.search(ask):
        return None
    return f"Could you {ask}?"


_EITHER = regexcache.compile(r"^[ \t]*either[ \t]+you[ \t]+(?P<ask>[^,;:.!?\n]{2,120}?)[ \t]*,?[ \t]*$", re.I)


def either_request(sentence: str, cut_at: int) -> str | None:
    """"Either you come to the wedding or don't come back" with its "or ..." cut at
    `cut_at`: the one thing it asks, as a request ("Could you come to the wedding?")."""
    m = _EITHER.match(sentence[:cut_at])
    if not m or _NOT_A_REQUEST.search(m.group("ask")):
        return None
    return f"Could you {m.group('ask')}?"


# Who lays an obligation on the reader: "you must", "you'd better", "I need you to".
_OBLIGERS = (rf"you[ \t]+(?:must|need[ \t]+to|have[ \t]+to|had[ \t]+better|better)|"
             rf"you{_APOS}d[ \t]+better|I[ \t]+need[ \t]+you[ \t]+to|I[ \t]+expect[ \t]+you[ \t]+to")
#: An obligation laid on the reader at the start of a clause.
OBLIGATION = regexcache.compile(
    rf"^(?:{_OBLIGERS}|you[ \t]+{_APOS}ve[ \t]+got[ \t]+to|you{_APOS}ve[ \t]+got[ \t]+to)$", re.I)
#: A whole sentence that is only an obligation and what it asks.
_OBLIGED = regexcache.compile(
    rf"^[ \t]*(?:{_OBLIGERS})[ \t]+"
    r"(?!be\b|not\b|stop\b|learn\b)(?P<ask>[a-z][^;:.!?\n]{2,160}?)[ \t]*[.!]*[ \t]*$", re.I)
#: A sentence that names what the reader's own plan requires ("before you move in", "if
#: you want to ..."): the obligation in it is a condition, not pressure.
REQUIREMENT = regexcache.compile(
    r"\b(?:before[ \t]+you[ \t]+(?:can[ \t]+)?(?:move|start|sign|join|arrive|enter|board|travel|"
    rf"collect|register|apply|begin|check[ \t]+in)|if[ \t]+you(?:[ \t]+want|[ \t]+wish|[ \t]+would[ \t]+like|"
    rf"{_APOS}d[ \t]+like|[ \t]+plan)[ \t]+to|in[ \t]+order[ \t]+to|"
    r"to[ \t]+be[ \t]+(?:eligible|admitted|considered))\b", re.I)
#: "You always have to bump the version": a standing instruction, not a charge of "always";
#: and "Thanks for covering for me. You always do.", an echo that is praise.
RULE_OF_THUMB = regexcache.compile(
    r"\byou[ \t]+(?:always|never)[ \t]+(?:have[ \t]+to|need[ \t]+to|must|should|want[ \t]+to|get[ \t]+to|"
    rf"can{_APOS}t|can)\b|\byou[ \t]+always[ \t]+(?:do|did|does|are|will|have)[ \t]*[.!]*$", re.I)
#: A bare "now", and a sentence that reports rather than asks ("everything passes now"):
#: there "now" says when, and cutting it as urgency changes the fact.
NOW = regexcache.compile(r"now", re.I)
STATEMENT = regexcache.compile(
    r"^[ \t]*(?:I|we|it|everything|this|that|they|he|she|things|all)\b"
    r"(?![^.!?\n]*\b(?:need|want|expect|demand|must|have[ \t]+to|should|better)\b)", re.I)
#: Requests that are about now by their nature: "answer your phone when you have a moment"
#: contradicts itself.
IMMEDIATE = regexcache.compile(
    r"\b(?:answer|pick[ \t]+up)[ \t]+(?:your|the|my)[ \t]+(?:phone|calls?)\b", re.I)
# A request with its reason after a comma ("Could you review my PR by 2pm, the demo is
# at 3?"): the reason is a clause of its own, with a subject and a verb.
_WITH_REASON = regexcache.compile(
    r"^(?P<ask>Could you [^,;?\n]+?),[ \t]+(?P<reason>(?:the|it|I|we|this|that|they|she|he|my|our|"
    r"your|there)\b[^,;?\n]*?\b(?:is|are|was|were|will|has|have|had|needs?|goes|starts?|opens?|"
    r"closes?|ends?|leaves?|arrives?)\b[^?\n]*)\?$")


def reason_apart(request: str) -> str:
    """"Could you X, the demo is at 3?" as "Could you X? The demo is at 3.": the question
    asks only for X, and the reason stays the writer's statement."""
    soon = UNHURRIED.search(request)
    m = _WITH_REASON.match(UNHURRIED.sub("", request) if soon else request)
    if not m:
        return request
    reason = m.group("reason")
    return f"{m.group('ask')}{soon.group(0) if soon else ''}? {reason[:1].upper()}{reason[1:]}."


#: Courtesy a rewritten request already carries.
COURTESY = regexcache.compile(r"\b(?:please|kindly)\b", re.I)


def obligation_request(sentence: str) -> str | None:
    """An obligation that is the whole sentence, as a request that keeps its object,
    deadline and reason: "You must pay it by 15 October." -> "Could you pay it by 15
    October?". None for anything with more than one clause, and for "you must be" and
    "you need to stop", which are not requests for an action."""
    m = _OBLIGED.match(sentence)
    if not m or re.search(r"[,;]|\b(?:but|and then|or)\b", m.group("ask")):
        return None
    return f"Could you {m.group('ask')}?"


def lead_in_end(sentence: str, hit_end: int) -> int | None:
    """Where a lead-in ends when everything charged lies before a colon and a clause of
    its own follows ("This is your final warning: return the laptop by Monday."): the
    offset after the colon and its spaces, or None."""
    colon = sentence.find(":")
    if colon < 0 or hit_end > colon + 1:
        return None
    rest = sentence[colon + 1:]
    if len(re.findall(r"[^\W\d_]+", rest)) < 3 or not rest[:1].isspace():
        return None
    return colon + 1 + len(rest) - len(rest.lstrip())


_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)"
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
#: A time the writer names for the request: a real deadline is a fact and stays, so the
#: request must not also say "when you have a moment".
DEADLINE = regexcache.compile(
    rf"\b(?:today|tonight|tomorrow|this[ \t]+(?:morning|afternoon|evening|week|weekend)|"
    rf"(?:by|before|on|until|till|no[ \t]+later[ \t]+than)[ \t]+(?:the[ \t]+)?(?:{_DAY}|noon|midday|"
    rf"midnight|eod|cob|end[ \t]+of|next|\d{{1,2}}(?:st|nd|rd|th)?|{_MONTH}|close|lunch)|"
    rf"eod|\d{{1,2}}(?::\d\d)?[ \t]*(?:am|pm)|\d{{1,2}}:\d\d|{_DAY}day)\b", re.I)
#: The unhurried phrase a rewritten request may carry ("... when you have a moment?").
UNHURRIED = regexcache.compile(
    r",?[ \t]+when[ \t]+you[ \t]+(?:have[ \t]+a[ \t]+moment|get[ \t]+a[ \t]+chance)\b")
#: A relative clause left hanging when the words before it are cut ("Per my last email,
#: which you clearly didn't read, the report..."): it goes with them.
DANGLING_CLAUSE = regexcache.compile(r"[ \t]*,?[ \t]*(?:which|who|that)\b[^,.!?\n]{1,100},[ \t]*", re.I)
