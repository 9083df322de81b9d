"""Photos and documents from Tend, saved to files (and shown in the system viewer if asked)."""

from __future__ import annotations

import mimetypes
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from bot.console.render import file_digest
from bot.fakeapi.server import BotMessage

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_NAME = 60


def safe_name(filename: str | None, mime_type: str | None, fallback: str) -> str:
    """A file name that is harmless on every system, keeping a useful extension."""
    base = Path(filename or "").name
    cleaned = _UNSAFE.sub("_", base).strip("._")[:_MAX_NAME] or fallback
    if not Path(cleaned).suffix and mime_type:
        cleaned += mimetypes.guess_extension(mime_type) or ""
    return cleaned


def display_path(path: Path, cwd: Path | None = None) -> str:
    """Relative to the working folder when it is inside it (short, clickable), else absolute."""
    resolved = path.resolve()
    base = (cwd or Path.cwd()).resolve()
    try:
        return str(resolved.relative_to(base))
    except ValueError:
        return str(resolved)


def viewer_command(path: Path) -> list[str] | None:
    """The system's "open this file" command, or None on a machine without a desktop."""
    if sys.platform == "darwin":
        opener = shutil.which("open")
    elif sys.platform.startswith("linux") or "bsd" in sys.platform:
        # Without a display xdg-open may fall back to a text browser that takes over the terminal.
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            return None
        opener = shutil.which("xdg-open")
    else:
        return None
    return [opener, str(path)] if opener else None


class AttachmentSaver:
    """Writes each photo/document once, under a name unique to this run and message."""

    def __init__(self, folder: Path, run_stamp: str, *, open_files: bool) -> None:
        self.folder = folder
        self.run_stamp = run_stamp
        self.open_files = open_files
        self._saved: dict[tuple[int, str], Path] = {}
        self._viewers: list[subprocess.Popen[bytes]] = []

    def save(self, message: BotMessage) -> Path | None:
        """Save the message's file (once per version); None if it carries none."""
        if message.file is None:
            return None
        key = (message.message_id, file_digest(message.file))
        known = self._saved.get(key)
        if known is not None:
            return known
        self.folder.mkdir(parents=True, exist_ok=True)
        name = safe_name(message.filename, message.mime_type, message.kind)
        path = _unused(self.folder / f"{self.run_stamp}-{message.message_id}-{name}")
        path.write_bytes(message.file)
        self._saved[key] = path
        if self.open_files:
            self._open(path)
        return path

    def _open(self, path: Path) -> None:
        self._viewers = [viewer for viewer in self._viewers if viewer.poll() is None]
        command = viewer_command(path)
        if command is None:
            return
        try:
            self._viewers.append(
                subprocess.Popen(
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
            )
        except OSError:
            return  # the path is printed anyway; a missing viewer is not worth a traceback


def _unused(path: Path) -> Path:
    candidate, counter = path, 1
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{counter}{path.suffix}")
        counter += 1
    return candidate
