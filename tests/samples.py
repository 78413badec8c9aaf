"""Hand-made drafts and times the tests share (never corpus text)."""

#: A Thursday afternoon: outside every profile's quiet hours.
DAYTIME = "2026-11-26T14:00:00+00:00"

COFFEE = ("Hello Sam, how are you doing? You crossed my mind, and I thought maybe we "
          "should meet up for coffee.")
SHOUTING = "ANSWER ME RIGHT NOW!!! THIS IS RIDICULOUS!!!"
BEGGING = "Please, please talk to me. I'm begging you. I can't live without you."
ULTIMATUM = "Call me tonight or we are done. This is your last chance."
