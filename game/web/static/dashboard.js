// The instructor's dashboard, over /ws/dashboard (needs the instructor's cookie).
"use strict";

const tables = new Map();
let roles = [];
let roleNames = {};
const plural = (n, one, many) => n + " " + (n === 1 ? one : many);
const $ = (id) => document.getElementById(id);

// face to face no game is played here, so no event can happen and no AI plays: "Inject an event now", the
// hint on handing a seat to the AI and "(AI plays empty seats)" go (the mode is the class's once started,
// before that the one chosen in Mode)
let mode = "online";
function showInject() {
  const f2f = ($("mode").hidden ? mode : $("mode").value) === "face-to-face";
  $("inject-section").hidden = f2f;
  $("handover-hint").hidden = f2f;
  $("start-btn").textContent = f2f ? "Start the class" : "Start the class (AI plays empty seats)";
}
$("mode").addEventListener("change", showInject);

live("/ws/dashboard", (data) => {
  if (data.type === "class") {
    roles = data.roles;
    roleNames = data.role_names || {};
    tables.clear();
    for (const t of data.tables) tables.set(t.table, t);
  } else if (data.type === "table") {
    tables.set(data.table.table, data.table);
  } else if (data.type === "error") {
    showError(data.error);
    return;
  }
  if (data.class) {
    classChanged(data.class);
    $("flags").textContent = data.class.started ? flagText(data.class) :
      "The class has not started: press Start the class when ready (Pause, Inject and End the talks act on " +
      "the tables, so they wait for the start).";
    setTimer(data.class);
    $("debrief-links").hidden = !data.class.ended;
    // once started, the class cannot be started again: the button and the mode go
    for (const id of ["start-btn", "mode"]) { $(id).hidden = !!data.class.started; $(id).disabled = !!data.class.started; }
    $("mode-label").hidden = !!data.class.started;
    // once the talks have ended, the controls that act on them no longer apply: disabled, and a line says why
    for (const id of ["pause-btn", "resume-btn", "minutes", "timer-btn", "end-btn", "inject-event", "inject-table", "inject-btn"]) {
      $(id).disabled = !!data.class.ended || (id === "inject-btn" && !$("inject-event").options.length)
        || (["end-btn", "pause-btn", "resume-btn", "inject-btn"].includes(id) && !data.class.started);  // no table plays yet
    }
    $("ended-note").hidden = !data.class.ended;
    if (data.class.mode) mode = data.class.mode;         // "table" news carries the flags alone
    showInject();
  }
  render();
}, (status) => { if (status !== "connected") $("flags").textContent = status; });

// The answers to the instructor's own actions (an injection, a hand-over) are stamped with the time they came,
// and cleared when the class's state changes (started, paused, resumed, ended): after End the talks, "Injected at
// 4 tables" read as news of the ended class (instructor trial).
let classKey = null;
function classChanged(flags) {
  const key = [!!flags.started, !!flags.paused, !!flags.ended].join();
  if (classKey !== null && key !== classKey) for (const id of ["inject-result", "handover-result"]) $(id).textContent = "";
  classKey = key;
}
function stamped(id, text) { $(id).textContent = clock(Date.now() / 1000) + " — " + text; }

function showError(text) { const n = $("error"); n.textContent = text; n.hidden = false; }

// "deal (in force): 2,2,1" — the options agreed, numbered from 1, and whether the deal took effect
function outcomeText(t) {
  if (!t.outcome) return "";
  if (t.outcome !== "deal") return "no deal";
  const state = t.in_force === true ? " (in force)" : t.in_force === false ? " (not in force)" : "";
  return "deal" + state + ": " + t.deal.map((x) => x + 1).join(",");
}

function render() {
  const body = clear(document.querySelector("#tables tbody"));
  for (const t of Array.from(tables.values()).sort((a, b) => a.table - b.table)) {
    const row = el("tr");
    row.id = "table-" + t.table;
    row.appendChild(el("td", t.table));
    row.appendChild(seatsCell(t));
    row.appendChild(el("td", t.status));
    row.appendChild(el("td", t.phase ? t.phase + " · " + t.round : ""));
    row.appendChild(lastCell(t));
    row.appendChild(el("td", outcomeText(t), "outcome"));
    const labels = ["Table", "Seats", "Status", "Phase · round", "Last move", "Outcome"];
    Array.from(row.children).forEach((td, i) => { td.dataset.label = labels[i]; });
    body.appendChild(row);
  }
}

// "14:02:11": a time of the server's clock (seconds since 1970) as the dashboard's clock shows it
function clock(seconds) {
  const d = new Date(seconds * 1000);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((x) => String(x).padStart(2, "0")).join(":");
}

// one line per seat: who holds it and whether their page is open (away since when), the AI where nobody took it
// or where the instructor handed it over, and the button that hands an away student's seat to the AI
function seatsCell(t) {
  const td = el("td");
  const list = el("ul", null, "seats");
  for (const r of roles) {
    const name = roleNames[r] || r;
    const again = (t.rejoined_as || {})[r];        // back under another name: graded under the first
    const item = el("li", name + ": " + (t.seats[r] || t.empty) + (again ? " (rejoined as " + again + ")" : ""));
    const here = (t.presence || {})[r];
    const ai = (t.ai_since_move || {})[r];
    // a student handed over who came back watches: the seat says so (the AI still plays it)
    if (ai) item.appendChild(el("span", " · AI since move " + ai + (here && here.connected
      ? " (the student left; back now, watching)" : " (student left)"), "ai-seat"));
    else if (here && here.connected) item.appendChild(el("span", " · connected", "present"));
    else if (here) item.appendChild(el("span", here.since ? " · away since " + clock(here.since) :
                                                           " · away (not seen since the server started)", "away"));
    if (t.to_move === r) item.appendChild(el("span", " · to move", "to-move"));
    if ((t.can_hand_over || []).includes(r)) {
      const button = el("button", "Hand to the AI", "handover");
      button.type = "button";
      button.addEventListener("click", () => handOver(t, r, name));
      item.appendChild(el("span", " "));
      item.appendChild(button);
    }
    list.appendChild(item);
  }
  td.appendChild(list);
  return td;
}

async function handOver(t, role, name) {
  const who = name + " of table " + t.table + " (" + t.seats[role] + ")";
  const question = t.status === "final response"
    ? "The talks have ended and " + who + " is away. Let the AI give their final response (it accepts the " +
      "offer on the table if it beats no deal for their government)?"
    : "Hand " + who + " to the AI for the rest of the game? The student can still watch but no longer play, " +
      "and the debrief and the grades will say from which move the AI played the seat.";
  if (!confirm(question)) return;
  const answer = await act("handover", { table: t.table, role: role });
  if (answer) {
    stamped("handover-result", "The AI plays " + who + " from move " + answer.from_move +
      " (moves counted as the move list shows them: the delegations' offers and answers, not the events).");
  }
}

// the last move in one short line; what followed it (a phase's end, its effects: a walk-out may bring a dozen)
// behind a <details>, so that a busy table never squeezes the Seats column
const openMoves = new Set();
function lastCell(t) {
  const td = el("td", null, "last");
  td.appendChild(el("span", t.last || ""));
  const more = t.last_more || [];
  if (more.length) {
    const box = el("details");
    const key = t.table + "\n" + t.last;        // kept open across live updates while the move is the same
    box.open = openMoves.has(key);
    box.addEventListener("toggle", () => { if (box.open) openMoves.add(key); else openMoves.delete(key); });
    box.appendChild(el("summary", "+" + plural(more.length, "more line", "more lines")));
    const list = el("ul", null, "small");
    for (const line of more) list.appendChild(el("li", line));
    box.appendChild(list);
    td.title = more.join("\n");
    td.appendChild(box);
  }
  return td;
}

async function act(action, body) {
  $("error").hidden = true;
  const response = await fetch("/api/admin/" + action, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body || {}) });
  if (!response.ok) {
    let text = "The server refused: " + response.status;
    try { text = (await response.json()).error || text; } catch (e) {}
    showError(text);
    return null;
  }
  try { return await response.json(); } catch (e) { return null; }
}

$("start-btn").addEventListener("click", async () => { await act("mode", { mode: $("mode").value }); act("start"); });
$("pause-btn").addEventListener("click", () => act("pause"));
$("resume-btn").addEventListener("click", () => act("resume"));
$("timer-btn").addEventListener("click", () => act("timer", { minutes: parseFloat($("minutes").value) }));
$("inject-btn").addEventListener("click", async () => {
  const table = $("inject-table").value;
  const answer = await act("inject", { event: $("inject-event").value, table: table === "" ? null : parseInt(table, 10) });
  if (answer && answer.injected) {
    const skipped = Object.entries(answer.skipped || {}).map(([k, why]) => "table " + k + ": " + why);
    stamped("inject-result", "Injected at " + plural(answer.injected.length, "table", "tables") + " (" +
      answer.injected.join(", ") + ")" + (skipped.length ? "; skipped " + skipped.join("; ") : "") + ".");
  }
});
$("end-btn").addEventListener("click", () => { if (confirm("End the talks for every table?")) act("end"); });
