"""Layout checks that any browser test can call on the page it has open: no sideways scrolling
of the page (WCAG 1.4.10, reflow), no box in the content that hides part of itself behind a
scroll bar, and nothing wider than the printable width of an A4 page when printed.

    from layout import overflow_problems, print_problems, WIDTHS
    page.set_viewport_size({"width": 320, "height": 640})
    assert overflow_problems(page) == []
"""

from __future__ import annotations

WIDTHS = (320, 375, 768)  # a small phone, a common phone, a tablet held upright

# A4 is 210 mm wide; docs/assets/guidelines.css prints with 18 + 16 mm side margins, which
# leaves 176 mm: 665 CSS pixels at 96 px per inch.
A4_PRINTABLE_PX = round(176 / 25.4 * 96)

# Returns what sticks out: the page's own scroll width against the viewport, and every element
# in the content whose box reaches past the viewport's right edge or that needs a sideways
# scroll bar to show all of itself (a cut-off table). Elements that are hidden, or clipped to
# 1 px for screen readers only, are not seen by anyone and so do not count.
_PROBLEMS_JS = """(limit) => {
  const root = document.documentElement;
  const out = [];
  if (root.scrollWidth > limit + 1) out.push(`the page is ${root.scrollWidth} px wide`);
  const seen = new Set();
  const describe = (el) => {
    let name = el.tagName.toLowerCase();
    if (el.id) name += "#" + el.id;
    const cls = String(el.className || "").trim().split(/\\s+/).filter(Boolean).slice(0, 2);
    if (cls.length) name += "." + cls.join(".");
    return name;
  };
  const clipped = (el) => {
    for (let node = el; node && node !== document.body; node = node.parentElement) {
      const s = getComputedStyle(node);
      if (s.display === "none" || s.visibility === "hidden") return true;
      if (s.position === "absolute" && node.offsetWidth <= 1 && node.offsetHeight <= 1) return true;
    }
    return false;
  };
  for (const el of document.querySelectorAll(".md-content *")) {
    if (out.length > 12) break;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const wide = r.right > limit + 1;
    const s = getComputedStyle(el);
    const scrolls = (s.overflowX === "auto" || s.overflowX === "scroll") && el.scrollWidth > el.clientWidth + 1;
    if (!wide && !scrolls) continue;
    if (clipped(el)) continue;
    // Report the outermost offender only, not each of its children.
    let parent = el.parentElement, reported = false;
    while (parent) { if (seen.has(parent)) { reported = true; break; } parent = parent.parentElement; }
    seen.add(el);
    if (reported) continue;
    if (wide) out.push(`${describe(el)} reaches ${Math.round(r.right)} px`);
    else out.push(`${describe(el)} hides ${el.scrollWidth - el.clientWidth} px behind a scroll bar`);
  }
  return out;
}"""


def overflow_problems(page) -> list[str]:
    """What scrolls sideways or is cut off on the page at its current viewport width."""
    width = page.viewport_size["width"]
    return page.evaluate(_PROBLEMS_JS, width)


def print_problems(page) -> list[str]:
    """What would not fit on an A4 page when the page is printed (print media, printable width)."""
    size = page.viewport_size
    page.set_viewport_size({"width": A4_PRINTABLE_PX, "height": 900})
    page.emulate_media(media="print")
    try:
        return page.evaluate(_PROBLEMS_JS, A4_PRINTABLE_PX)
    finally:
        page.emulate_media(media="screen")
        page.set_viewport_size(size)


def layout_problems(page) -> dict[str, list[str]]:
    """Every problem of the open page at each width and in print, keyed "320px" … "print".
    The page is resized, not reloaded: reflow (WCAG 1.4.10) is about the open page zoomed."""
    found: dict[str, list[str]] = {}
    size = page.viewport_size
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        problems = overflow_problems(page)
        if problems:
            found[f"{width}px"] = problems
    page.set_viewport_size(size)
    problems = print_problems(page)
    if problems:
        found["print"] = problems
    return found
