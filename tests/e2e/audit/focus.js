// Is the focused element's focus indicator clearly visible (>= 2 px, 3:1 against the background)?
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const v = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r: v[0], g: v[1], b: v[2], a: v.length > 3 ? v[3] : 1 };
  };
  const lum = (c) => {
    const f = (x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const contrast = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  let bg = { r: 255, g: 255, b: 255, a: 1 };
  for (let p = el.parentElement; p; p = p.parentElement) {
    const c = parse(getComputedStyle(p).backgroundColor);
    if (c && c.a > 0.5) { bg = c; break; }
  }
  const label = `${el.tagName.toLowerCase()} "${(el.innerText || el.value || el.getAttribute("aria-label") || el.title || "").trim().slice(0, 40)}"`;
  const width = parseFloat(s.outlineWidth) || 0;
  const color = parse(s.outlineColor);
  if (s.outlineStyle !== "none" && width >= 2 && color && color.a > 0.5) {
    const ratio = contrast(color, bg);
    return { label, ok: ratio >= 3, how: `outline ${width}px, contrast ${ratio.toFixed(1)}:1` };
  }
  // a box-shadow ring counts when its spread is >= 2 px
  const ring = s.boxShadow.match(/(rgba?\([^)]+\))\s+0px\s+0px\s+0px\s+(\d+(?:\.\d+)?)px/);
  if (ring && parseFloat(ring[2]) >= 2) {
    const ratio = contrast(parse(ring[1]), bg);
    return { label, ok: ratio >= 3, how: `ring ${ring[2]}px, contrast ${ratio.toFixed(1)}:1` };
  }
  return { label, ok: false, how: `outline ${s.outlineStyle} ${width}px, box-shadow ${s.boxShadow}` };
}
