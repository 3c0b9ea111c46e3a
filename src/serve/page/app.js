// The group screens' page: draws the JSON the server streams, as text only
// (textContent, never HTML), and counts its clocks itself from the server's
// reference instants, so a running clock costs no traffic.
"use strict";
(function () {
  const body = document.body;
  const base = body.dataset.base;
  const scene = document.getElementById("scene");
  const lost = document.getElementById("lost");
  const station = document.getElementById("station");
  const wallClock = document.getElementById("clock");
  const nav = document.getElementById("nav");
  let skew = 0;
  let offset = 0;
  let clocks = [];
  let source = null;
  let watchdog = 0;
  let ticker = 0;
  let retry = 1000;

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function now() {
    return Date.now() + skew;
  }

  function pad(n) {
    return String(n).padStart(2, "0");
  }

  function hms(seconds, sign) {
    const h = Math.floor(seconds / 3600);
    const m = Math.floor(seconds / 60) % 60;
    const s = seconds % 60;
    return sign + (h > 0 ? h + ":" + pad(m) : pad(m)) + ":" + pad(s);
  }

  // As the terminal shows them: down in whole seconds left, up with a "+" past zero.
  function digits(ms, up) {
    if (up) return hms(Math.max(0, Math.floor(-ms / 1000)), "");
    if (ms < 0) return hms(Math.floor(-ms / 1000), "+");
    return hms(Math.ceil(ms / 1000), "");
  }

  function drawClock(entry) {
    const c = entry.clock;
    const left = c.end !== null ? c.end - now() : c.left;
    const zero = Boolean(c.zero) && !c.up && left <= 0;
    entry.digits.textContent = zero ? c.zero : digits(left, c.up);
    let tone = c.tone;
    // Past zero it is over at once, not a second later when the server says so.
    if (c.end !== null && !c.up && left < 0 && (tone === "running" || tone === "last")) tone = "over";
    entry.root.className = "clock tone-" + tone + (zero ? " zero" : "");
  }

  function tick() {
    clearTimeout(ticker);
    for (const entry of clocks) drawClock(entry);
    const local = new Date(now() + offset * 60000);
    wallClock.textContent = pad(local.getUTCHours()) + ":" + pad(local.getUTCMinutes());
    ticker = setTimeout(tick, 1000 - (now() % 1000) + 10);
  }

  function list(items, cls) {
    const ul = el("ul", cls);
    for (const item of items) ul.appendChild(el("li", null, item));
    return ul;
  }

  function part(p) {
    switch (p.k) {
      case "kicker":
        return el("p", "kicker", p.text);
      case "title":
        return el("h1", "title", p.text);
      case "big":
        return el("p", "big", p.text);
      case "text": {
        const node = el("p", "text tone-" + p.tone);
        if (p.label) node.appendChild(el("span", "label", p.label + ": "));
        node.appendChild(el("span", null, p.text));
        return node;
      }
      case "clock": {
        const root = el("div", "clock");
        const entry = { clock: p, root: root, digits: el("span", "digits") };
        root.appendChild(entry.digits);
        if (p.word) root.appendChild(el("span", "word", p.word));
        clocks.push(entry);
        drawClock(entry);
        return root;
      }
      case "list": {
        const node = el("div", "list");
        if (p.heading) node.appendChild(el("h2", null, p.heading));
        node.appendChild(list(p.items));
        return node;
      }
      case "cards": {
        const node = el("div", "cards");
        for (const card of p.items) {
          const section = el("section", "card");
          section.appendChild(el("h2", null, card.heading));
          section.appendChild(list(card.lines));
          node.appendChild(section);
        }
        return node;
      }
      case "bars": {
        const node = el("div", "bars");
        for (const bar of p.items) {
          const row = el("div", "bar");
          row.appendChild(el("span", "name", bar.name));
          const fill = el("span", "fill");
          fill.style.width = Math.max(1, Math.min(100, Number(bar.share))) + "%";
          row.appendChild(fill);
          row.appendChild(el("span", "value", bar.value));
          node.appendChild(row);
        }
        return node;
      }
      case "links": {
        const ul = el("ul", "links");
        for (const link of p.items) {
          const a = el("a", null, link.text);
          const number = Number(link.group);
          a.href = base + (Number.isInteger(number) && number > 0 ? "group/" + number : "");
          const li = el("li");
          li.appendChild(a);
          ul.appendChild(li);
        }
        return ul;
      }
      default:
        return el("div");
    }
  }

  function render(page) {
    skew = Number(page.now) - Date.now();
    offset = Number(page.offset) || 0;
    document.documentElement.lang = page.lang;
    document.title = page.station;
    station.textContent = page.station;
    lost.textContent = page.labels.lost;
    body.dataset.scene = page.scene;
    clocks = [];
    const parts = document.createDocumentFragment();
    for (const p of page.parts) parts.appendChild(part(p));
    if (page.warning) parts.appendChild(el("p", "warning", page.warning));
    scene.replaceChildren(parts);
    const room = el("a", null, page.labels.room);
    room.href = base;
    const groups = el("a", null, page.labels.groups);
    groups.href = base + "groups";
    nav.replaceChildren(room, groups);
    tick();
  }

  function alive() {
    lost.hidden = true;
    retry = 1000;
    clearTimeout(watchdog);
    // The server pings every 15 s: silence for longer is a dead connection
    // (a laptop that slept, a network that dropped without a word).
    watchdog = setTimeout(function () {
      lost.hidden = false;
      connect();
    }, 40000);
  }

  function connect() {
    if (source) source.close();
    source = new EventSource(body.dataset.events);
    source.onmessage = function (event) {
      alive();
      render(JSON.parse(event.data));
    };
    source.addEventListener("ping", alive);
    source.onerror = function () {
      lost.hidden = false;
      if (source.readyState === EventSource.CLOSED) {
        // Refused (a new token, a restart): try again, less often each time.
        setTimeout(connect, retry);
        retry = Math.min(retry * 2, 15000);
      }
    };
  }

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && !lost.hidden) connect();
  });
  window.addEventListener("online", connect);
  connect();
  tick();
})();
