"""Start-up loads what polling needs and no more (issue #14: start-up time and peak memory no
worse than the first wave). Each check runs a fresh interpreter: this one has imported it all."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def _run(code: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.split()


def test_polling_start_up_leaves_out_the_webhook_server_and_the_vcard_reader() -> None:
    loaded = _run(
        """
        import sys
        import bot.app, bot.__main__
        print(*sorted({name.split(".")[0] for name in sys.modules}))
        """
    )
    assert "telegram" in loaded
    assert "aiohttp" not in loaded  # only WEBHOOK_URL needs it
    assert "vobject" not in loaded  # only a .vcf import needs it


def test_the_distress_screen_compiles_on_first_use_and_answers_that_message() -> None:
    answers = _run(
        """
        from bot.domain import distress
        print(distress._compiled_screens.cache_info().currsize)
        print(distress.classify("I want to kill myself"))
        print(distress.classify("dying to see you this weekend"))
        print(distress._compiled_screens.cache_info().currsize)
        """
    )
    assert answers == ["0", "crisis", "none", "1"]


def test_a_message_during_the_warm_up_gets_the_same_answer() -> None:
    answers = _run(
        """
        import threading
        from bot.domain import distress
        warming = threading.Thread(target=distress.warm_up)
        warming.start()
        print(distress.classify("I want to kill myself"))
        print(distress.classify("nobody would even notice if I was gone"))
        print(distress.classify("so lonely lately, nobody calls me anymore"))
        print(distress.classify("my phone died so call me later"))
        warming.join()
        """
    )
    assert answers == ["crisis", "crisis", "struggling", "none"]
