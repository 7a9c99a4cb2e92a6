// The student's page: one seat, over /ws/seat. Every render starts from the whole snapshot the
// server sends, so a reconnect never leaves the page out of step.
"use strict";

let snap = null;
let msgId = 0;
const $ = (id) => document.getElementById(id);

const conn = live("/ws/seat", onMessage, (status) => {
  if (status === "connected") return;
  moveLost();                                   // no answer will come on the socket that went
  const node = $("status");
  node.textContent = status;
  if (status.includes("join again")) {          // a link to the join page, where the seat code takes it back
    const link = document.createElement("a");
    link.href = "/"; link.textContent = " Join again.";
    node.appendChild(link);
  }
});

// moves.js: the move in flight (moveState, moveAck, moveRefused) and the step before a risky one (moveConfirm)
function onMessage(data) {
  if (data.type === "state") { snap = data; moveState(data.version); render(); }
  else if (data.type === "preview") { showPreview(data.figures); }
  else if (data.type === "confirm") { moveConfirm(data); }
  else if (data.type === "error") { if (moveRefused(data)) showError(data.error); }
  else if (data.type === "ack") {
    $("error").hidden = true;
    if (data.message) $("f2f-message").textContent = data.message;
    moveAck(data);
    if (data.ref === offerSent) resetMessage();        // the message went with that offer: the next starts with none
  }
}

// the id of the last offer sent: its message is cleared once the server has taken the offer (a refused offer
// keeps it, to send again)
let offerSent = null;
function resetMessage() {
  $("message-kind").value = "";
  showMessageBasket();
}

// an error stays until the next move is answered, or until the class is paused or resumed (so "the class
// is paused" does not outlive the pause)
let errorPaused = false;
function showError(text) {
  const n = $("error"); n.textContent = text; n.hidden = false;
  errorPaused = !!(snap && snap.class && snap.class.paused);
}

// after the instructor ends the talks: the seat to move gives its last answer (accept or let them end)
function endedText(g) {
  const head = "The instructor has ended the talks: ";
  if (!g.your_turn) return head + (g.to_move ? "waiting for " + g.to_move_of + " last answer." : "the talks are closing.");
  if (g.can.accept) return head + "this is your last answer — accept " + g.standing.by +
    "'s offer or let the talks end without a deal.";
  return head + "there is no offer for you to accept — let the talks end without a deal.";
}

function pct(x) { return Math.round(100 * x) + "%"; }

function render() {
  const s = snap, g = s.game, terms = s.terms;
  $("who").textContent = s.seat.delegation + " · table " + s.seat.table;
  document.title = s.seat.delegation + " · Backchannel";
  let status = flagText(s.class);
  // a deal accepted as the final response is the students' own: the end only closed the talks (instructor trial)
  if (s.status === "over") status = g && g.talks_ended && !(s.aftermath && s.aftermath.agreement)
    ? "The instructor ended the talks: your game is over." : "Your game is over.";
  else if (g && g.talks_ended) status = endedText(g);
  else if (g && g.your_turn) status = g.final_response ? "Your move — final response: accept or walk away." : "Your move.";
  else if (g && !g.seated) status = "Your delegation does not sit at this table now: wait.";
  else if (g && g.to_move) status = "Waiting for " + g.to_move + ".";
  else if (!g) status = s.status;
  if (s.class.paused && s.status !== "over") status = "Paused by the instructor. " + status;
  if (s.seat.handed_over) status = s.seat.handed_over + " " + status;    // the AI took the seat: watching
  if (!!s.class.paused !== errorPaused) $("error").hidden = true;
  turnSeen(g, s.version);
  $("status").textContent = status;
  setTimer(s.class);
  renderBrief(s.brief);
  renderTable(g, terms);
  renderCards(s.cards);
  renderLog(s.log);
  renderAftermath(s.aftermath);
  renderDebrief(s.debrief);
  renderFaceToFace(s.face_to_face);              // facetoface.js
}

function renderBrief(b) {
  const box = clear($("brief"));
  box.appendChild(el("p", b.title + " (" + b.year + ")", "strong"));
  box.appendChild(el("p", b.summary));
  box.appendChild(el("p", "You speak for " + b.principal + " (" + b.kind + " delegation). Across the table: " + b.across.join(", ") + "."));
  const list = el("ul");
  for (const p of b.priorities) list.appendChild(el("li", pct(p.weight) + " " + p.basket + " — best on paper: " + p.best));
  const forms = b.forms_preferred.map((f, i) => f + " " + b.form_worth[i].toFixed(2)).join("; ");
  list.appendChild(el("li", b.form_share > 0 ? "Agreement form: the other " + pct(b.form_share) + " of a deal's value; worth to you: " + forms
                                             : "Agreement form: " + forms + " (no part of a deal's value)"));
  box.appendChild(el("h3", "Your government's priorities"));
  box.appendChild(el("p", b.form_share > 0 ? "Each basket's share of the terms, which make up " + pct(1 - b.form_share) + " of a deal's value:"
                                           : "Each basket's share of a deal's value: the form counts for nothing here:"));
  box.appendChild(list);
  box.appendChild(el("p", "Red lines (your government can never accept): " + (b.red_lines.length ? b.red_lines.join("; ") : "none")));
  box.appendChild(el("p", b.no_deal));      // the server's: the printed brief's points, an event's change apart
  box.appendChild(el("p", b.home_bar));
  for (const t of b.scopes || []) {         // the definitions tables the seat sits at: each rung's worth
    box.appendChild(el("h3", t.heading));
    box.appendChild(el("p", "Each rung of the scope and its worth to your government:"));
    const rungs = el("ol", null, "rungs");
    for (const r of t.rungs) rungs.appendChild(el("li", r.replace(/^\d+\. /, "")));
    box.appendChild(rungs);
  }
  if (b.reveal) box.appendChild(el("p", b.reveal));   // an official at a non-binding table: the reveal cost
  if (b.stakes) box.appendChild(el("p", "Track 1.5: you feel only " + pct(b.stakes[0]) + " of what you concede; any deal is worth " + b.stakes[1].toFixed(2) + " to your standing" + (b.stakes[2] > 0 ? "; uncertainty ±" + b.stakes[2].toFixed(2) + " (this brief shows your government's values as you see them)" : "") + "."));
}

function outcomeList(outcome, terms) {
  const list = el("ul", null, "package");
  terms.baskets.forEach((b, i) => list.appendChild(el("li", b.name + ": " + b.options[outcome[i]])));
  list.appendChild(el("li", "Agreement form: " + terms.forms[outcome[outcome.length - 1]]));
  return list;
}

function figuresText(f) {
  if (!f) return "";
  let text = "Worth " + f.value.toFixed(3) + " to your government · chance of approval at home " + pct(f.chance);
  if (f.red_lines.length) text += " · crosses your red lines: " + f.red_lines.join(", ");
  return text;
}

let built = "";
function renderTable(g, allTerms) {
  $("table-section").hidden = !g;
  if (!g) return;
  // this phase's baskets (a definitions phase bargains over its scope alone)
  const terms = { baskets: g.baskets || allTerms.baskets, forms: g.forms || allTerms.forms,
                  notes: g.notes || allTerms.notes };
  $("round").textContent = g.phase + " · " + g.round_text;
  const standing = clear($("standing"));
  if (g.standing && !snap.aftermath) {
    standing.appendChild(el("h3", g.standing.yours ? "Your offer on the table" : "On the table: " + g.standing.by_of + " offer"));
    standing.appendChild(outcomeList(g.standing.outcome, terms));
    standing.appendChild(el("p", figuresText(g.standing.figures), "figures"));
    if (!g.standing.yours && g.can.offer) {
      const copy = el("button", "Start from their offer");
      copy.type = "button"; copy.id = "copy-offer";
      copy.addEventListener("click", () => { setChoices(g.standing.outcome); preview(); $("choice-0").focus(); });
      standing.appendChild(copy);
    }
  } else if (snap.aftermath) {
    // the deal and its figures are shown once, under Aftermath
    standing.appendChild(el("p", "The game is over: see the aftermath below.", "strong"));
  } else {
    standing.appendChild(el("p", "No offer on the table yet."));
  }
  const shape = JSON.stringify(terms);
  if (built !== shape) { buildChoices(terms); built = shape; seeded = false; }
  if (!seeded && g.best) { setChoices(g.best); seeded = true; }
  showLocks(g.locks || [], terms);
  if (snap.aftermath) $("locked-box").hidden = true;     // nothing is bargained any more (instructor trial)
  showChosen();
  $("compose").hidden = !g.can.offer;
  if (!g.can.accept) $("accept-confirm").hidden = true;
  $("accept-btn").hidden = !g.can.accept || !$("accept-confirm").hidden;
  showAcceptQuestion(g);
  $("walk-btn").hidden = !g.can.walk;
  $("walk-btn").textContent = g.talks_ended ? "Let the talks end (no deal)" : "Walk away";
  if (!g.your_turn || (risky && !g.can[risky.action])) closeRisk(false);    // the move asked about is gone
  if (g.can.offer) preview();
  // paused: the moves wait, said beside the buttons (instructor trial: they stayed enabled and were refused)
  const paused = !!(snap.class && snap.class.paused) && snap.status !== "over";
  for (const id of ["offer-btn", "accept-btn", "walk-btn", "accept-yes", "risk-yes"]) $(id).disabled = paused;
  $("paused-note").hidden = !(paused && g.your_turn);
}

// The form starts at the terminal's and the window's starting draft (g.best: the package best for the seat's
// government at expected value, game.session.drafts.starting_draft);
// "Start from their offer" copies the standing offer in.
let seeded = false;
function setChoices(outcome) {
  outcome.forEach((v, i) => { const s = $("choice-" + i); if (s && !s.disabled) s.value = String(v); });
  showChosen();
}

// the chosen option's whole label under each select (a phone cuts a long one inside the select): the
// offer form's and the face-to-face form's
let optionNotes = [];        // per basket (the form last), per option: its description and detection odds
function chosenText(s) {
  const text = s.options[s.selectedIndex].textContent;
  const m = /^choice-(\d+)$/.exec(s.id);
  const notes = m ? optionNotes[parseInt(m[1], 10)] : null;
  const note = notes ? notes[s.selectedIndex] : "";
  return note ? text + " · " + note : text;
}
function showChosen() {
  document.querySelectorAll("#choices select, #f2f-phases select").forEach((s) => {
    const note = $(s.id + "-full");
    if (note && s.selectedIndex >= 0) note.textContent = chosenText(s);
  });
}
function chosenNote(select) {
  const full = el("p", null, "chosen small");
  full.id = select.id + "-full";
  full.setAttribute("aria-hidden", "true");
  select.addEventListener("change", showChosen);
  if (select.selectedIndex >= 0) full.textContent = chosenText(select);
  return full;
}

function buildChoices(terms) {
  optionNotes = terms.notes || [];
  const box = clear($("choices"));
  const add = (name, options, index) => {
    const id = "choice-" + index;
    const label = el("label", name);
    label.htmlFor = id;
    const select = el("select", null, "choice");
    select.id = id;
    options.forEach((text, j) => { const o = el("option", (j + 1) + ". " + text); o.value = String(j); select.appendChild(o); });
    select.addEventListener("change", () => { closeRisk(false); preview(); });
    box.appendChild(label);
    box.appendChild(select);
    box.appendChild(chosenNote(select));
  };
  terms.baskets.forEach((b, i) => add(b.name, b.options, i));
  add("Agreement form", terms.forms, terms.baskets.length);
  closeRisk(false);                                   // its outcome was of the old form
  const mb = clear($("message-basket"));
  terms.baskets.forEach((b) => { const o = el("option", b.name); o.value = b.id; mb.appendChild(o); });
}

// Baskets settled for this phase (by the agreed scope, or locked in parallel lanes): shown at their
// option, marked locked, and not offerable.
function showLocks(locks, terms) {
  const list = clear($("locked"));
  locks.forEach((lock, i) => {
    const select = $("choice-" + i);
    const label = document.querySelector('label[for="choice-' + i + '"]');
    if (!select) return;
    const locked = lock >= 0;
    select.disabled = locked;
    if (locked) select.value = String(lock);
    if (label) label.textContent = (i < terms.baskets.length ? terms.baskets[i].name : "Agreement form") + (locked ? " (locked)" : "");
    if (locked && i < terms.baskets.length) list.appendChild(el("li", terms.baskets[i].name + ": " + terms.baskets[i].options[lock], "locked"));
  });
  $("locked-box").hidden = !list.firstChild;
}

function composed() {
  return Array.from(document.querySelectorAll("#choices select")).map((s) => parseInt(s.value, 10));
}

let previewTimer = null;
function preview() {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(() => conn.send({ type: "preview", id: ++msgId, outcome: composed() }), 120);
}

function showPreview(f) {
  if (!f) return;
  $("meter").value = Math.max(0, Math.min(1, f.value));
  // expected, and on paper (the brief's 0 = worst deal, 1 = best): instructor trial, "why is my best deal 0.467?"
  $("meter-value").textContent = f.value.toFixed(3) + " expected (" + f.paper.toFixed(3) + " on paper)";
  $("meter-chance").textContent = pct(f.chance);
  $("meter-red").textContent = f.red_lines.length ? "Crosses your red lines: " + f.red_lines.join(", ") : "";
}

function renderCards(cards) {
  const box = clear($("cards"));
  if (!cards.length) { box.appendChild(el("p", "No event yet.", "small")); return; }
  for (const c of cards) {
    const card = el("div", null, "card");
    card.appendChild(el("h3", c.title));
    const list = el("ul");
    for (const line of c.lines) list.appendChild(el("li", line));
    card.appendChild(list);
    box.appendChild(card);
  }
}

// The move list numbers the delegations' moves alone, with the number the server gives (the one every
// "from move N" uses); an event, the end of the talks, a phase's end or a reason is a line between them,
// unnumbered (instructor trial: "AI since move 5" of a list that numbered the events too).
function renderLog(lines) {
  const box = clear($("log"));
  for (const [kind, text, number] of lines) {
    const li = el("li", text, "log-" + kind + (number ? "" : " log-between"));
    if (number) li.value = number;
    box.appendChild(li);
  }
}

function capitalised(text) { return text.charAt(0).toUpperCase() + text.slice(1); }

// How the game ended and what it is worth to the seat's government; without a deal, no deal's value
// alone. Each figure shown is explained in the words the terminal and the window use (a.measures).
function renderAftermath(a) {
  $("aftermath-section").hidden = !a;
  if (!a) return;
  const box = clear($("aftermath"));
  const y = a.yours;
  if (!a.agreement) {
    box.appendChild(el("p", "No deal: the talks ended without an agreement" + a.ending.replace(/^no deal/, "") + ".", "strong"));
    if (y) box.appendChild(el("p", "Your government keeps what no deal is worth to it: " + y.no_deal.toFixed(2) + " (0 = worst deal, 1 = best)."));
  } else {
    box.appendChild(el("p", "The talks ended with an agreement.", "strong"));
    const list = el("ul", null, "package");
    a.agreement.forEach((t) => list.appendChild(el("li", t)));
    box.appendChild(list);
    box.appendChild(el("p", a.in_force ? "The agreement entered into force." :
      "The agreement did not enter into force: " + a.refusal + "."));
    if (y) {
      const kept = y.as_kept !== null
        ? "as kept " + y.as_kept.toFixed(2) + " a year (5–95%: " + y.band[0].toFixed(2) + "–" + y.band[1].toFixed(2) + ")"
        : "as kept: not in force (the pact never bound anyone, so no deal's value applies)";
      const honoured = y.honoured_by_other !== null ? "; honoured by the other side in " + pct(y.honoured_by_other) + " of the histories" : "";
      box.appendChild(el("p", "For your government: on paper " + y.paper.toFixed(2) + "; " + kept + "; no deal " +
        y.no_deal.toFixed(2) + honoured + "."));
    }
  }
  if (y && a.measures.length) {
    const words = el("dl", null, "measures small");
    for (const [label, meaning] of a.measures) {
      words.appendChild(el("dt", capitalised(label)));
      words.appendChild(el("dd", capitalised(meaning) + "."));
    }
    box.appendChild(words);
  }
  if (!snap.debrief) box.appendChild(el("p", "Your debrief opens when the instructor ends the talks.", "small"));
}

function renderDebrief(d) {
  $("debrief-section").hidden = !d;
  if (!d) return;
  const box = clear($("debrief"));
  // the label is the server's: a seat handed to the AI gets the table's score, not credited to its student
  if (d.score !== null) box.appendChild(el("p", d.score_label + ": " + d.score.toFixed(3), "strong"));
  for (const s of d.sentences) box.appendChild(el("p", s));
}

$("compose").addEventListener("submit", (event) => {
  event.preventDefault();
  const kind = $("message-kind").value;
  const message = kind ? { kind: kind, basket: kind === "final" ? null : $("message-basket").value } : null;
  closeRisk(false);
  const id = sendMove({ action: "offer", outcome: composed(), message: message, ask: true });
  if (id !== null) offerSent = id;
});
$("risk-yes").addEventListener("click", () => {
  const move = risky;
  if (!move) return;
  const id = sendMove(move);
  if (id === null) return;
  $("risk-confirm").hidden = true;
  risky = null;
  if (move.action === "offer") offerSent = id;
});
// accepting is final: a second, explicit step ("Yes, accept" or "Cancel"; Escape cancels). When accepting is
// risky (worth less than no deal, or against the seat's word) that one step gives the server's reasons and
// question (game/session/risks.py, as the terminal asks) in place of the plain question.
function showAcceptQuestion(g) {
  const risk = g.accept_risk;
  const list = clear($("accept-reasons"));
  if (risk) for (const reason of risk.reasons) list.appendChild(el("li", reason));
  list.hidden = !risk;
  $("accept-question").textContent = risk ? risk.question : g.standing ?
    "Accept " + g.standing.by_of + " offer as it stands? This is final: the talks end with this agreement." : "";
}
function askAccept(open) {
  $("accept-confirm").hidden = !open;
  $("accept-btn").hidden = open;
  (open ? $("accept-yes") : $("accept-btn")).focus();
}
$("accept-btn").addEventListener("click", () => askAccept(true));
$("accept-no").addEventListener("click", () => askAccept(false));
$("accept-confirm").addEventListener("keydown", (event) => { if (event.key === "Escape") askAccept(false); });
$("accept-yes").addEventListener("click", () => {
  // the reasons shown were answered; a plain question still asks the server (a risk the page had not seen
  // comes back as the risk step)
  const asked = !!(snap && snap.game && snap.game.accept_risk);
  if (sendMove(asked ? { action: "accept" } : { action: "accept", ask: true }) !== null) $("accept-confirm").hidden = true;
});
// the message's basket: only for a message that names one
function showMessageBasket() {
  const kind = $("message-kind").value;
  $("message-basket").hidden = !kind || kind === "final";
}
$("message-kind").addEventListener("change", () => { closeRisk(false); showMessageBasket(); });
$("message-basket").addEventListener("change", () => closeRisk(false));
showMessageBasket();
// walking away asks first (the server's reasons, as for a risky offer), but not as the last answer after
// the instructor ended the talks, where it only lets them end
$("walk-btn").addEventListener("click", () => {
  const ended = snap && snap.game && snap.game.talks_ended;
  closeRisk(false);
  sendMove(ended ? { action: "walk" } : { action: "walk", ask: true });
});
