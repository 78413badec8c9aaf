"""Text measures: sentences, sentiment (VADER), readability, syllables, language."""


def reset() -> None:
    """Forget every module-level cache of this folder, as a new process would start."""
    from . import sentiment, syllables

    for module in (sentiment, syllables):
        module.reset()
