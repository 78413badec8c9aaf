"""tonecheck: read a draft before it is sent, and say how hot, how pushy and how long it is.

    >>> import tonecheck
    >>> report = tonecheck.analyze("ANSWER ME NOW!!!")
    >>> report.verdict
    'wait'
"""

from .analysis import analyze, analyze_draft
from .config import load_settings
from .core.errors import ConfigError, InputError, TonecheckError
from .core.report import SCHEMA, Report
from .core.settings import Settings

__version__ = "0.1.0"
__all__ = [
    "analyze", "analyze_draft", "load_settings", "Settings", "Report", "SCHEMA",
    "TonecheckError", "InputError", "ConfigError", "__version__",
]
