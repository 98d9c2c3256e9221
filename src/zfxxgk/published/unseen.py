"""What an HTML page holds but a person does not see, or sees struck out.

Pages hide text from the eye: anti-copy junk digits in ``<span style="display:none">``,
a stale row or table hidden, text in the ``hidden`` attribute or in a class that the
page's own style sheet hides (``.hide{display:none}``); also text moved far off the page
(``left:-9999px``), clipped or scaled to nothing (the one-pixel "screen reader only"
box), or written in a transparent colour. Such elements are dropped before the page is
read; but a table's cell, row or row group hidden so keeps its box, as a browser keeps
it (``visibility:hidden``, ``collapse``, a size or opacity of nothing): its cells stay
in their columns, blank (a figure hidden in a cell is marked
:data:`~zfxxgk.core.cellvalue.UNSEEN`: no value, said); only ``display:none``, the
``hidden`` attribute or a position out of the flow take a cell out of its row.
Struck-out text (``<del>``, ``<s>``, ``<strike>``, ``text-decoration: line-through``) is
kept, marked (:mod:`~zfxxgk.published.struck`), for the cell that holds it to decide
what it says. ``aria-hidden`` hides nothing from the eye and is read. Of the page's own
style sheets (``<style>``; linked ones are not fetched) only rules outside ``@media``
whose selector names its element by a class or an id, after tags, classes and ids joined
by descendant or child combinators (``.hide``, ``span.hide``, ``#x``, ``.box .hide``,
``tr > td > .x``), are read, the last that matches an element deciding. Text written
white or near it (an inline style or ``<font color>``;
:func:`~zfxxgk.xlsx.colours.near_white`: ``#fefefe``, ``hsl(0,0%,99%)``, a colour
at an opacity of a few percent) where nothing around it sets a background (inline,
``bgcolor``, ``background``, or the page's style sheet, its ``@media`` blocks but
print's, for its tag, class or id, or for any element; not a rule only for ``:hover`` or
``::before``, and one for ``td:first-child`` where the element is the first) is not seen
either; its element keeps its place (a cell stays, blank); a table, a row or what holds
a table written white is read (a dark page's design, not junk). A cell of nothing but
white text that is no value (a label) is read; one of a white value is marked
:data:`~zfxxgk.core.cellvalue.UNSEEN` instead: junk in a blank cell, or a value on a
background the page sets where the reader does not look (a linked style sheet): no
value, said. Text that a style sheet's rule for its class or id makes white
(``.w{color:#fff}``, the last rule outside ``@media`` deciding) is judged so in a
table's cells alone (a heading so styled is a banner's design, on a background a linked
style sheet may set: read).

A page that names none of this (:func:`may_hide`: a few substring searches of its text,
one pass over its tree in C) is not walked again.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from zfxxgk.core.cellvalue import UNSEEN
from zfxxgk.core.discover import looks_like_value
from zfxxgk.published.struck import struck
from zfxxgk.xlsx.colours import background_colour, near_white, opacity

#: Markers a page's styles (in lower case) may hide or strike out by, found before any
#: declaration is judged (:func:`may_hide`): a literal search each.
_MARKERS = ("hidden", "-through", "transparent")
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_AT_BLOCK = re.compile(r"@[^{};]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}|@[^{};]*;")
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_MEDIA = re.compile(r"@media\b(?![^{]*\bprint\b)[^{;]*\{")
#: Pseudo-classes, pseudo-elements and attribute tests of a compound (td:first-child).
_PSEUDO = re.compile(r"::?[\w-]+(?:\([^)]*\))?|\[[^\]]*\]")
_ZERO = re.compile(r"[+]?0*\.?0*(?:px|pt|em|rem|ex|ch|%|vw|vh|mm|cm|in)?")
_ONE_PX = re.compile(r"1px")
#: far off the page: a thousand pixels or more (750 pt, 50 em, a whole screen) to the
#: left or above (a hanging indent of 2 em, a text box 120 pt left of its anchor are seen)
_FAR = re.compile(
    r"-(?:\d{4,}(?:\.\d*)?(?:px)?|(?:7[5-9]\d|[89]\d\d|\d{4,})(?:\.\d*)?pt"
    r"|(?:[5-9]\d|\d{3,})(?:\.\d*)?r?em|\d{3,}(?:\.\d*)?(?:vw|vh))"
)
_NO_RECT = re.compile(r"rect\((?:0(?:px)?[,]?){3}0(?:px)?\)|rect\((?:1px[,]?){3}1px\)")
_NO_SHAPE = re.compile(r"inset\((?:50|100)%\)|circle\(0(?:px|%)?\)|polygon\(0(?:px)?0(?:px)?\)")
_NO_SCALE = re.compile(r"scale[xy]?\(0(?:\.0*)?[,)]")
_CLEAR = re.compile(r"transparent|rgba\([^)]*,0(?:\.0*)?\)|hsla\([^)]*,0(?:\.0*)?\)")
_TABLE_PARTS = frozenset(("table", "thead", "tbody", "tfoot", "tr"))
_STRUCK_TAGS = frozenset(("del", "s", "strike"))


def may_hide(root: Any, styles: str) -> bool:
    """Whether a page may hide or strike out text by what :func:`drop_unseen` reads: its
    tree has ``del``, ``s``, ``strike`` or ``font``, or an element with the ``hidden``
    attribute (however its name is cased), or its ``styles`` (its style sheets and
    distinct inline styles: :func:`~zfxxgk.published.pagestyles.page_styles`) declare
    what may hide (cheap: the tree searched in C, each declaration of a property that
    hides judged by the walk's own tests)."""
    if next(root.iter(*_STRUCK_TAGS, "font"), None) is not None:
        return True
    if _has_hidden()(root):  # (a pass in C: cheaper than a search of the text)
        return True
    return _names_a_way(styles.lower())


#: A declaration of a property by which :func:`_hides`, :func:`_white_text` or
#: :func:`_strikes` may hide or strike out text: its name and its value.
_DECLARATION = re.compile(
    r"(?<![\w-])(display|visibility|font-size|opacity|overflow|clip|clip-path|transform|color"
    r"|text-decoration(?:-line)?|left|top|right|margin-left|margin-top|text-indent)"
    r"\s*:([^;{}]*)"
)


def _names_a_way(text: str) -> bool:
    """Whether a text (style sheets, inline styles, lower case) declares what may hide
    text: a marker (``hidden``, ``line-through``, ``transparent``), or a declaration
    whose value the walk reads as hiding, alone or with others (an offset far off the
    page, an opacity under one, a colour near white)."""
    if any(m in text for m in _MARKERS):
        return True
    for m in _DECLARATION.finditer(text):
        name, value = m.group(1), m.group(2).replace("!important", "").strip()
        if _may_hide_by(name, value):
            return True
    return False


def _may_hide_by(name: str, value: str) -> bool:
    """Whether a declaration may hide its element's text (with others of its style)."""
    if name == "display":
        return value == "none"
    if name == "visibility":
        return value in ("hidden", "collapse")
    if name == "font-size":
        return bool(_ZERO.fullmatch(value)) and "0" in value
    if name == "opacity":
        return opacity(value) < 1.0 or (bool(_ZERO.fullmatch(value)) and "0" in value)
    if name == "overflow":
        return value == "hidden"
    if name == "clip":
        return bool(_NO_RECT.fullmatch(value.replace(" ", "")))
    if name == "clip-path":
        return bool(_NO_SHAPE.fullmatch(value.replace(" ", "")))
    if name == "transform":
        return bool(_NO_SCALE.search(value.replace(" ", "")))
    if name == "color":
        return near_white(value) or bool(_CLEAR.fullmatch(value.replace(" ", "")))
    if name.startswith("text-decoration"):
        return "line-through" in value
    return bool(_FAR.fullmatch(value))  # (an offset: far off the page, where positioned)


@functools.cache
def _has_hidden() -> Any:
    """Whether any element of a page has the ``hidden`` attribute."""
    from lxml import etree

    return etree.XPath("boolean(//@hidden)")


def _declarations(style: str) -> dict[str, str]:
    """A style's declarations, property → value, lower case, without ``!important`` or
    comments (``display:/**/none`` hides, as a browser reads it)."""
    out: dict[str, str] = {}
    if "/*" in style:
        style = _COMMENT.sub("", style)
    for part in style.split(";"):
        name, colon, value = part.partition(":")
        if colon:
            value = value.lower().replace("!important", "").strip()
            out[name.strip().lower()] = value
    return out


#: What hides an element: it is shown (a display other than none says so), hidden with
#: its box (a cell stays, blank: visibility, a size or an opacity of nothing, moved or
#: scaled out of sight, a transparent colour), or hidden with no box (``display:none``, the
#: ``hidden`` attribute, a position out of the flow: a cell so hidden is no cell).
#: :data:`VEILED` is :data:`BOXED` by ``visibility`` alone: only then does what it holds
#: show itself again (``visibility:visible``; a font size or opacity of nothing holds its
#: children to it).
SHOWN, GONE, BOXED, VEILED = 0, 1, 2, 4


def _hides(decl: dict[str, str]) -> int | None:
    """:data:`GONE`, :data:`BOXED` or :data:`VEILED` where these declarations hide an
    element, :data:`SHOWN` where they show it (a display other than none), None where
    they say neither."""
    display = decl.get("display")
    if display == "none":
        return GONE
    veiled = decl.get("visibility") in ("hidden", "collapse")
    hidden = False
    for prop in ("font-size", "opacity"):
        value = decl.get(prop)
        if value is not None and _ZERO.fullmatch(value) and any(c == "0" for c in value):
            hidden = True
    if "opacity" in decl and near_white("black", opacity(decl["opacity"])):
        hidden = True  # (so faint that even black is near white: a class's too)
    if decl.get("overflow") == "hidden" and any(
        (v := decl.get(p)) is not None
        and ((_ZERO.fullmatch(v) and "0" in v) or _ONE_PX.fullmatch(v))
        for p in ("width", "height", "max-width", "max-height")
    ):
        hidden = True  # (a box of nothing, or of one pixel: the "screen reader only" box)
    hidden = hidden or _out_of_sight(decl)
    if hidden or veiled:
        if decl.get("position") in ("absolute", "fixed"):
            return GONE
        return BOXED if hidden else VEILED
    if display is not None:
        return SHOWN
    return None


def _out_of_sight(decl: dict[str, str]) -> bool:
    """Declarations that put an element where no one sees it: moved far off the page,
    clipped to nothing, scaled to nothing, or its text transparent."""
    if decl.get("position") in ("absolute", "fixed", "relative") and any(
        (v := decl.get(p)) is not None and _FAR.fullmatch(v)
        for p in ("left", "top", "right", "margin-left", "margin-top", "text-indent")
    ):
        return True
    if (
        decl.get("text-indent") is not None
        and _FAR.fullmatch(decl["text-indent"])
        and (decl.get("overflow") == "hidden")
    ):
        return True
    clip = decl.get("clip")
    if clip is not None and _NO_RECT.fullmatch(clip.replace(" ", "")):
        return True
    clip_path = decl.get("clip-path")
    if clip_path is not None and _NO_SHAPE.fullmatch(clip_path.replace(" ", "")):
        return True
    transform = decl.get("transform")
    if transform is not None and _NO_SCALE.search(transform.replace(" ", "")):
        return True
    color = decl.get("color")
    return color is not None and bool(_CLEAR.fullmatch(color.replace(" ", "")))


def _strikes(decl: dict[str, str]) -> bool:
    return any(
        "line-through" in decl.get(p, "") for p in ("text-decoration", "text-decoration-line")
    )


#: One compound of a selector: its tag (None: any), classes and id, and the pseudo-classes
#: it is matched by as written ("" none): of place (``:first-child``, ``:nth-child(2n)``)
#: and ``:not()`` of a compound.
Compound = tuple[str | None, frozenset[str], str | None, str]
#: A style rule: its compounds (the element's last), the combinators between them
#: (" " a descendant, ">" a child), and what it says: :data:`SHOWN`, :data:`GONE` or
#: :data:`BOXED` (of a colour rule: whether it writes white).
Rule = tuple[tuple[Compound, ...], tuple[str, ...], int]
_COMPOUND = re.compile(r"([a-z][a-z0-9]*|\*)?((?:[.#][\w-]+)*)", re.I)
_NAMES = re.compile(r"[.#][\w-]+")
_MAX_COMPOUNDS = 6
#: selectors of one class or id that hide or show: a page's first ones (bounds the work
#: of a page of many elements of one class; no page a person reads has more)
_MAX_RULES = 50


def _compound(text: str) -> Compound | None:
    """A compound of a selector; None where it is none this reads (another pseudo-class,
    such as ``:hover``, whose rule does not apply to the page at rest, or an attribute)."""
    extra = ""
    if ":" in text:
        extra = "".join(m.group(0).lower() for m in _EXTRA.finditer(text))
        text = _EXTRA.sub("", text)
        if ":" in text or any(
            n is not None and _compound(n) is None
            for m in _EXTRA.finditer(extra)
            for n in (m.group(6) or "").split(",")
            if m.group(6) is not None
        ):
            return None
    m = _COMPOUND.fullmatch(text)
    if m is None or not (text or extra):
        return None
    tag = m.group(1).lower() if m.group(1) and m.group(1) != "*" else None
    names = _NAMES.findall(m.group(2))
    ids = [n[1:] for n in names if n[0] == "#"]
    if len(ids) > 1:
        return None
    return tag, frozenset(n[1:] for n in names if n[0] == "."), ids[0] if ids else None, extra


def _extra_ok(el: Any, extra: str) -> bool:
    """Whether an element is matched by these pseudo-classes (of :data:`Compound`)."""
    for m in _EXTRA.finditer(extra):
        if m.group(6) is not None:  # :not(a, b): none of them
            if any((c := _compound(n)) is not None and _is(el, c) for n in m.group(6).split(",")):
                return False
        elif not _in_place(el, m.group(0)):
            return False
    return True


def _selector(text: str) -> tuple[tuple[Compound, ...], tuple[str, ...]] | None:
    """A selector of compounds (tag, classes, id) joined by descendant or child
    combinators whose last compound names a class or an id; None for any other."""
    compounds: list[Compound] = []
    combinators: list[str] = []
    want = True  # a compound next
    text = re.sub(r"\(([^()]*)\)", lambda m: "(" + m.group(1).replace(" ", "") + ")", text)
    for token in re.sub(r"\s*>\s*", " > ", text.strip()).split():
        if token == ">":
            if want:
                return None
            combinators.append(">")
            want = True
            continue
        if not want:
            combinators.append(" ")
        compound = _compound(token)
        if compound is None:
            return None
        compounds.append(compound)
        want = False
    if want or len(compounds) > _MAX_COMPOUNDS:
        return None
    _tag, classes, id_, _extra = compounds[-1]
    return (tuple(compounds), tuple(combinators)) if classes or id_ is not None else None


def sheet_rules(sheets: list[str]) -> list[Rule]:
    """The rules of the style sheets that hide or show an element named by a class or
    an id (``.hide``, ``span.hide``, ``#x``, ``.box .hide``, ``div > .x``), in order.
    Rules inside ``@media`` and other at-rules, and other selectors, are not read."""
    rules: list[Rule] = []
    for sheet in sheets:
        text = _AT_BLOCK.sub("", _COMMENT.sub("", sheet))
        for m in _RULE.finditer(text):
            says = _hides(_declarations(m.group(2)))
            if says is None:
                continue
            for selector in m.group(1).split(","):
                parsed = _selector(selector)
                if parsed is not None:
                    rules.append((*parsed, says))
    # a selector said again says what its last rule says
    last = {(r[0], r[1]): i for i, r in enumerate(rules)}
    kept = [r for i, r in enumerate(rules) if last[(r[0], r[1])] == i]
    return kept if any(r[2] for r in kept) else []


def _by_name(rules: list[Rule]) -> dict[str, list[tuple[int, Rule]]]:
    """The rules by the class (``.x``) or id (``#x``) their element is named by: an
    element is judged by the rules of its names alone."""
    out: dict[str, list[tuple[int, Rule]]] = {}
    for i, rule in enumerate(rules):
        _tag, classes, id_, _extra = rule[0][-1]
        key = f"#{id_}" if id_ is not None else f".{min(classes)}"
        mine = out.setdefault(key, [])
        if len(mine) < _MAX_RULES:
            mine.append((i, rule))
    return out


def _is(el: Any, compound: Compound) -> bool:
    tag, classes, id_, extra = compound
    if tag is not None and el.tag != tag:
        return False
    if id_ is not None and el.get("id") != id_:
        return False
    if classes and not classes <= set((el.get("class") or "").split()):
        return False
    return not extra or _extra_ok(el, extra)


class _Matcher:
    """Whether elements match the rules' selectors, each (element, compounds) judged
    once (a descendant combinator looks at every ancestor)."""

    def __init__(self) -> None:
        self.known: dict[tuple[Any, tuple[Compound, ...]], bool] = {}

    def match(self, el: Any, compounds: tuple[Compound, ...], combinators: tuple[str, ...]) -> bool:
        """Whether the element matches the selector (the element itself is not kept)."""
        ok = _is(el, compounds[-1])
        if ok and len(compounds) > 1:
            ok = self._above(el, compounds[:-1], combinators)
        return ok

    def _above(self, el: Any, rest: tuple[Compound, ...], combinators: tuple[str, ...]) -> bool:
        """Whether the element's parent (``>``) or an ancestor matches ``rest``."""
        parent = el.getparent()
        if combinators[-1] == ">":
            return parent is not None and self._kept(parent, rest, combinators[:-1])
        while parent is not None:
            if self._kept(parent, rest, combinators[:-1]):
                return True
            parent = parent.getparent()
        return False

    def _kept(self, el: Any, compounds: tuple[Compound, ...], combinators: tuple[str, ...]) -> bool:
        """:meth:`match` for an ancestor, kept: many elements share it."""
        key = (el, compounds)
        ok = self.known.get(key)
        if ok is None:
            ok = _is(el, compounds[-1]) and (
                len(compounds) == 1 or self._above(el, compounds[:-1], combinators)
            )
            self.known[key] = ok
        return ok


@functools.cache
def _candidates(rules: bool) -> Any:
    """The elements that may hide or strike out (with ``rules``: those a class or an id
    may hide too)."""
    from lxml import etree

    named = " or @class or @id" if rules else ""
    return etree.XPath(f"//*[@style or @hidden{named}] | //font[@color] | //del | //s | //strike")


@functools.cache
def _string_value() -> Any:
    from lxml import etree

    return etree.XPath("string()", smart_strings=False)


def _white_text(el: Any, decl: dict[str, str]) -> bool:
    """Whether an element's own style or ``<font color>`` makes its text white or near it
    (:func:`~zfxxgk.xlsx.colours.near_white`: a colour at its opacity, where no
    colour is said black at it) on no background of its own or a white one."""
    color = decl.get("color")
    if color is None and el.tag == "font":
        color = legacy_colour(el.get("color") or "")
    seen = opacity(decl.get("opacity")) if "opacity" in decl else 1.0
    if not color and seen == 1.0:
        return False
    if not near_white(color or "black", seen):
        return False
    return not _backed(decl)


_HEX_DIGITS = frozenset("0123456789abcdef")


def legacy_colour(value: str) -> str:
    """A colour attribute (``bgcolor``, ``<font color>``) as CSS writes it, read by the
    HTML standard's rules for a legacy colour value: a name or ``#rgb`` as written, any
    other text as hex digits split in three (``ffffff`` and ``fefefe`` without their
    ``#`` are white and near it; ``fff`` is ``#0f0f0f``, nearly black); "" for none
    (``transparent``: the attribute is ignored). Lower case."""
    text = value.strip(" \t\n\f\r").lower()
    if not text or text == "transparent":
        return ""  # (no colour: the attribute is as if not written)
    if (text.isalpha() and not set(text) <= _HEX_DIGITS) or (
        len(text) in (4, 7) and text[0] == "#" and set(text[1:]) <= _HEX_DIGITS
    ):
        return text  # (a name, #rgb, #rrggbb: as CSS reads it; no name is all hex digits)
    digits = "".join(c if c in _HEX_DIGITS else "0" for c in text[:128].removeprefix("#"))
    digits += "0" * (-len(digits) % 3 or (3 if not digits else 0))
    size = len(digits) // 3
    parts = [digits[i * size : (i + 1) * size][-8:] for i in range(3)]
    while len(parts[0]) > 2 and all(p[0] == "0" for p in parts):
        parts = [p[1:] for p in parts]
    return "#" + "".join(p[:2].rjust(2, "0") for p in parts)


def _backed(decl: dict[str, str]) -> bool:
    """Whether declarations give a background other than white (or near it): a colour or
    an image."""
    background = decl.get("background-color") or decl.get("background")
    if background and _ground(background):
        return True
    image = decl.get("background-image")
    return bool(image) and image != "none"


def _ground(background: str) -> bool:
    """Whether a background (a colour, or the shorthand) is other than white: an image,
    or a colour a person tells from white, or one this does not read."""
    colour = background_colour(background)
    if colour is None:
        return background not in ("none", "inherit", "initial", "unset", "transparent")
    return colour == "url" or not near_white(colour)


#: Pseudo-classes of a state the page at rest is not in (pointed at, focused, pressed,
#: visited, targeted) and pseudo-elements that are no ground of the element's own text (a
#: box before or after it, the selection): a rule with one colours nothing a person sees
#: on the page at rest or printed.
_NOT_AT_REST = re.compile(
    r":(?:hover|active|visited|target|focus(?:-within|-visible)?)(?![\w-])"
    r"|::?(?:before|after|selection|placeholder|marker|backdrop|-(?:webkit|moz|ms)-[\w-]+)"
    r"(?![\w-])",
    re.I,
)
#: Pseudo-classes that pick an element by its place among its siblings (matched: a rule for
#: ``td:first-child`` colours the first cells, not every cell).
_PLACED = re.compile(
    r":(first|last|only)-(child|of-type)(?![\w-])|:nth-(last-)?(child|of-type)\(([^)]*)\)", re.I
)


#: The pseudo-classes a compound is matched by (:func:`_extra_ok`): of place, and
#: ``:not()`` of compounds (group 6).
_EXTRA = re.compile(_PLACED.pattern + r"|:not\(([^()]*)\)", re.I)


def coloured_names(sheets: list[str]) -> frozenset[str]:
    """What the page's style sheets give a background other than white: tags (``th``),
    classes (``.head``) and ids (``#top``), as the last compound of a rule's selectors
    names them (the element the rule styles); one a pseudo-class picks by its place is
    written with it after a bar (``td|:first-child``). A rule that applies only in a state
    the page at rest is not in (``:hover``) or to a pseudo-element (``::before``) is not
    read; other pseudo-classes and attribute tests are read as any such element."""
    out: set[str] = set()
    for sheet in sheets:
        # (a background for a screen is seen: a @media block's rules are read)
        text = _AT_BLOCK.sub("", _MEDIA.sub("", _COMMENT.sub("", sheet)))
        for m in _RULE.finditer(text):
            if not _backed(_declarations(m.group(2))):
                continue
            for selector in m.group(1).split(","):
                if ":" in selector and _NOT_AT_REST.search(selector):
                    continue
                parts = selector.split()
                written = parts[-1].split(">")[-1] if parts else ""
                placed = "".join(p.group(0).lower() for p in _PLACED.finditer(written))
                last = _PSEUDO.sub("", written)
                if last in ("", "*"):  # any element (td:nth-child(2n), *, [align])
                    out.add(f"*|{placed}" if placed else "*")
                    continue
                compound = _compound(last)
                if compound is None:
                    continue
                tag, classes, id_, _extra = compound
                names = [f".{c}" for c in classes]
                if id_ is not None:
                    names.append(f"#{id_}")
                if tag is not None and not classes and id_ is None:
                    names.append(tag)
                out.update(f"{n}|{placed}" if placed else n for n in names)
    return frozenset(out)


def _on_colour(el: Any, coloured: frozenset[str]) -> bool:
    """Whether the element or one around it sets a background other than white (inline,
    ``bgcolor``, or a style sheet's rule for its tag, class or id, and its place where
    the rule names one)."""
    placed = [n.split("|", 1) for n in coloured if "|" in n]
    up = el
    while up is not None:
        bg = legacy_colour(up.get("bgcolor") or "")
        if bg and _ground(bg):
            return True
        if up.get("background"):  # an image (<table background="...">)
            return True
        style = up.get("style")
        if style and _backed(_declarations(style)):
            return True
        if coloured and (
            "*" in coloured
            or up.tag in coloured
            or any(f".{c}" in coloured for c in (up.get("class") or "").split())
            or (up.get("id") and f"#{up.get('id')}" in coloured)
        ):
            return True
        if placed and any(_named(up, n) and _in_place(up, where) for n, where in placed):
            return True
        up = up.getparent()
    return False


def _named(el: Any, name: str) -> bool:
    """Whether an element is any (``*``), or has the tag, ``.class`` or ``#id``."""
    if name == "*":
        return True
    if name[0] == ".":
        return name[1:] in (el.get("class") or "").split()
    if name[0] == "#":
        return bool(el.get("id") == name[1:])
    return bool(el.tag == name)


def _in_place(el: Any, pseudo: str) -> bool:
    """Whether an element is where each of these place pseudo-classes picks."""
    parent = el.getparent()
    siblings = [el] if parent is None else [c for c in parent if isinstance(c.tag, str)]
    for m in _PLACED.finditer(pseudo):
        of_type = (m.group(2) or m.group(4)) == "of-type"
        mine = [c for c in siblings if c.tag == el.tag] if of_type else siblings
        at, count = mine.index(el) + 1, len(mine)
        if m.group(1) is not None:
            which = m.group(1)
            if (which in ("first", "only") and at != 1) or (
                which in ("last", "only") and at != count
            ):
                return False
        elif not _nth(m.group(5), count - at + 1 if m.group(3) else at):
            return False
    return True


def _nth(formula: str, at: int) -> bool:
    """Whether the ``at``-th (from 1) is picked by an+b (``odd``, ``2n+1``, ``-n+3``, ``4``)."""
    text = formula.replace(" ", "").lower()
    text = {"odd": "2n+1", "even": "2n"}.get(text, text)
    m = re.fullmatch(r"([+-]?\d*)n([+-]\d+)?|([+-]?\d+)", text)
    if m is None:
        return True  # (unread: as any such element)
    if m.group(3) is not None:
        return at == int(m.group(3))
    a = {"": 1, "+": 1, "-": -1}.get(m.group(1))
    step = a if a is not None else int(m.group(1))
    offset = int(m.group(2) or 0)
    if step == 0:
        return at == offset
    return (at - offset) % step == 0 and (at - offset) // step >= 0


def white_unseen(
    el: Any, coloured: frozenset[str], whites: Whites | None = None, matcher: Any = None
) -> bool:
    """Text written white (inline style or ``<font color>``; in a table's cell also by
    a style sheet's rule for its class or id, ``whites``: :func:`white_rules`, matched by
    ``matcher``) where nothing around it
    sets a background: anti-copy junk a person does not see (``12<span
    style="color:#fff">7</span>3``, or a junk digit alone in a blank cell)."""
    style = el.get("style")
    decl = _declarations(style) if style else {}
    if "color" not in decl and el.tag != "font" and whites and _named_white(el, whites, matcher):
        return not _on_colour(el, coloured)
    if not (decl or el.tag == "font") or not _white_text(el, decl):
        return False
    return not _on_colour(el, coloured)


def _named_white(el: Any, whites: Whites, matcher: Any) -> bool:
    """Whether the last of the style sheets' colour rules that matches the element (by
    its class or id, tag, and the ancestors its selector names) makes it white, and it
    is (or stands in) a table's cell."""
    names = [f".{c}" for c in (el.get("class") or "").split()]
    if el.get("id"):
        names.append(f"#{el.get('id')}")
    mine = sorted((r for n in set(names) for r in whites.get(n, ())), key=lambda r: r[0])
    white = 0
    for _i, (compounds, combinators, says) in mine:  # the last rule that matches
        if says != white and (matcher or _Matcher()).match(el, compounds, combinators):
            white = says
    if not white:
        return False
    return el.tag in ("td", "th") or next(el.iterancestors("td", "th"), None) is not None


#: The colour rules of a page's style sheets by the class or id they name
#: (:func:`_by_name`); a rule's flag: it writes white on no background of its own.
Whites = dict[str, list[tuple[int, Rule]]]


def white_rules(sheets: list[str]) -> Whites:
    """The style sheets' rules that set the colour of an element named by a class or an
    id, their selectors read as :func:`sheet_rules` reads them (a tag, classes and an id
    in each compound, descendant and child combinators; a pseudo-class, ``:hover``, or
    an attribute makes a selector unread), by name; none where no rule writes white.
    The last rule that matches an element decides. Rules inside ``@media`` and other
    at-rules are not read."""
    rules: list[Rule] = []
    for sheet in sheets:
        text = _AT_BLOCK.sub("", _COMMENT.sub("", sheet))
        for m in _RULE.finditer(text):
            decl = _declarations(m.group(2))
            color = decl.get("color")
            if color is None:
                continue
            white = near_white(color, opacity(decl.get("opacity"))) and not _backed(decl)
            for selector in m.group(1).split(","):
                parsed = _selector(selector)
                if parsed is not None:
                    rules.append((*parsed, white))
    last = {(r[0], r[1]): i for i, r in enumerate(rules)}
    kept = [r for i, r in enumerate(rules) if last[(r[0], r[1])] == i]
    return _by_name(kept) if any(r[2] for r in kept) else {}


def _is_hidden(el: Any, rules: dict[str, list[tuple[int, Rule]]], matcher: _Matcher) -> int:
    """:data:`SHOWN`, or how the element is hidden (:data:`GONE`, :data:`BOXED`;
    :data:`VEILED` only where neither its ``hidden`` attribute nor a rule for its class or
    id hides it otherwise: a font size of nothing holds what shows itself again)."""
    style = el.get("style")
    decl = _declarations(style) if style else {}
    says = _hides(decl) if decl else None
    if says is not None and says != VEILED:
        return says
    if el.get("hidden") is not None:
        return GONE if says is None or "display" not in decl else BOXED
    by_name = _by_rules(el, rules, matcher) if rules else SHOWN
    if says == VEILED:
        return BOXED if by_name in (GONE, BOXED) else VEILED
    return by_name


def _by_rules(el: Any, rules: dict[str, list[tuple[int, Rule]]], matcher: _Matcher) -> int:
    """What the last of the style sheets' rules that matches an element says of it."""
    names = [f".{c}" for c in (el.get("class") or "").split()]
    if el.get("id"):
        names.append(f"#{el.get('id')}")
    mine = sorted((r for n in set(names) for r in rules.get(n, ())), key=lambda r: r[0])
    hides = SHOWN
    for _i, (compounds, combinators, rule_hides) in mine:  # the last rule that matches
        if rule_hides != hides and matcher.match(el, compounds, combinators):
            hides = rule_hides
    return hides


#: An element judged to be written white (:func:`white_unseen`), among the ways hidden.
_WHITE = 3
#: The table's parts whose box a hidden element keeps in its table (``visibility``: a
#: cell, a row, a row group stays in the grid, blank); a hidden table is dropped whole.
_BOXES = frozenset(("td", "th", "tr", "thead", "tbody", "tfoot"))


def _blank(cell: Any, string: Any, said: bool) -> None:
    """Empty a cell a person sees blank; where ``said`` and it held a figure, the figure
    marked :data:`~zfxxgk.core.cellvalue.UNSEEN` (no value, said: a value hidden)."""
    text = string(cell).strip()
    for child in list(cell):
        cell.remove(child)  # (its tail with it: inside the cell, unseen too)
    figure = said and looks_like_value(text) and any(c.isdigit() for c in text)
    cell.text = UNSEEN + text + UNSEEN if figure else None


def _visible_inside(el: Any) -> bool:
    """Whether an element hidden by ``visibility`` alone (its inline style) holds one
    whose own style shows it again (``visibility:visible``: a person sees that one)."""
    style = el.get("style")
    if style is not None:
        decl = _declarations(style)
        if decl.get("visibility") not in ("hidden", "collapse"):
            return False
        del decl["visibility"]
        if _hides(decl):
            return False  # (hidden another way too: no child shows)
    return any(_shown_again(d) for d in el.iterdescendants())


def _shown_again(el: Any) -> bool:
    style = el.get("style")
    return (
        bool(style)
        and "visible" in style.lower()
        and (_declarations(style).get("visibility") == "visible")
    )


def _only_visible(el: Any) -> None:
    """Keep of an element hidden by ``visibility`` only what shows itself again: its own
    text and its children's tails go, as does each child that holds nothing shown."""
    el.text = None
    for child in list(el):
        child.tail = None  # (text of the hidden element)
        if not isinstance(child.tag, str):
            el.remove(child)
        elif _shown_again(child):
            continue
        elif any(_shown_again(d) for d in child.iterdescendants()):
            _only_visible(child)
        else:
            el.remove(child)


def drop_unseen(root: Any, sheets: list[str], drop: Any, keep_tables: bool = False) -> bool:
    """Drop the elements of the page a person does not see (``drop`` removes one and
    keeps its tail), and mark the text of those shown struck out; True where any text
    was marked. ``keep_tables``: an element that is or holds a table is kept though
    hidden (a page that hides every table: what is hidden inside them is still junk)."""
    rules = _by_name(sheet_rules(sheets)) if sheets else {}
    coloured = coloured_names(sheets) if sheets else frozenset()
    whites = white_rules(sheets) if sheets else {}
    matcher = _Matcher()
    marked = False
    string = _string_value()
    shown = []
    white: dict[Any, list[str]] = {}  # the cells that held white text: its texts
    candidates = _candidates(bool(rules or whites))
    # each judged on the page as written, before any is dropped (a rule for :first-child
    # picks the first child the page writes, not the one left after a junk sibling goes)
    judged = []
    for el in candidates(root):  # in document order: what holds an element first
        if not isinstance(el.tag, str) or el.tag in ("html", "body"):
            continue
        hidden = _is_hidden(el, rules, matcher)
        if hidden and not (keep_tables and next(el.iter("table"), None) is not None):
            judged.append((el, hidden))
        elif (
            el.tag not in _TABLE_PARTS
            and next(el.iterdescendants("td", "th"), None) is None
            and white_unseen(el, coloured, whites, matcher)
        ):
            judged.append((el, _WHITE))
        else:
            shown.append(el)
    for el, hidden in judged:
        if hidden == _WHITE:
            # its place is seen (a cell stays), its text not; a white table, or what holds
            # one, is a dark page's design (its background in a linked style sheet), not
            # junk: read
            cell = el if el.tag in ("td", "th") else next(el.iterancestors("td", "th"), None)
            if cell is not None:
                white.setdefault(cell, []).append(string(el))
            for child in list(el):
                el.remove(child)  # (its tail with it: inside the element, unseen too)
            el.text = None
            continue
        shows = hidden == VEILED and _visible_inside(el)
        if hidden in (BOXED, VEILED) and el.tag in _BOXES:
            # a cell hidden keeps its box: the cells after it keep their columns
            cells = [el] if el.tag in ("td", "th") else list(el.iter("td", "th"))
            for cell in cells:  # (a row's: no row a person sees, its cells blank)
                if shows and _visible_inside(cell):
                    _only_visible(cell)
                else:
                    _blank(cell, string, said=cell is el)
        elif shows:
            _only_visible(el)
        else:
            drop(el)  # (in a subtree dropped already: no matter)
    for cell, texts in white.items():
        # a cell of nothing but white figures: junk in a blank cell, or a value on a
        # background the reader does not know (a linked style sheet's): no value, said
        said = "".join(texts).strip()
        if string(cell).strip() or not said:
            continue  # junk beside what the cell shows: not read
        if looks_like_value(said) and any(c.isdigit() for c in said):
            cell.text = UNSEEN + said + UNSEEN
        else:  # a label alone in white: a head on a dark ground (junk is figures), read
            cell.text = said
    for el in shown:
        style = el.get("style")
        if el.tag in _STRUCK_TAGS or (style and _strikes(_declarations(style))):
            cells = list(el.iter("td", "th")) if el.tag in _TABLE_PARTS else [el]
            for cell in cells:
                text = string(cell)
                for child in list(cell):
                    cell.remove(child)  # (its tail with it: the text holds it)
                cell.text = struck(text)
                marked = True
    return marked
