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
Struck-out text (``<del>``, ``<s>``, ``<strike>``, ``text-decoration: line-through``
inline or by a style sheet's rule, ``text-decoration-line`` too, with what its element
holds) is kept, marked (:mod:`~zfxxgk.published.struck`), for the cell that holds it to
decide what it says. ``aria-hidden`` hides nothing from the eye and is read. Of the
page's own style sheets (``<style>``; linked ones are not fetched) the rules outside
``@media`` are read whose selectors are compounds of a tag, classes, an id, attribute
tests, pseudo-classes of place, ``:not()``, ``:is()``, ``:where()``, ``:has()`` (of
compounds) joined by descendant, child and sibling combinators (``.hide``, ``td span``,
``tr > td > .x``, ``:is(td, th) .j``, ``b + .j``, ``[data-j]``); of the rules that match
an element, the most specific decides, then the last. A rule that would hide an element
by a selector not so read (``.j:not(.a .b)``) may hide junk in a value: each cell of a
value that holds figures such a rule's class or id names is marked
:data:`~zfxxgk.core.cellvalue.UNSEEN` (no value, said). Text written
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
from collections.abc import Iterable
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
_ATTRIBUTE = re.compile(r"\[[^\]]*\]")
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


def _decoration(decl: dict[str, str]) -> int | None:
    """Of a style rule's declarations: 1 where they strike out their element's text
    (``text-decoration`` or ``text-decoration-line`` of ``line-through``, with a colour or
    a style beside it), 0 where they decorate it otherwise (``none``), None where they say
    nothing of it."""
    if "text-decoration" not in decl and "text-decoration-line" not in decl:
        return None
    return 1 if _strikes(decl) else 0


#: One compound of a selector: its tag (None: any), classes and id, and the pseudo-classes
#: it is matched by (:data:`Pseudo`, none: ``()``).
Compound = tuple[str | None, frozenset[str], str | None, tuple["Pseudo", ...]]
#: A pseudo-class read: ``("place", ":first-child")`` (its place among its siblings, as
#: written), ``("not", alternatives)``, ``("is", alternatives)`` and ``("where", ...)``
#: (one of them: each a selector's compounds and combinators), ``("has", alternatives)``
#: (a descendant, or with ``>`` a child, that is one of them: each a combinator, ``">"``
#: or ``" "``, and a compound), an attribute test (``("[", ...)``: :func:`_attribute`),
#: ``("empty", ())``, ``("root", ())``.
Pseudo = tuple[str, tuple[Any, ...]]
#: A style rule: its compounds (the element's last), the combinators between them
#: (" " a descendant, ">" a child, "+" and "~" a sibling before), what it says:
#: :data:`SHOWN`, :data:`GONE` or :data:`BOXED` (of a colour rule: whether it writes
#: white; of a decoration: whether it strikes out), and whether it says so ``!important``.
Rule = tuple[tuple[Compound, ...], tuple[str, ...], int, bool]
_COMPOUND = re.compile(r"([a-z][a-z0-9]*|\*)?((?:[.#][\w-]+)*)", re.I)
_NAMES = re.compile(r"[.#][\w-]+")
_IDENT = re.compile(r"-?[a-z_][\w-]*", re.I)
_PLACES = frozenset(f"{w}-{k}" for w in ("first", "last", "only") for k in ("child", "of-type"))
_NTH = frozenset(("nth-child", "nth-last-child", "nth-of-type", "nth-last-of-type"))
_MAX_COMPOUNDS = 6
#: selectors of one class or id that hide or show: a page's first ones (bounds the work
#: of a page of many elements of one class; no page a person reads has more)
_MAX_RULES = 50


def _depths(text: str) -> list[int] | None:
    """The depth in parentheses and brackets after each character of ``text`` (None where
    they do not close): what the selector scanners below keep at the top level."""
    out: list[int] = []
    depth = 0
    for c in text:
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
            if depth < 0:
                return None
        out.append(depth)
    return None if depth else out


def _split_top(text: str, at: str) -> list[str] | None:
    """The text split at each of the characters ``at`` outside parentheses and brackets
    (None where they do not close)."""
    depths = _depths(text)
    if depths is None:
        return None
    parts, begun = [], 0
    for i, (c, depth) in enumerate(zip(text, depths, strict=True)):
        if depth == 0 and c in at and c not in "()[]":
            parts.append(text[begun:i])
            begun = i + 1
    parts.append(text[begun:])
    return parts


def _pseudo_texts(text: str) -> tuple[str, list[tuple[str, str | None]]] | None:
    """A compound's text split into its tag, classes and id, and its pseudo-classes
    (name in lower case, argument or None) and attribute tests (``[``, what the brackets
    hold); None where it has a pseudo-element (which this does not read)."""
    if ":" not in text and "[" not in text:
        return text, []
    base: list[str] = []
    pseudos: list[tuple[str, str | None]] = []
    at = 0
    while at < len(text):
        c = text[at]
        if c == "[":
            end = text.find("]", at)
            if end < 0:
                return None
            pseudos.append(("[", text[at + 1 : end]))
            at = end + 1
            continue
        if c != ":":
            base.append(c)
            at += 1
            continue
        m = _IDENT.match(text, at + 1)
        if m is None:  # (::before, or nothing)
            return None
        at = m.end()
        if at < len(text) and text[at] == "(":
            depth, end = 0, at
            while end < len(text):
                depth += {"(": 1, ")": -1}.get(text[end], 0)
                if depth == 0:
                    break
                end += 1
            if depth:
                return None
            pseudos.append((m.group(0).lower(), text[at + 1 : end].strip()))
            at = end + 1
        else:
            pseudos.append((m.group(0).lower(), None))
    return "".join(base), pseudos


def _pseudo(name: str, arg: str | None) -> Pseudo | None:
    """A pseudo-class this reads (:data:`Pseudo`); None for another (``:hover``, whose
    rule does not apply to the page at rest; ``:lang()``; in ``:has()`` more than one
    compound)."""
    if name == "[":
        return _attribute(arg or "")
    if arg is None:
        if name in ("empty", "root"):
            return (name, ())
        return ("place", (f":{name}",)) if name in _PLACES else None
    if name in _NTH:
        return ("place", (f":{name}({arg})",))
    if name not in ("not", "is", "where", "has"):
        return None
    alternatives: list[Any] = []
    for part in _split_top(arg, ",") or [""]:
        part = part.strip()
        if name != "has":
            selector = _selector(part)  # (a complex one too: .x .y)
            if selector is None:
                return None
            alternatives.append(selector)
            continue
        combinator = " "
        if part.startswith(">"):
            combinator, part = ">", part[1:].strip()
        one = _compound(part) if part and not any(c.isspace() for c in part) else None
        if one is None:
            return None  # (a relative selector of more than a compound: not read)
        alternatives.append((combinator, one))
    return (name, tuple(alternatives))


_ATTRIBUTE_TEST = re.compile(
    r"\s*([\w-]+)\s*(?:([~|^$*]?=)\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"']+))\s*([is])?)?\s*",
    re.I,
)


def _attribute(text: str) -> Pseudo | None:
    """An attribute test (``[data-j]``, ``[class~="j" i]``) as :data:`Pseudo`: ``("[",
    (name, operator, value, whether any case))``; None where it is none."""
    m = _ATTRIBUTE_TEST.fullmatch(text)
    if m is None:
        return None
    value = next((v for v in m.group(3, 4, 5) if v is not None), "")
    fold = (m.group(6) or "").lower() == "i"
    return ("[", (m.group(1).lower(), m.group(2) or "", value.lower() if fold else value, fold))


def _attribute_ok(el: Any, name: str, op: str, value: str, fold: bool) -> bool:
    """Whether an element passes an attribute test (of :func:`_attribute`)."""
    have = el.get(name)
    if have is None:
        return False
    if not op:
        return True
    if fold:
        have = have.lower()
    if op == "=":
        return bool(have == value)
    if op == "~=":
        return value in have.split()
    if op == "|=":
        return bool(have == value or have.startswith(value + "-"))
    if not value:
        return False  # (^=, $=, *= of nothing match nothing)
    if op == "^=":
        return bool(have.startswith(value))
    if op == "$=":
        return bool(have.endswith(value))
    return value in have


@functools.lru_cache(maxsize=1024)
def _compound(text: str) -> Compound | None:
    """A compound of a selector; None where it is none this reads (another pseudo-class,
    such as ``:hover``, whose rule does not apply to the page at rest, or an attribute)."""
    split = _pseudo_texts(text)
    if split is None:
        return None
    base, texts = split
    pseudos: list[Pseudo] = []
    for name, arg in texts:
        read = _pseudo(name, arg)
        if read is None:
            return None
        pseudos.append(read)
    m = _COMPOUND.fullmatch(base)
    if m is None or not (base or pseudos):
        return None
    tag = m.group(1).lower() if m.group(1) and m.group(1) != "*" else None
    names = _NAMES.findall(m.group(2))
    ids = [n[1:] for n in names if n[0] == "#"]
    if len(ids) > 1:
        return None
    classes = frozenset(n[1:] for n in names if n[0] == ".")
    return tag, classes, ids[0] if ids else None, tuple(pseudos)


def _extra_ok(el: Any, pseudos: tuple[Pseudo, ...]) -> bool:
    """Whether an element is matched by these pseudo-classes (of :data:`Compound`)."""
    for kind, what in pseudos:
        if kind == "place":
            if not _in_place(el, what[0]):
                return False
        elif kind == "[":
            if not _attribute_ok(el, *what):
                return False
        elif kind == "empty":
            if el.text or any(isinstance(c.tag, str) or c.tail for c in el):
                return False
        elif kind == "root":
            if el.getparent() is not None:
                return False
        elif kind == "not":
            if any(_complex(el, *c) for c in what):
                return False
        elif kind in ("is", "where"):
            if not any(_complex(el, *c) for c in what):
                return False
        elif not any(  # has: a child (>) or a descendant that is one of them
            _is(d, c)
            for combinator, c in what
            for d in (el if combinator == ">" else el.iterdescendants())
            if isinstance(d.tag, str)
        ):
            return False
    return True


_COMBINATORS = frozenset(">+~")


def _tokens(text: str) -> list[str] | None:
    """A selector's compounds and combinators (``>``, ``+``, ``~``; a descendant's is
    the space between two compounds); None where its parentheses or brackets do not
    close."""
    depths = _depths(text)
    if depths is None:
        return None
    out: list[str] = []
    at: list[str] = []
    for c, depth in zip(text, depths, strict=True):
        if depth == 0 and (c.isspace() or c in _COMBINATORS):
            if at:
                out.append("".join(at))
                at = []
            if not c.isspace():
                out.append(c)
            continue
        at.append(c)
    if at:
        out.append("".join(at))
    return out


def _selector(text: str) -> tuple[tuple[Compound, ...], tuple[str, ...]] | None:
    """A selector of compounds (tag, classes, id, the pseudo-classes and attribute tests
    :func:`_compound` reads) joined by descendant, child or sibling combinators; None for
    any other."""
    compounds: list[Compound] = []
    combinators: list[str] = []
    want = True  # a compound next
    tokens = _tokens(text)
    if tokens is None:
        return None
    for token in tokens:
        if token in _COMBINATORS:
            if want:
                return None
            combinators.append(token)
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
    return tuple(compounds), tuple(combinators)


def sheet_rules(sheets: list[str], says: Any = None) -> list[Rule]:
    """The rules of the style sheets that hide or show an element (``.hide``,
    ``span.hide``, ``#x``, ``.box .hide``, ``div > .x``, ``td span``, ``:is(td) .x``), in
    order; ``says``: what a rule's declarations say instead (:func:`_decoration`: whether
    it strikes out). Rules inside ``@media`` and other at-rules, and other selectors,
    are not read."""
    judge = _hides if says is None else says
    rules: list[Rule] = []
    for sheet in sheets:
        text = _AT_BLOCK.sub("", _COMMENT.sub("", sheet))
        for m in _RULE.finditer(text):
            body = m.group(2)
            said = judge(_declarations(body))
            if said is None:
                continue
            # (!important: where its important declarations alone say what it says)
            important = "!important" in body.lower() and judge(_important(body)) == said
            for selector in _split_top(m.group(1), ",") or ():
                parsed = _selector(selector)
                if parsed is not None:
                    rules.append((*parsed, said, important))
    # a selector said again says what its last rule says (an important one, if any)
    last = {(r[0], r[1], r[3]): i for i, r in enumerate(rules)}
    kept = [r for i, r in enumerate(rules) if last[(r[0], r[1], r[3])] == i]
    return kept if any(r[2] for r in kept) else []


def _important(body: str) -> dict[str, str]:
    """A rule's ``!important`` declarations (as :func:`_declarations` writes them)."""
    return _declarations(";".join(p for p in body.split(";") if "!important" in p.lower()))


#: A rule's place in the cascade: whether it is ``!important``, its specificity, where
#: it is written.
Order = tuple[bool, tuple[int, int, int], int]
#: Rules by the name their element is judged by (:func:`_by_name`), each with its place
#: in the cascade.
ByName = dict[str, list[tuple[Order, Rule]]]


def _by_name(rules: list[Rule]) -> ByName:
    """The rules by the id (``#x``), class (``.x``), tag (``td``), attribute (``[x]``;
    then a key ``[`` too) or none (``*``) their element is named by: an element is
    judged by the rules of its names alone (:func:`_mine`)."""
    out: ByName = {}
    for i, rule in enumerate(rules):
        tag, classes, id_, _extra = rule[0][-1]
        attributes = sorted(p[1][0] for p in _extra if p[0] == "[")
        if id_ is not None:
            key = f"#{id_}"
        elif classes:
            key = f".{min(classes)}"
        elif tag is not None or not attributes:
            key = tag or "*"
        else:
            key = f"[{attributes[0]}]"
            out.setdefault("[", [])
        mine = out.setdefault(key, [])
        if len(mine) < _MAX_RULES:
            mine.append(((rule[3], _specificity(rule[0]), i), rule))
    return out


def _names(el: Any) -> list[str]:
    """The keys of :func:`_by_name` an element may be judged by."""
    names = [f".{c}" for c in (el.get("class") or "").split()]
    if el.get("id"):
        names.append(f"#{el.get('id')}")
    names += (el.tag, "*")
    names += (f"[{k}]" for k in el.attrib)
    return names


def _mine(el: Any, rules: ByName) -> list[tuple[Order, Rule]]:
    """The rules an element may be matched by, in the cascade's order: the important
    after the others, each by specificity, then as written (the last that matches
    decides)."""
    found: list[tuple[Order, Rule]] = []
    classes = el.get("class")
    if classes:
        for c in set(classes.split()):
            found += rules.get(f".{c}", ())
    id_ = el.get("id")
    if id_:
        found += rules.get(f"#{id_}", ())
    found += rules.get(el.tag, ())
    found += rules.get("*", ())
    if "[" in rules:
        for k in el.attrib:
            found += rules.get(f"[{k}]", ())
    if len(found) > 1:
        found.sort(key=lambda r: r[0])
    return found


@functools.lru_cache(maxsize=1024)
def _specificity(compounds: tuple[Compound, ...]) -> tuple[int, int, int]:
    """A selector's specificity: its ids, its classes and pseudo-classes, its tags
    (``:is()``, ``:not()``, ``:has()`` count as their most specific alternative,
    ``:where()`` as nothing)."""
    ids = classes = tags = 0
    for compound in compounds:
        i, c, t = _compound_specificity(compound)
        ids, classes, tags = ids + i, classes + c, tags + t
    return ids, classes, tags


def _compound_specificity(compound: Compound) -> tuple[int, int, int]:
    tag, names, id_, pseudos = compound
    ids, classes, tags = int(id_ is not None), len(names), int(tag is not None)
    for kind, what in pseudos:
        if kind in ("place", "[", "empty", "root"):
            classes += 1
        elif kind != "where":
            if kind == "has":
                i, c, t = max(_compound_specificity(one) for _comb, one in what)
            else:
                i, c, t = max(_specificity(compounds) for compounds, _combinators in what)
            ids, classes, tags = ids + i, classes + c, tags + t
    return ids, classes, tags


def _complex(el: Any, compounds: tuple[Compound, ...], combinators: tuple[str, ...]) -> bool:
    """Whether an element matches a selector inside a pseudo-class (``:not(.x .y)``)."""
    if len(compounds) == 1:
        return _is(el, compounds[0])
    return _Matcher().match(el, compounds, combinators)


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
    """Whether elements match the rules' selectors, each (element, compounds,
    combinators) judged once (a descendant combinator looks at every ancestor)."""

    def __init__(self) -> None:
        self.known: dict[tuple[Any, tuple[Compound, ...], tuple[str, ...]], bool] = {}

    def match(self, el: Any, compounds: tuple[Compound, ...], combinators: tuple[str, ...]) -> bool:
        """Whether the element matches the selector (the element itself is not kept)."""
        ok = _is(el, compounds[-1])
        if ok and len(compounds) > 1:
            ok = self._above(el, compounds[:-1], combinators)
        return ok

    def _above(self, el: Any, rest: tuple[Compound, ...], combinators: tuple[str, ...]) -> bool:
        """Whether the element's parent (``>``), an ancestor (a space), the element just
        before it (``+``) or one before it (``~``) matches ``rest``."""
        how = combinators[-1]
        if how in "+~":
            before = (s for s in el.itersiblings(preceding=True) if isinstance(s.tag, str))
            if how == "+":
                first = next(before, None)
                return first is not None and self._kept(first, rest, combinators[:-1])
            return any(self._kept(s, rest, combinators[:-1]) for s in before)
        parent = el.getparent()
        if how == ">":
            return parent is not None and self._kept(parent, rest, combinators[:-1])
        while parent is not None:
            if self._kept(parent, rest, combinators[:-1]):
                return True
            parent = parent.getparent()
        return False

    def _kept(self, el: Any, compounds: tuple[Compound, ...], combinators: tuple[str, ...]) -> bool:
        """:meth:`match` for an element above or before, kept: many elements share it."""
        key = (el, compounds, combinators)
        ok = self.known.get(key)
        if ok is None:
            ok = _is(el, compounds[-1]) and (
                len(compounds) == 1 or self._above(el, compounds[:-1], combinators)
            )
            self.known[key] = ok
        return ok


@functools.lru_cache(maxsize=64)
def _candidates(named: bool, tags: frozenset[str] = frozenset()) -> Any:
    """The elements that may hide or strike out (``named``: those a class or an id may
    hide too; ``tags``: those of these tags, which rules name by their tag alone, ``*``
    any element)."""
    from lxml import etree

    if "*" in tags:
        return etree.XPath("//*")
    more = "".join(f" | //{t}" for t in sorted(tags) if _TAG.fullmatch(t))
    more += "".join(
        f" | //*[@{t[1:-1]}]" for t in sorted(tags) if t[0] == "[" and _TAG.fullmatch(t[1:-1])
    )
    named_ = " or @class or @id" if named else ""
    return etree.XPath(
        f"//*[@style or @hidden{named_}] | //font[@color] | //del | //s | //strike{more}"
    )


_TAG = re.compile(r"[a-z][a-z0-9-]*")


def _tags(*rules: Iterable[str]) -> frozenset[str]:
    """The tags, attributes (``[x]``) and ``*`` rules by name name their elements by
    alone."""
    return frozenset(k for r in rules for k in r if k[0] not in ".#")


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
            for selector in _split_top(m.group(1), ",") or ():
                if ":" in selector and _NOT_AT_REST.search(selector):
                    continue
                parts = _split_top(selector.replace(">", " > "), " \t\n\r\f") or [""]
                written = _ATTRIBUTE.sub("", next((p for p in reversed(parts) if p), ""))
                split = _pseudo_texts(written)
                if split is None:  # (a pseudo-element: as the element)
                    split = _PSEUDO.sub("", written), []
                last, texts = split
                # of place, :not(), :is(), :has() matched; others read as any such element
                placed = "".join(
                    f":{name}" if arg is None else f":{name}({arg})"
                    for name, arg in texts
                    if _pseudo(name, arg) is not None
                )
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
        if placed and any(_named(up, n) and _pseudo_ok(up, where) for n, where in placed):
            return True
        up = up.getparent()
    return False


def _pseudo_ok(el: Any, pseudos: str) -> bool:
    """Whether an element is matched by these pseudo-classes as written (of
    :func:`coloured_names`)."""
    compound = _compound(pseudos)
    return compound is None or _extra_ok(el, compound[3])


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
    a style sheet's rule, ``whites``: :func:`white_rules`, matched by ``matcher``) where
    nothing around it
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
    """Whether the colour rule that decides of the element (:func:`_mine`: the most
    specific that matches, then the last) makes it white, and it is (or stands in) a
    table's cell."""
    mine = _mine(el, whites)
    white = 0
    for _i, (compounds, combinators, says, _important) in mine:  # the last that matches
        if says != white and (matcher or _Matcher()).match(el, compounds, combinators):
            white = says
    if not white:
        return False
    return el.tag in ("td", "th") or next(el.iterancestors("td", "th"), None) is not None


#: The colour rules of a page's style sheets by the class or id they name
#: (:func:`_by_name`); a rule's flag: it writes white on no background of its own.
Whites = ByName


def white_rules(sheets: list[str]) -> Whites:
    """The style sheets' rules that set the colour of an element, their selectors read
    as :func:`sheet_rules` reads them, by name (:func:`_by_name`); none where no rule
    writes white. A rule for a table's cells or parts by their tag alone (``td``,
    ``.dark th``) or for any element writes the colour of a page's design, not of junk:
    not read. The last rule that matches an element decides (by specificity). Rules
    inside ``@media`` and other at-rules are not read."""
    rules = [r for r in sheet_rules(sheets, _white) if not _of_design(r[0][-1])]
    return _by_name(rules) if any(r[2] for r in rules) else {}


def _of_design(compound: Compound) -> bool:
    """Whether a colour rule's element is a table's part, its cell, the page or any
    element, named by its tag alone (and its place): the colour of a page's design."""
    tag, classes, id_, pseudos = compound
    if classes or id_ is not None or any(kind == "[" for kind, _ in pseudos):
        return False
    return tag in _DESIGN and not (tag is None and any(k in ("is", "where") for k, _ in pseudos))


#: Tags a colour rule of no class or id colours as a page's design (None: any element).
_DESIGN = frozenset(("html", "body", "table", "thead", "tbody", "tfoot", "tr", "td", "th", None))


def _white(decl: dict[str, str]) -> int | None:
    """Of a style rule's declarations: 1 where they write their element white on no
    background of their own, 0 where they set another colour, None where no colour."""
    color = decl.get("color")
    if color is None:
        return None
    return int(near_white(color, opacity(decl.get("opacity"))) and not _backed(decl))


def _is_hidden(el: Any, rules: ByName, matcher: _Matcher) -> int:
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


def _by_rules(el: Any, rules: ByName, matcher: _Matcher) -> int:
    """What the last of the style sheets' rules that matches an element says of it."""
    mine = _mine(el, rules)
    hides = SHOWN
    for _i, (compounds, combinators, rule_hides, _important) in mine:  # the last matching
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
    strikes = _by_name(sheet_rules(sheets, _decoration)) if sheets else {}
    doubts = doubted_names(sheets) if sheets else frozenset()
    matcher = _Matcher()
    marked = False
    string = _string_value()
    shown = []
    white: dict[Any, list[str]] = {}  # the cells that held white text: its texts
    candidates = _candidates(
        bool(rules or whites or strikes or doubts),
        _tags(rules, whites, strikes, doubts),
    )
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
    if doubts:
        _doubt(shown, doubts, string)
    for el in shown:
        if el.tag in _STRUCK_TAGS or _struck_by(el, strikes, matcher):
            cells = list(el.iter("td", "th")) if el.tag in _TABLE_PARTS else [el]
            for cell in cells:
                text = string(cell)
                for child in list(cell):
                    cell.remove(child)  # (its tail with it: the text holds it)
                cell.text = struck(text)
                marked = True
    return marked


def _struck_by(el: Any, strikes: ByName, matcher: _Matcher) -> bool:
    """Whether an element's own style, else the last of the style sheets' rules that
    matches it (:func:`_decoration`), strikes out its text (what it holds with it: a
    decoration no descendant undoes)."""
    style = el.get("style")
    if style:
        decl = _declarations(style)
        if "text-decoration" in decl or "text-decoration-line" in decl:
            return _strikes(decl)
    return bool(strikes) and _by_rules(el, strikes, matcher) == 1


def doubted_names(sheets: list[str]) -> frozenset[str]:
    """What the style sheets' hiding rules that this cannot match may hide: the id
    (``#x``) or class (``.x``) of the last compound of each selector that
    :func:`_selector` does not read (``.j:not(.a .b)``, ``td .x:checked``), its other
    parts left out. Not a rule for a state the page at rest is not in (``:hover``) or a
    pseudo-element, nor one that names its element by its tag alone (``span:lang(en)``:
    every span of a Word page's cells) or not at all."""
    out: set[str] = set()
    for sheet in sheets:
        text = _AT_BLOCK.sub("", _COMMENT.sub("", sheet))
        for m in _RULE.finditer(text):
            if _hides(_declarations(m.group(2))) in (None, SHOWN):
                continue
            for selector in _split_top(m.group(1), ",") or ():
                if _selector(selector) is not None or _NOT_AT_REST.search(selector):
                    continue
                tokens = _tokens(selector)
                split = _pseudo_texts(tokens[-1]) if tokens else None
                loose = _compound(split[0]) if split is not None and split[0] else None
                if loose is None:
                    continue
                _tag, classes, id_, _extra = loose
                if id_ is not None:
                    out.add(f"#{id_}")
                elif classes:
                    out.add(f".{min(classes)}")
    return frozenset(out)


def _doubt(shown: list[Any], doubts: frozenset[str], string: Any) -> None:
    """Mark :data:`~zfxxgk.core.cellvalue.UNSEEN` each cell of a value that holds figures
    that a hiding rule this cannot match may hide (:func:`doubted_names`): no value,
    said, rather than junk read into it."""
    cells = []
    for el in shown:
        if not any(n in doubts for n in _names(el)):
            continue
        if not any(c.isdigit() for c in string(el)):
            continue
        cell = el if el.tag in ("td", "th") else next(el.iterancestors("td", "th"), None)
        if cell is not None:
            cells.append(cell)
    for cell in cells:
        text = string(cell).strip()
        if UNSEEN in text or not looks_like_value(text):
            continue  # (a label: what it names is matched or not, never a number)
        for child in list(cell):
            cell.remove(child)
        cell.text = UNSEEN + text + UNSEEN
