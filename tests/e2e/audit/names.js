// Accessible names and states of every visible control, without axe (cheap enough for every
// state): a control needs a name a screen reader can say (not only a placeholder), and a
// toggle button (ipywidgets ToggleButtons) must say whether it is pressed.
() => {
  const root = document.querySelector(".cd-app") || document.body;
  const problems = [];
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none"
      && !el.closest("details:not([open]) > :not(summary)");
  };
  const text = (el) => (el ? (el.innerText || el.textContent || "").trim() : "");
  const byIds = (ids) => ids.split(/\s+/).map((id) => text(document.getElementById(id))).join(" ").trim();
  const name = (el) => {
    if (el.getAttribute("aria-labelledby")) {
      const n = byIds(el.getAttribute("aria-labelledby"));
      if (n) return n;
    }
    if ((el.getAttribute("aria-label") || "").trim()) return el.getAttribute("aria-label").trim();
    if (el.labels && el.labels.length) {
      const n = Array.from(el.labels).map(text).join(" ").trim();
      if (n) return n;
    }
    const tag = el.tagName.toLowerCase();
    if (tag === "button" || tag === "summary" || tag === "a" || el.getAttribute("role") === "button") {
      if (text(el)) return text(el);
    }
    if (tag === "input" && ["submit", "button", "reset"].includes(el.type) && el.value) return el.value;
    return (el.getAttribute("title") || "").trim();
  };
  const describe = (el) => {
    const cls = typeof el.className === "string" ? el.className.trim().split(/\s+/).slice(0, 2).join(".") : "";
    return `${el.tagName.toLowerCase()}${cls ? "." + cls : ""}`;
  };
  const controls = root.querySelectorAll(
    "button, input:not([type=hidden]), select, textarea, summary, a[href], [role=button]"
  );
  for (const el of controls) {
    if (!visible(el)) continue;
    if (!name(el)) {
      const hint = el.getAttribute("placeholder") ? ` (only a placeholder "${el.getAttribute("placeholder")}")` : "";
      problems.push({ kind: "name", detail: `${describe(el)} has no accessible name${hint}` });
    }
  }
  for (const el of root.querySelectorAll(".widget-toggle-buttons button")) {
    if (!visible(el)) continue;
    const pressed = el.getAttribute("aria-pressed");
    const active = el.classList.contains("mod-active") ? "true" : "false";
    if (pressed !== active) {
      problems.push({ kind: "name", detail: `toggle "${text(el)}" says aria-pressed=${pressed}, is ${active}` });
    }
  }
  return problems.slice(0, 12);
}
