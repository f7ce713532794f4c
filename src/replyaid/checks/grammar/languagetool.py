"""Optional LanguageTool backend (``pip install 'replyaid[languagetool]'``).

Two ways to reach LanguageTool: a server URL (``languagetool_url=``), or a
LanguageTool the user has already installed locally with Java (found the way
language_tool_python finds it: ``LTP_PATH`` / ``LTP_JAR_DIR_PATH`` or its
download folder). replyaid never downloads LanguageTool. Any failure
(missing package, no Java, server down, timeout, bad answer) is reported as
:class:`LanguageToolUnavailable`; the grammar check then falls back to the
built-in engine with a warning.
"""

from __future__ import annotations

import os
import shutil
import threading
from dataclasses import dataclass
from typing import Any

LANGUAGE_CODES = {"ru": "ru-RU", "uk": "uk-UA"}
DEFAULT_TIMEOUT = 5.0


class LanguageToolUnavailable(RuntimeError):
    """LanguageTool cannot be used right now; the reason is in the message."""


@dataclass(frozen=True)
class LTMatch:
    offset: int
    length: int
    rule_id: str
    category: str
    message: str
    replacements: tuple[str, ...]


def _local_install_present() -> bool:
    if os.environ.get("LTP_JAR_DIR_PATH"):
        return True
    try:
        from language_tool_python.utils import find_existing_language_tool_downloads, get_language_tool_download_path

        return bool(find_existing_language_tool_downloads(get_language_tool_download_path()))
    except Exception:
        return False


class LanguageToolBackend:
    """One LanguageTool connection per language, opened lazily and reused."""

    def __init__(self, url: str | None = None, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.url = url
        self.timeout = timeout
        self._tools: dict[str, Any] = {}
        self._lock = threading.Lock()

    def _tool(self, lang: str) -> Any:
        tool = self._tools.get(lang)
        if tool is not None:
            return tool
        with self._lock:
            if lang in self._tools:
                return self._tools[lang]
            try:
                import language_tool_python
            except ImportError:
                raise LanguageToolUnavailable("language-tool-python is not installed: pip install 'replyaid[languagetool]'") from None
            if self.url is None:
                if shutil.which("java") is None:
                    raise LanguageToolUnavailable("no Java found for a local LanguageTool; pass languagetool_url= for a server")
                if not _local_install_present():
                    raise LanguageToolUnavailable("no local LanguageTool installation found (replyaid does not download it)")
            try:
                language_tool_python.LanguageTool._TIMEOUT = self.timeout  # type: ignore[attr-defined]
                tool = language_tool_python.LanguageTool(LANGUAGE_CODES[lang], remote_server=self.url)
            except Exception as exc:  # connection errors, bad answers, Java failures
                raise LanguageToolUnavailable(f"LanguageTool could not start: {exc}") from None
            self._tools[lang] = tool
            return tool

    def check(self, text: str, lang: str) -> list[LTMatch]:
        if lang not in LANGUAGE_CODES:
            return []
        tool = self._tool(lang)
        try:
            matches = tool.check(text)
        except Exception as exc:
            raise LanguageToolUnavailable(f"LanguageTool check failed: {exc}") from None
        out = []
        for m in matches:
            offset = int(getattr(m, "offset", 0))
            length = int(getattr(m, "error_length", None) or getattr(m, "errorLength", 0) or 0)
            out.append(
                LTMatch(
                    offset=offset,
                    length=length,
                    rule_id=str(getattr(m, "rule_id", None) or getattr(m, "ruleId", "LT")),
                    category=str(getattr(m, "category", "")),
                    message=str(getattr(m, "message", "")),
                    replacements=tuple(getattr(m, "replacements", ())[:3]),
                )
            )
        return out
