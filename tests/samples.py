"""Hand-made drafts, times and helpers the tests share (never corpus text)."""

from email.message import EmailMessage
from pathlib import Path

#: The repository, and its bundled example drafts.
REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"

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


def email_bytes(body: str, subject: str = "Hello", message_id: str | None = None,
                date: str = "Thu, 26 Nov 2026 14:00:00 +0000") -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"], msg["Date"] = "me@example.com", "you@example.com", subject, date
    if message_id:
        msg["Message-ID"] = message_id
    msg.set_content(body)
    return bytes(msg)


#: A sitecustomize.py that makes any network use fail loudly and leave a mark in
#: $SOCKET_MARKER: tests run tonecheck under it to prove it never reaches out.
GUARD = '''
import socket, os
_marker = os.environ["SOCKET_MARKER"]
class _NoSocket(socket.socket):
    def __init__(self, *a, **k):
        open(_marker, "a").write("socket opened\\n")
        raise OSError("network use is forbidden in this test")
socket.socket = _NoSocket
def _no(*a, **k):
    open(_marker, "a").write("lookup\\n")
    raise OSError("network use is forbidden in this test")
socket.create_connection = _no
socket.getaddrinfo = _no
'''
