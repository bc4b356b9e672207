/* ChatDojo live room: one small script for the phone, the projector and the console.
   State comes from the server as Server-Sent Events (EventSource reconnects by itself);
   answers and trainer actions are POSTs carrying the X-XSRFToken header. */
(function () {
  "use strict";
  var body = document.body;
  var role = body.dataset.role;
  if (!role) return;
  var code = body.dataset.code;
  var lang = body.dataset.lang;
  var live = document.getElementById("live");
  var conn = document.getElementById("conn");
  var current = null; // key of the view on screen
  var latest = null; // last payload received
  var holding = false; // a self-paced phone reading its feedback
  var answeredQ = null; // the question this phone last had acknowledged
  var deadline = null;
  var pendingKey = "chatdojo-pending-" + code;
  var source = null;

  function t(name) { return body.getAttribute("data-t-" + name) || ""; }

  function status(text) { if (conn) conn.textContent = text; body.classList.toggle("offline", !!text); }

  function post(path, payload, isJson) {
    var headers = { "X-XSRFToken": body.dataset.xsrf, "Accept": "application/json" };
    var data;
    if (isJson) { headers["Content-Type"] = "application/json"; data = JSON.stringify(payload); }
    else {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      data = new URLSearchParams(payload).toString();
    }
    var ctl = window.AbortController ? new AbortController() : null; // a stalled server: try again
    if (ctl) setTimeout(function () { ctl.abort(); }, 15000);
    return fetch("/room/" + code + path + "?lang=" + lang, {
      method: "POST", headers: headers, body: data, credentials: "same-origin", signal: ctl ? ctl.signal : undefined
    }).then(function (r) {
      return r.json().catch(function () { return { ok: false, error: "server_error" }; })
        .then(function (j) { j.status = r.status; return j; });
    });
  }

  // -- the live view ----------------------------------------------------------------
  function show(html, key) {
    var focused = document.activeElement && document.activeElement.getAttribute("data-action");
    live.innerHTML = html;
    current = key;
    bind();
    if (focused) {
      var again = live.querySelector('[data-action="' + focused + '"]');
      if (again) again.focus();
    } else if (role === "phone") {
      var heading = live.querySelector("h2");
      if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus({ preventScroll: true }); }
    }
  }

  function apply(data) {
    latest = data;
    if (data.key === "noseat") { window.location.reload(); return; }
    if (data.key === "dberror") { status(t("reconnecting")); return; }
    status("");
    deadline = data.deadline || null;
    if (data.me) {
      document.querySelectorAll("[data-me]").forEach(function (el) {
        var v = data.me[el.getAttribute("data-me")];
        if (v !== undefined && v !== null) el.textContent = v;
      });
    }
    // A state read before this phone's own answer reached the room: wait for a fresher one.
    var stale = answeredQ && data.key === "question:" + answeredQ + ":" + lang;
    if (!holding && !stale && data.key !== current) show(data.html, data.key);
    var st = live.querySelector("[data-status]");
    if (st && data.status !== undefined) st.textContent = data.status;
    tick();
    resend();
  }

  function connect() {
    if (source) source.close();
    source = new EventSource(body.dataset.events);
    source.onopen = function () { status(""); };
    source.onmessage = function (ev) {
      try { apply(JSON.parse(ev.data)); } catch (e) { /* a partial event: the next one repairs it */ }
    };
    source.onerror = function () { status(t("reconnecting")); };
  }
  // Browsers back off between reconnection attempts; a room wants its phones back at once:
  // while the stream is not open, start a fresh one every 2.5 s.
  setInterval(function () {
    if (source && source.readyState !== EventSource.OPEN && navigator.onLine !== false) connect();
  }, 2500);

  // -- countdown --------------------------------------------------------------------
  function tick() {
    var boxes = document.querySelectorAll("[data-countdown]");
    boxes.forEach(function (el) {
      if (!deadline) { el.hidden = true; return; }
      var left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      el.hidden = false;
      el.textContent = left > 0 ? t("time-left") + " " + t("seconds").replace("{n}", left) : t("time-up");
      el.classList.toggle("over", left === 0);
      if (left === 0 && role === "phone") {
        live.querySelectorAll("form.answer button[type=submit]").forEach(function (b) { b.disabled = true; });
      }
    });
  }
  setInterval(tick, 250);

  // -- answering (phone) ------------------------------------------------------------
  function gather(form) {
    var type = form.dataset.type;
    if (type === "single" || type === "truefalse") {
      var picked = form.querySelector("input[name=a]:checked");
      return picked ? picked.value : null;
    }
    if (type === "multiple") {
      return Array.prototype.map.call(form.querySelectorAll("input[name=a]:checked"), function (i) { return i.value; });
    }
    if (type === "matching") {
      var out = {};
      form.querySelectorAll("select[data-pair]").forEach(function (s) { if (s.value) out[s.dataset.pair] = s.value; });
      return out;
    }
    if (type === "ordering") {
      return Array.prototype.map.call(form.querySelectorAll(".order li"), function (li) { return li.dataset.id; });
    }
    var n = form.querySelector("input[name=a]");
    return n ? n.value : null;
  }

  var sending = false; // one answer request at a time: a busy server gets no copies of it

  function send(item, form) {
    var note = document.getElementById("pending");
    sending = true;
    return post(item.to === "vote" ? "/vote" : "/answer", item, true).then(function (res) {
      sending = false;
      if (res.ok) {
        answeredQ = item.q;
        localStorage.removeItem(pendingKey);
        if (note) note.hidden = true;
        if (res.html) { holding = true; live.innerHTML = res.html; current = "feedback"; bind(); focusFirst(); }
        else if (current && current.indexOf("question:" + item.q + ":") === 0) {
          var said = (form && form.dataset) || {}; // a scenario room's vote form names its own texts
          show("<p class=\"ok\">" + esc(said.received || t("received")) + "</p><p class=\"wait\">" + esc(said.wait || t("wait-reveal")) + "</p>",
               "answered:" + item.q + ":" + lang);
        }
        return;
      }
      if (res.status >= 500 || res.status === 0) throw new Error("retry");
      localStorage.removeItem(pendingKey);
      if (form && form.dataset.q !== item.q) form = null; // refused for an earlier question: not this form's
      var err = form && form.querySelector(".error");
      if (err) { err.textContent = res.message || ""; err.hidden = false; }
      var btn = form && form.querySelector("button[type=submit]");
      if (btn) btn.disabled = false;
    }).catch(function () {
      sending = false;
      if (note) note.hidden = false; // kept in localStorage: resent when the server answers again
    });
  }

  function resend() {
    var raw = localStorage.getItem(pendingKey);
    if (!raw || sending) return;
    try { send(JSON.parse(raw), live.querySelector("form.answer")); } catch (e) { localStorage.removeItem(pendingKey); }
  }
  if (role === "phone") setInterval(function () { if (localStorage.getItem(pendingKey)) resend(); }, 3000);

  function esc(s) { var d = document.createElement("div"); d.textContent = s; return d.innerHTML; }
  function focusFirst() { var b = live.querySelector("button, h2"); if (b) b.focus(); }

  function bind() {
    live.querySelectorAll("form.answer").forEach(function (form) {
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        var btn = form.querySelector("button[type=submit]");
        btn.disabled = true;
        var item = { q: form.dataset.q, a: gather(form) };
        if (form.dataset.post === "vote") item.to = "vote"; // a scenario room's vote
        localStorage.setItem(pendingKey, JSON.stringify(item));
        send(item, form);
      });
    });
    live.querySelectorAll("[data-move]").forEach(function (b) {
      b.addEventListener("click", function () {
        var li = b.closest("li");
        var step = parseInt(b.dataset.move, 10);
        var other = step < 0 ? li.previousElementSibling : li.nextElementSibling;
        if (!other) return;
        if (step < 0) li.parentNode.insertBefore(li, other); else li.parentNode.insertBefore(other, li);
        b.focus();
      });
    });
    live.querySelectorAll("[data-next]").forEach(function (b) {
      b.addEventListener("click", function () { holding = false; current = null; if (latest) apply(latest); });
    });
    live.querySelectorAll("[data-action]").forEach(function (b) {
      b.addEventListener("click", function () {
        if (b.hasAttribute("data-confirm") && !window.confirm(t("confirm-finish"))) return;
        var payload = { action: b.dataset.action };
        if (b.dataset.participant) payload.participant = b.dataset.participant;
        if (b.dataset.choice) payload.choice = b.dataset.choice;
        b.disabled = true;
        control(payload).then(function () { b.disabled = false; });
      });
    });
    live.querySelectorAll("[data-toggle]").forEach(function (box) {
      box.addEventListener("change", function () {
        control({ action: box.dataset.toggle, value: box.checked ? "on" : "off" });
      });
    });
    live.querySelectorAll("[data-setting]").forEach(function (field) {
      field.addEventListener("change", function () {
        control({ action: field.dataset.setting, value: field.value });
      });
    });
  }

  function control(payload) {
    var err = document.getElementById("control-error");
    return post("/control", payload, false).then(function (res) {
      if (err) { err.hidden = !!res.ok; err.textContent = res.ok ? "" : (res.message || ""); }
    }).catch(function () {
      if (err) { err.hidden = false; err.textContent = t("reconnecting"); }
    });
  }

  window.addEventListener("online", function () { connect(); });
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && (!source || source.readyState === EventSource.CLOSED)) connect();
  });
  connect();
})();
