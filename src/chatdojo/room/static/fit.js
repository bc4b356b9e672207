// Projector only: scale the text so the page fills the screen without scrolling. Sizes are
// clamp(minimum, k * --u * --fit, maximum) in room.css, so text never goes below the minimums
// stated in docs/live-room.md. Runs after each view change and on resize.
(() => {
  "use strict";
  const root = document.documentElement;
  const live = document.getElementById("live");
  if (!live || !document.body.classList.contains("screen")) return;
  const over = () =>
    root.scrollHeight > window.innerHeight || root.scrollWidth > window.innerWidth;
  let queued = false;
  const set = (f) => root.style.setProperty("--fit", String(f));
  // The largest --fit in [0.5, 1.6] at which nothing overflows (binary search, 6 layouts):
  // long content shrinks towards the minimums, short content grows towards the maximums.
  const largest = () => {
    let lo = 0.5;
    let hi = 1.6;
    set(hi);
    if (!over()) lo = hi;
    for (let i = 0; i < 6 && hi - lo > 0.02; i += 1) {
      const mid = (lo + hi) / 2;
      set(mid);
      if (over()) hi = mid;
      else lo = mid;
    }
    return Math.floor(lo * 100) / 100;
  };
  // A reveal has two layouts (room.css, data-layout): keep the one that fits larger text.
  const fit = () => {
    queued = false;
    let best = { layout: "", f: -1 };
    const layouts = live.querySelector(".reveal-grid .ranking") ? ["", "alt"] : [""];
    for (const layout of layouts) {
      root.dataset.layout = layout;
      const f = largest();
      if (f > best.f + 0.001) best = { layout, f };
    }
    root.dataset.layout = best.layout;
    set(best.f);
    root.dataset.fit = String(best.f);
  };
  const later = () => {
    if (!queued) {
      queued = true;
      requestAnimationFrame(fit);
    }
  };
  // The countdown and the answer count change every second and are sized on their own.
  const ticking = (node) => {
    const el = node.nodeType === 1 ? node : node.parentElement;
    return el && el.closest("[data-countdown], [data-status]");
  };
  new MutationObserver((records) => {
    if (records.some((r) => !ticking(r.target))) later();
  }).observe(live, { childList: true, subtree: true, characterData: true });
  window.addEventListener("resize", later);
  later();
})();
