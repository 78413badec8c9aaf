"""Output formats, one module each: text (people), json (programs), line (editors, CI);
diff shows a revision. FORMATS is the one list of the names `--format` takes."""

FORMATS = ("text", "json", "line")
