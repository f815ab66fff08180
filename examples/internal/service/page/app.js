// tzplan's page: asks the service for the week's heat map, the best slots
// and a verdict, and draws them. Plain DOM, no framework, so that it works
// offline from the binary that embeds it.
"use strict";

const $ = (sel, root = document) => root.querySelector(sel);

// el builds an element; text goes in as text, never as HTML, because names,
// titles and error messages come from the user's roster.
function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.className = v;
    // Styles go through the DOM, which the page's Content-Security-Policy
    // allows, unlike style attributes.
    else if (k === "style") Object.assign(e.style, v);
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  e.append(...kids.flat().filter((k) => k !== null && k !== undefined));
  return e;
}

const ZONES = [
  "UTC", "Pacific/Honolulu", "America/Anchorage", "America/Los_Angeles", "America/Denver",
  "America/Chicago", "America/New_York", "America/Havana", "America/Bogota", "America/Santiago",
  "America/Sao_Paulo", "America/Argentina/Buenos_Aires", "America/St_Johns", "Atlantic/Azores",
  "Europe/London", "Europe/Lisbon", "Europe/Paris", "Europe/Berlin", "Europe/Madrid", "Europe/Kyiv",
  "Europe/Istanbul", "Africa/Casablanca", "Africa/Lagos", "Africa/Cairo", "Africa/Johannesburg",
  "Asia/Jerusalem", "Asia/Dubai", "Asia/Karachi", "Asia/Kolkata", "Asia/Kathmandu", "Asia/Dhaka",
  "Asia/Bangkok", "Asia/Singapore", "Asia/Manila", "Asia/Shanghai", "Asia/Tokyo", "Asia/Seoul",
  "Australia/Perth", "Australia/Adelaide", "Australia/Sydney", "Australia/Lord_Howe",
  "Pacific/Auckland", "Pacific/Apia",
];
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const pad = (n) => String(n).padStart(2, "0");

// The state of the last plan: the roster fields the .ics download reuses,
// and the people the checkboxes were built for. serverWeek says the week
// input holds no choice yet, so the service's own clock picks the week;
// skew is how far the service's clock is ahead of the browser's, learned
// from a verdict's "now".
const state = { base: null, zone: "UTC", peopleKey: "", wanted: null, serverWeek: false, skew: 0 };

// mondayOf gives the Monday of d's week in the browser's own calendar.
function mondayOf(d) {
  const m = new Date(d.getFullYear(), d.getMonth(), d.getDate() - ((d.getDay() + 6) % 7));
  return `${m.getFullYear()}-${pad(m.getMonth() + 1)}-${pad(m.getDate())}`;
}

// Civil dates are computed in UTC so that no clock change shifts them.
function addDays(ymd, n) {
  const [y, m, d] = ymd.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

function dayLabel(ymd) {
  const [y, m, d] = ymd.split("-").map(Number);
  return `${DAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]} ${pad(m)}-${pad(d)}`;
}

// wall shows an RFC 3339 time as its own offset writes it ("Mon 07:00"),
// which is the attendee's wall clock, whatever the browser's zone.
function wall(rfc3339) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(rfc3339 || "");
  if (!m) return rfc3339 || "";
  return `${DAYS[new Date(Date.UTC(+m[1], m[2] - 1, +m[3])).getUTCDay()]} ${m[4]}:${m[5]}`;
}

const formats = new Map();
// inZone formats an instant in a zone as "Mon 12-07 13:00"; a zone this
// browser does not know falls back to UTC rather than failing the page.
function inZone(iso, zone, opts = { weekday: "short", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }) {
  const key = zone + JSON.stringify(opts);
  if (!formats.has(key)) {
    let f;
    try { f = new Intl.DateTimeFormat("en-US", { ...opts, timeZone: zone, hourCycle: "h23" }); }
    catch { f = new Intl.DateTimeFormat("en-US", { ...opts, timeZone: "UTC", hourCycle: "h23" }); }
    formats.set(key, f);
  }
  const p = Object.fromEntries(formats.get(key).formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return [p.weekday, p.month && `${p.month}-${p.day}`, p.hour && `${p.hour}:${p.minute}`, p.timeZoneName]
    .filter(Boolean).join(" ");
}

function span(startISO, endISO, zone) {
  return `${inZone(startISO, zone)}–${inZone(endISO, zone, { hour: "2-digit", minute: "2-digit" })} ${zone}`;
}

function showError(msg) {
  const box = $("#error");
  box.textContent = msg;
  box.hidden = false;
}

function setBusy(busy) {
  $("#controls").disabled = busy;
  $("#status").textContent = busy ? "Planning…" : "";
  $("#results").setAttribute("aria-busy", String(busy));
  if (busy) document.body.dataset.state = "loading";
}

async function api(path, body) {
  const res = await fetch(`api/v1/${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) {
    let msg = `${path}: the service answered ${res.status} ${res.statusText}`;
    try { const j = await res.json(); if (j && j.error) msg = j.error; } catch { /* not JSON: keep the status */ }
    throw new Error(msg);
  }
  return res;
}

// rosterFields gives the body fields that name the team: the demo, or a
// roster with the calendar files it names.
async function rosterFields() {
  const source = $('input[name="source"]:checked').value;
  if (source === "demo") return { demo: true };
  const files = await Promise.all(Array.from($("#files").files, async (f) => [f.name, await f.text()]));
  let text = $("#roster-text").value;
  if (source === "files") {
    const json = files.find(([n]) => /\.json$/i.test(n));
    if (!json) throw new Error("Choose a roster .json file, with the .ics files it names.");
    text = json[1];
  }
  if (!text.trim()) throw new Error("Paste a roster first: a JSON object with a \"people\" list.");
  let roster;
  try { roster = JSON.parse(text); } catch (e) { throw new Error(`The roster is not valid JSON: ${e.message}`); }
  if (!roster || typeof roster !== "object" || Array.isArray(roster)) {
    throw new Error("The roster must be a JSON object with a \"people\" list.");
  }
  // A roster names its calendars by path ("demo/ana.ics") but an upload
  // only knows the file's own name, so match on that.
  const calendars = {};
  const ics = files.filter(([n]) => /\.ics$/i.test(n));
  // Calendars of busy time and of holidays, the roster's and each person's.
  const lists = [roster.holidayCalendars];
  for (const p of Array.isArray(roster.people) ? roster.people : []) {
    if (p) lists.push(p.calendars, p.holidayCalendars);
  }
  for (const list of lists) {
    for (const name of Array.isArray(list) ? list : []) {
      const hit = ics.find(([n]) => n === name || n === String(name).split(/[\\/]/).pop());
      if (hit) calendars[name] = hit[1];
    }
  }
  return Object.keys(calendars).length ? { roster, calendars } : { roster };
}

function checked(role) {
  return Array.from(document.querySelectorAll(`#people input.${role}:checked`), (c) => c.value);
}

// syncPeople rebuilds the checkboxes when the team changes: by default the
// first three people are required and the fourth optional, as in the tour.
function syncPeople(people) {
  const key = people.map((p) => p.id).join(",");
  if (key === state.peopleKey) return;
  state.peopleKey = key;
  const w = state.wanted;
  const role = (id, i) => w ? (w.required.includes(id) ? "req" : w.optional.includes(id) ? "opt" : "")
    : i < 3 ? "req" : i === 3 ? "opt" : "";
  const box = (cls, p, on, what) => el("input", {
    type: "checkbox", class: cls, value: p.id, checked: on, "aria-label": `${p.name || p.id} ${what}`,
    // A person is required or optional, not both.
    onchange: (e) => { if (e.target.checked) $(`#people input.${cls === "req" ? "opt" : "req"}[value="${CSS.escape(p.id)}"]`).checked = false; },
  });
  $("#people tbody").replaceChildren(...people.map((p, i) => el("tr", {},
    el("th", { scope: "row" }, p.name || p.id),
    el("td", {}, box("req", p, role(p.id, i) === "req", "required")),
    el("td", {}, box("opt", p, role(p.id, i) === "opt", "optional")))));
  $("#people").hidden = false;
  $("#people-hint").hidden = true;
}

function renderTeam(people) {
  $("#team tbody").replaceChildren(...people.map((p) => el("tr", {},
    el("td", {}, p.name || p.id), el("td", { class: "id" }, el("code", {}, p.id)), el("td", {}, p.zone),
    el("td", { class: "now", "data-zone": p.zone }))));
  updateClocks();
}

function updateClocks() {
  const now = new Date().toISOString();
  for (const td of document.querySelectorAll("#team td.now")) {
    td.textContent = inZone(now, td.dataset.zone, { weekday: "short", hour: "2-digit", minute: "2-digit", timeZoneName: "shortOffset" });
  }
}

// heat shades a share of the team from a pale to a deep green, and picks
// black or white text, whichever contrasts more with that shade (never
// under 4.5:1).
const COLD = [244, 246, 248], HOT = [11, 110, 79];
function heat(f) {
  const rgb = COLD.map((c, i) => Math.round(c + (HOT[i] - c) * f));
  const lin = rgb.map((c) => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
  const lum = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
  // A zero is the common case: grey (6:1 on the palest shade) keeps it quiet.
  const fg = f === 0 ? "#57606a" : 1.05 / (lum + 0.05) > (lum + 0.05) / 0.05 ? "#fff" : "#000";
  return { backgroundColor: `rgb(${rgb.join(",")})`, color: fg };
}

function renderHeatmap(o) {
  const hm = o.heatmap, size = o.people.length;
  // Hover shows people by name, as the team lists them.
  const names = new Map(o.people.map((p) => [p.id, p.name || p.id]));
  if (!hm || !Array.isArray(hm.days)) throw new Error("The service sent no heat map.");
  const shade = (n) => Math.min(1, size ? n / size : 0);
  $("#legend").replaceChildren(el("span", {}, "People free:"), ...Array.from({ length: size + 1 }, (_, n) =>
    el("span", { class: "swatch", style: heat(shade(n)) }, String(n))));
  const head = el("tr", {}, el("th", { scope: "col" }, hm.zone),
    ...Array.from({ length: 24 }, (_, h) => el("th", { scope: "col" }, pad(h))));
  const rows = hm.days.map((day) => el("tr", {}, el("th", { scope: "row" }, dayLabel(day.date)),
    ...day.cells.map((c) => {
      const when = `${dayLabel(day.date)} ${c.clock}-${pad((+c.clock.slice(0, 2) + 1) % 24)}:00 ${hm.zone}`;
      if (c.empty) {
        return el("td", { class: "cell empty", "data-date": day.date, "data-clock": c.clock, "data-count": "", title: `${when}: no such hour (a clock change) or outside the window` });
      }
      const n = c.free.length;
      return el("td", {
        class: n ? "cell" : "cell zero", style: heat(shade(n)),
        "data-date": day.date, "data-clock": c.clock, "data-count": String(n),
        title: `${when}: ${n} of ${size} free${n ? ": " + c.free.map((id) => names.get(id) || id).join(", ") : ""}`,
      }, String(n));
    })));
  $("#heatmap").replaceChildren(
    el("caption", { class: "visually-hidden" }, `People free for the whole hour, of ${size}, hours in ${hm.zone}`),
    el("thead", {}, head), el("tbody", {}, rows));
}

function whyText(why, duration) {
  if (!why) return "No slot fits.";
  if (!why.slots) return `A ${duration} meeting does not fit in this week's window.`;
  const pct = (f) => `${Math.round(100 * f)}%`;
  const never = why.never && why.never.length
    ? ` ${why.never.join(", ")} ${why.never.length === 1 ? "is" : "are"} never free for it this week.` : "";
  return `No slot of ${duration} fits among ${why.slots} possible starts.${never} At best ${pct(why.best)} of the required people can come, and ${pct(why.want)} must. Try fewer required people, a shorter meeting or another week.`;
}

function renderSuggestions(res, duration) {
  const list = res.suggestions || [];
  $("#why").hidden = list.length > 0;
  $("#why").textContent = list.length ? "" : whyText(res.why, duration);
  $("#suggestions").replaceChildren(...list.map((s) => el("li", { class: "suggestion", "data-start": s.start, "data-end": s.end },
    el("div", { class: "slot-head" },
      el("strong", { class: "when" }, span(s.start, s.end, state.zone)),
      el("span", { class: "score" }, `score ${s.score.toFixed(2)}`),
      el("span", { class: "cost" }, s.cost && s.cost.points ? `costs ${s.cost.points} points` : "costs nothing"),
      el("button", { type: "button", class: "ics", onclick: (e) => downloadICS(s, e.currentTarget) }, "Download .ics")),
    el("div", { class: "scroll" }, el("table", { class: "attendees" },
      el("caption", { class: "visually-hidden" }, "Attendees, in their own time"),
      el("thead", {}, el("tr", {}, ...["Person", "Role", "Their time", "Zone", "Band", "Status"]
        .map((h) => el("th", { scope: "col", class: h === "Zone" ? "zone" : null }, h)))),
      el("tbody", {}, s.attendees.map((a) => el("tr", { "data-id": a.id, class: a.present ? "" : "absent" },
        el("th", { scope: "row" }, a.id),
        el("td", {}, a.optional ? "optional" : "required"),
        el("td", {}, el("time", { class: "local", datetime: a.local }, wall(a.local))),
        el("td", { class: "zone" }, a.zone),
        el("td", {}, el("span", { class: `band band-${a.band}` }, a.band)),
        el("td", {}, a.present ? a.status : `${a.status}, not there`)))))))));
}

const MODES = {
  async: "Write, don't meet",
  sync: "Meet",
  hybrid: "Write first, then meet briefly",
};

function renderVerdict(v) {
  const reasons = v.reasons || [], warnings = v.warnings || [];
  $("#verdict-body").replaceChildren(
    el("h3", { class: `mode mode-${v.mode}` }, v.mode.toUpperCase(), el("span", {}, MODES[v.mode] || "")),
    el("p", { class: "format" }, v.format.charAt(0).toUpperCase() + v.format.slice(1)),
    v.slot ? el("p", { class: "slot" }, "Meet ", el("strong", {}, span(v.slot.start, v.slot.end, state.zone))) : null,
    v.expected ? el("p", { class: "expected" }, `Expected done by ${inZone(v.expected, state.zone)} ${state.zone}`) : null,
    reasons.length ? el("h4", {}, "Why") : null,
    reasons.length ? el("ul", { class: "reasons" }, reasons.map((r) => el("li", { class: `reason role-${r.role}` },
      el("p", {}, r.text),
      el("p", { class: "meta" }, el("code", {}, r.code), " ", el("span", { class: "role" }, r.role),
        r.source ? el("span", { class: "source" }, r.source) : null)))) : null,
    warnings.length ? el("h4", {}, "Warnings") : null,
    warnings.length ? el("ul", { class: "warnings" }, warnings.map((w) => el("li", {}, w))) : null);
}

async function downloadICS(s, button) {
  button.disabled = true;
  $("#error").hidden = true;
  try {
    const body = {
      ...state.base,
      title: $("#title").value.trim() || "Meeting",
      slots: [{ start: s.start, end: s.end, attendees: s.attendees.map((a) => ({ id: a.id, optional: a.optional })) }],
    };
    const url = URL.createObjectURL(await (await api("ics", body)).blob());
    const a = el("a", { href: url, download: "tzplan-meeting.ics", hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    // The download reads the blob after click returns: free it later.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (e) {
    showError(e.message);
  } finally {
    button.disabled = false;
  }
}

async function plan() {
  setBusy(true);
  $("#error").hidden = true;
  $("#suggestions").replaceChildren();
  $("#why").hidden = true;
  $("#verdict-body").replaceChildren();
  try {
    const from = $("#week").value;
    if (!state.serverWeek && !/^\d{4}-\d{2}-\d{2}$/.test(from)) throw new Error("Choose the first day of the week.");
    const zone = $("#zone").value.trim() || "UTC";
    const base = await rosterFields();
    const week = { ...base, zone };
    if (!state.serverWeek) Object.assign(week, { from, to: addDays(from, 7) });
    const overlap = await (await api("overlap", week)).json();
    // The service chose this week by its clock: show it. The other answers
    // keep to the same default week, whose slots start from now.
    if (state.serverWeek) $("#week").value = overlap.heatmap.days[0].date;
    Object.assign(state, { base, zone });
    renderTeam(overlap.people);
    syncPeople(overlap.people);
    renderHeatmap(overlap);

    const required = checked("req"), optional = checked("opt"), duration = $("#duration").value;
    const ask = { ...week, duration, max: 5 };
    // Empty lists mean "the default" (everyone), so leave them out.
    if (required.length) ask.required = required;
    if (optional.length) ask.optional = optional;
    // In the week under way, slots from now on: one in the past helps no one.
    const nowMs = Date.now() + state.skew;
    if (!state.serverWeek && nowMs >= Date.parse(overlap.window.start) && nowMs < Date.parse(overlap.window.end)) {
      ask.notBefore = new Date(nowMs).toISOString().replace(/\.\d+Z$/, "Z");
    }
    const advice = { ...week, title: $("#title").value.trim() || "Meeting", purpose: $("#purpose").value };
    if (required.length + optional.length) advice.participants = [...required, ...optional];
    // The verdict is as of now, which the service refuses outside the
    // window: for another week, ask as of the week's first instant.
    const now = Date.now() + state.skew;
    if (!state.serverWeek && (now < Date.parse(overlap.window.start) || now >= Date.parse(overlap.window.end))) {
      advice.now = overlap.window.start;
    }

    const [best, verdict] = await Promise.all([
      api("suggest", ask).then((r) => r.json()),
      api("advise", advice).then((r) => r.json()),
    ]);
    if (!advice.now && verdict.facts && verdict.facts.now) state.skew = Date.parse(verdict.facts.now) - Date.now();
    state.serverWeek = false;
    renderSuggestions(best, $("#duration").selectedOptions[0].textContent);
    renderVerdict(verdict);
    setBusy(false);
    $("#results").classList.remove("stale");
    document.body.dataset.state = "ready";
  } catch (e) {
    setBusy(false);
    // What is still drawn is the last plan's, not this one's.
    $("#results").classList.add("stale");
    showError(e.message || String(e));
    document.body.dataset.state = "error";
  }
}

function init() {
  const q = new URLSearchParams(location.search);
  const list = (k) => (q.get(k) || "").split(",").map((s) => s.trim()).filter(Boolean);
  $("#zones").replaceChildren(...ZONES.map((z) => el("option", { value: z })));
  // With no week asked for, the first plan takes the service's this week
  // (the browser's guess shows until then).
  $("#week").value = q.get("week") || mondayOf(new Date());
  state.serverWeek = !q.has("week");
  $("#week").addEventListener("change", () => { state.serverWeek = false; });
  $("#zone").value = q.get("zone") || Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  for (const k of ["duration", "title", "purpose"]) if (q.has(k)) $(`#${k}`).value = q.get(k);
  if (q.has("required") || q.has("optional")) state.wanted = { required: list("required"), optional: list("optional") };

  for (const r of document.querySelectorAll('input[name="source"]')) {
    r.addEventListener("change", () => {
      $("#paste-box").hidden = r.value !== "paste";
      $("#files-box").hidden = r.value === "demo";
      // Another roster, other people: rebuild the checkboxes next time.
      state.peopleKey = "";
      state.wanted = null;
    });
  }
  $("#plan").addEventListener("submit", (e) => { e.preventDefault(); plan(); });
  setInterval(updateClocks, 60_000);
  plan();
}

init();
