"""Hand-made drafts and times the tests share (never corpus text)."""

#: A Thursday afternoon: outside every profile's quiet hours.
DAYTIME = "2026-11-26T14:00:00+00:00"

COFFEE = ("Hello Sam, how are you doing? You crossed my mind, and I thought maybe we "
          "should meet up for coffee.")
SHOUTING = "ANSWER ME RIGHT NOW!!! THIS IS RIDICULOUS!!!"
BEGGING = "Please, please talk to me. I'm begging you. I can't live without you."
ULTIMATUM = "Call me tonight or we are done. This is your last chance."


def rule_toml(kind: str, body: str, rule_id: str = "x", dimension: str = "pushiness") -> str:
    """A test rule's [[rules]] table: the keys every rule has, then `body`, its own."""
    return (f'id = "{rule_id}"\nkind = "{kind}"\ndimension = "{dimension}"\nweight = 1\n'
            f'message = "m"\n{body}')


def pack_toml(*rules: str) -> str:
    """A pack named "mine" holding `rules` (each from rule_toml)."""
    return '[pack]\nname = "mine"\n' + "".join(f"\n[[rules]]\n{r}" for r in rules)
