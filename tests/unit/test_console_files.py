"""Photos and documents from Tend become files whose paths the console prints."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.console import files
from bot.console.files import AttachmentSaver, display_path, safe_name, viewer_command
from bot.fakeapi.server import BotMessage

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16


def _photo(
    message_id: int = 12, content: bytes = PNG, name: str = "tend-summary.png"
) -> BotMessage:
    return BotMessage(
        1, message_id, "photo", "chart", file=content, filename=name, mime_type="image/png"
    )


def test_each_version_of_a_file_is_saved_once(tmp_path: Path) -> None:
    saver = AttachmentSaver(tmp_path / "console-files", "20261125-193000", open_files=False)
    photo = _photo()
    first = saver.save(photo)
    assert first == tmp_path / "console-files" / "20261125-193000-12-tend-summary.png"
    assert first.read_bytes() == PNG
    assert saver.save(photo) == first
    photo.file = PNG + b"month"
    second = saver.save(photo)
    assert second is not None and second != first and second.read_bytes() == PNG + b"month"
    assert saver.save(BotMessage(1, 13, "text", "no file")) is None


def test_a_later_run_never_overwrites_an_earlier_file(tmp_path: Path) -> None:
    one = AttachmentSaver(tmp_path, "same-second", open_files=False).save(_photo())
    two = AttachmentSaver(tmp_path, "same-second", open_files=False).save(_photo(content=PNG * 2))
    assert one is not None and two is not None and one != two
    assert one.read_bytes() == PNG and two.read_bytes() == PNG * 2


def test_no_viewer_is_started_unless_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[list[str]] = []

    class _Popen:
        def __init__(self, command: list[str], **_: object) -> None:
            started.append(command)

        def poll(self) -> int:
            return 0

    monkeypatch.setattr("subprocess.Popen", _Popen)
    monkeypatch.setattr(files, "viewer_command", lambda path: ["viewer", str(path)])
    AttachmentSaver(tmp_path, "a", open_files=False).save(_photo())
    assert started == []
    saved = AttachmentSaver(tmp_path, "b", open_files=True).save(_photo())
    assert started == [["viewer", str(saved)]]


def test_without_a_display_there_is_no_viewer_on_linux(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert viewer_command(Path("chart.png")) is None
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr("shutil.which", lambda name: f"/usr/bin/{name}")
    assert viewer_command(Path("chart.png")) == ["/usr/bin/xdg-open", "chart.png"]


@pytest.mark.parametrize(
    ("filename", "mime", "expected"),
    [
        ("tend-summary.png", "image/png", "tend-summary.png"),
        ("../../etc/passwd", None, "passwd"),
        ("my export (1).json", "application/json", "my_export_1_.json"),
        (None, "image/png", "photo.png"),
        ("...", None, "photo"),
    ],
)
def test_names_are_safe_and_keep_a_useful_extension(
    filename: str | None, mime: str | None, expected: str
) -> None:
    assert safe_name(filename, mime, "photo") == expected


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120) | st.none(), st.sampled_from([None, "image/png", "text/csv"]))
def test_any_name_becomes_one_harmless_path_part(filename: str | None, mime: str | None) -> None:
    name = safe_name(filename, mime, "document")
    assert name and "/" not in name and "\\" not in name and name not in (".", "..")
    assert not name.startswith(".")
    assert len(name) <= 70
    assert name.isascii()


def test_paths_inside_the_working_folder_are_shown_relative(tmp_path: Path) -> None:
    inside = tmp_path / "data" / "console-files" / "chart.png"
    assert display_path(inside, cwd=tmp_path) == str(Path("data/console-files/chart.png"))
    elsewhere = tmp_path.parent / "chart.png"
    assert display_path(elsewhere, cwd=tmp_path) == str(elsewhere.resolve())
