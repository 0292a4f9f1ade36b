"""Every use of a private Textual name, in one place, with why. Textual is pinned exactly in
pyproject.toml because of them: before moving up, check each against the new version.

- ``App._check_bindings`` (:func:`binding_app`): the app's and screen's bindings of a key run
  while the key is read, so keys in a burst keep their order (lkjip_tui/urut.py; upstream
  Textualize/textual#6605).
- ``Key._set_forwarded`` (:func:`kunci_diteruskan`): a key no widget used is posted to the screen
  marked as forwarded, as Textual marks a key that bubbled, so the app does not read it twice.
- ``Widget._bindings`` and ``Input/TextArea._restart_blink`` (:func:`binding_sendiri`,
  :func:`kedip_ulang`): a text field's own binding (arrows, Home, ctrl+u…) applied at once; the
  cursor stays lit while typing.
- ``TextArea._replace_via_keyboard`` (:func:`ganti_lewat_papan_ketik`): typed text goes through
  the editor's own edit, so its undo history and read-only rule hold.
- ``CommandPalette._start_no_matches_countdown`` and the names it uses (:class:`PaletIndonesia`):
  the palette's "no matches" line in Indonesian.
- ``Screen._css_update_count`` / ``App._css_update_count`` and ``Stylesheet._variables``
  (:func:`css_sudah_terkini`): a main screen opened for the first time is marked as styled with
  the stylesheet as it is, so Textual does not parse every stylesheet again from nothing when
  the screen's mode is first entered; a theme change still bumps the app's count and restyles.
- Handlers named by Textual's dispatch, ``_on_key`` and ``_on_paste``, are overridden in
  widgets/masukan.py and widgets/penyunting.py to hand every key to ``terapkan``; ``Select``'s
  ``_on_mount`` in widgets/pilihan.py, to let its parts be gone when the app is closing.
"""

from __future__ import annotations

import weakref
from typing import Any

from rich.align import Align
from rich.text import Text
from textual import events
from textual.app import ScreenStackError
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option


async def binding_app(app: Any, key: str, priority: bool = False) -> bool:
    """Run the binding of ``key`` on the app and its screen now; True when there was one."""
    return bool(await app._check_bindings(key, priority=priority))


# app → its CSS count when its first screen was made (Textual then re-parsed the stylesheet)
_CSS_SEGAR: weakref.WeakKeyDictionary[Any, int] = weakref.WeakKeyDictionary()


def css_sudah_terkini(screen: Any, app: Any) -> None:
    """Mark a new ``screen`` as styled by ``app``'s stylesheet as it stands now.

    For the first screen Textual would parse the stylesheet read at start again, with the
    theme's colours: when those are the ones it was parsed with, re-applying it to the app
    (what matters of that refresh: the theme's classes were set on the app after its styles)
    is the same without parsing every stylesheet again (7 ms of the first paint). For later
    screens: while nothing changed the CSS since (a theme)."""
    try:
        pertama = app.screen is None
    except ScreenStackError:
        pertama = True
    if pertama:
        _CSS_SEGAR[app] = app._css_update_count
        if app.stylesheet._variables == app.get_css_variables():
            app.stylesheet.update(app)
            screen._css_update_count = app._css_update_count
    elif _CSS_SEGAR.get(app) == app._css_update_count:
        screen._css_update_count = app._css_update_count


def kunci_diteruskan(key: str, character: str | None) -> events.Key:
    """A Key event for the screen, marked as already gone round the app."""
    sisa = events.Key(key, character)
    sisa._set_forwarded()
    return sisa


def kedip_ulang(w: Any) -> None:
    """Keep a text field's cursor lit after a key (as Textual does for keys it handles)."""
    w._restart_blink()


async def binding_sendiri(w: Any, event: events.Key) -> bool:
    """Run the text field ``w``'s own binding for ``event`` now (not after the key has gone
    round the app); True when it has one. Shared by the one-line and the multi-line field."""
    sendiri = w._bindings.key_to_bindings.get(event.key)
    if not sendiri:
        return False
    kedip_ulang(w)
    await w.run_action(sendiri[0].action)
    return True


def ganti_lewat_papan_ketik(area: Any, teks: str, awal: Any, akhir: Any) -> Any:
    """Replace ``awal``..``akhir`` of a TextArea by ``teks`` as typing does; None when refused."""
    return area._replace_via_keyboard(teks, awal, akhir)


class PaletIndonesia(CommandPalette):
    """Textual's command palette with its "no matches" line in Indonesian."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own text is English; the same countdown, in Indonesian.
        self._stop_no_matches_countdown()

        def tampil() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text("Tidak ada perintah yang cocok", style="not bold")),
                           disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, tampil)
