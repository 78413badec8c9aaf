"""A revision as a unified diff against the draft (`tonecheck revise --diff`)."""

from __future__ import annotations


def diff(original: str, revised: str, path: str) -> str:
    import difflib  # only revise --diff needs it

    lines = difflib.unified_diff(
        original.splitlines(keepends=True), revised.splitlines(keepends=True),
        fromfile=path, tofile=f"{path} (revised)",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)
