// What a person sees on the page, measured in the browser: one call returns every
// layout and language problem of the current state (see tests/e2e/audit/checks.py).
(args) => {
  const { lang, ids, glosses } = args;
  const vw = window.innerWidth;
  const problems = [];
  const root = document.querySelector(".cd-app") || document.body;
  const MAX = 12; // at most this many problems of one kind

  const isVisible = (el) => {
    if (!(el instanceof Element)) return false;
    if (el.checkVisibility && !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
    if (el.closest("details:not([open])") && !el.closest("summary")) return false;
    const s = getComputedStyle(el);
    if (s.visibility === "hidden" || s.display === "none" || Number(s.opacity) === 0) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const describe = (el) => {
    if (!el) return "?";
    const cls = (el.className && typeof el.className === "string")
      ? "." + el.className.trim().split(/\s+/).filter((c) => c.startsWith("cd-") || c.startsWith("widget")).slice(0, 3).join(".")
      : "";
    const text = (el.innerText || el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 50);
    return `${el.tagName.toLowerCase()}${cls === "." ? "" : cls} "${text}"`;
  };
  // A box meant to scroll: its content may be wider than it (a wide table, the map).
  const scroller = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const s = getComputedStyle(p);
      const meant = ["TABLE", "PRE"].includes(p.tagName) || p.classList.contains("cd-map-box") || p.classList.contains("cd-scroll");
      if (meant && ["auto", "scroll"].includes(s.overflowX)) return p;
      if (p.tagName === "svg") return p;
    }
    return null;
  };
  const add = (kind, detail) => {
    if (problems.filter((p) => p.kind === kind).length < MAX) problems.push({ kind, detail });
  };

  // 1. past the viewport, or text clipped by its own box
  const all = Array.from(root.querySelectorAll("*")).filter(isVisible);
  for (const el of all) {
    if (el.closest("svg") && el.tagName !== "svg") continue;
    const r = el.getBoundingClientRect();
    if ((r.right > vw + 1 || r.left < -1) && !scroller(el)) {
      add("overflow", `${describe(el)} spans x=${Math.round(r.left)}..${Math.round(r.right)} on a ${vw}-px screen`);
    }
    const s = getComputedStyle(el);
    const hasText = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!hasText) continue;
    if (r.width <= 1 || r.height <= 1) continue; // visually hidden on purpose, for screen readers
    const clipsX = ["hidden", "clip"].includes(s.overflowX) || s.textOverflow === "ellipsis";
    const clipsY = ["hidden", "clip"].includes(s.overflowY);
    if (clipsX && el.scrollWidth > el.clientWidth + 1) {
      add("clipped", `${describe(el)} shows ${el.clientWidth} of ${el.scrollWidth} px`);
    } else if (clipsY && el.scrollHeight > el.clientHeight + 2) {
      add("clipped", `${describe(el)} shows ${el.clientHeight} of ${el.scrollHeight} px in height`);
    }
  }

  // 2. overlapping text, or text over a control
  const texts = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.trim() || !isVisible(n.parentElement)) continue;
    const box = n.parentElement.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue; // visually hidden on purpose
    if (n.parentElement.closest("svg, style, script, option, select")) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    for (const r of range.getClientRects()) {
      if (r.width > 1 && r.height > 1) texts.push({ node: n, el: n.parentElement, r });
    }
  }
  const controls = Array.from(root.querySelectorAll("input, select, textarea, button"))
    .filter(isVisible)
    .map((el) => ({ el, r: el.getBoundingClientRect() }));
  const overlap = (a, b) => {
    const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    // glyph boxes include the line's leading: a few pixels (or a quarter of a big
    // heading's box) of shared edge is spacing, not text drawn over text
    return x > 2 && y > Math.max(3, 0.25 * Math.min(a.height, b.height));
  };
  texts.sort((a, b) => a.r.top - b.r.top);
  for (let i = 0; i < texts.length; i++) {
    const a = texts[i];
    for (let j = i + 1; j < texts.length && texts[j].r.top < a.r.bottom; j++) {
      if (a.node === texts[j].node) continue;
      if (overlap(a.r, texts[j].r)) {
        add("overlap", `text ${describe(a.el)} overlaps text ${describe(texts[j].el)}`);
      }
    }
    for (const c of controls) {
      if (c.r.top > a.r.bottom || c.r.bottom < a.r.top || c.el.contains(a.node)) continue;
      if (overlap(a.r, c.r)) {
        add("overlap", `text ${describe(a.el)} overlaps control ${describe(c.el)}`);
      }
    }
  }

  // 3. placeholders and internal ids in visible text
  const visible = root.innerText || "";
  for (const m of visible.matchAll(/\{\{[^\n]{0,40}|[^\n]{0,40}\}\}/g)) add("placeholder", m[0]);
  const words = new Set(visible.split(/[^A-Za-z0-9_-]+/));
  for (const id of ids) if (words.has(id)) add("internal-id", id);

  // 4. interface text of the other language
  const jaChars = /[\u3040-\u30ff\u3400-\u9fff]/;
  const enRun = /[A-Za-z]{2,}(?:[ ,'’-]+[A-Za-z]{2,}){2,}/;
  const seen = new Set();
  for (const t of texts) {
    const node = t.node;
    if (seen.has(node)) continue;
    seen.add(node);
    const el = node.parentElement;
    const declared = el.closest("[lang]");
    if (declared && declared !== document.documentElement && declared.getAttribute("lang") !== lang) continue;
    let text = node.textContent.trim();
    for (const g of glosses) text = text.split(g).join("");
    // a term glossed with the original in brackets: "reduction rate (削減率)", "form (様式第1号)"
    if (lang === "en") text = text.replace(/[(（][^()（）]*[)）]/g, "");
    // citations keep the source's own numbering in both languages ("001 第16条", "003 §2 表")
    text = text.replace(/\b00[1-4] [^\s,、。:：)）]+(?: [^\s,、。:：)）]+)?/g, "");
    if (lang === "en" && jaChars.test(text)) add("language", `Japanese on the English page: "${text.slice(0, 60)}"`);
    if (lang === "ja" && !jaChars.test(text) && enRun.test(text)) add("language", `English on the Japanese page: "${text.slice(0, 60)}"`);
  }
  return problems;
}
