// The student's moves, for play.js (loaded just before it; it defines conn, msgId and showError, used here
// only when a move is sent): one move in flight at a time, and a second step before a risky move.
"use strict";

// A move in flight (instructor trial: a double tap on "Make this offer" sent it twice, and the second came
// back "It is not your turn.", read on a phone as "my offer failed"): the buttons that send a move are
// disabled from the tap until the snapshot after the server's answer, and a tap meanwhile sends nothing.
let inFlight = null;        // {id, move, version}: the move sent; version: the table's after it, once taken
let spentAt = null;         // the table's version after this seat's last move taken, until the turn comes back
const MOVE_BUTTONS = ["offer-btn", "accept-btn", "accept-yes", "walk-btn", "risk-yes"];
function byId(id) { return document.getElementById(id); }
function setBusy(on) {
  for (const id of MOVE_BUTTONS) byId(id).disabled = on;
  byId("table-section").setAttribute("aria-busy", on ? "true" : "false");
}
function settled() { inFlight = null; setBusy(false); }

// Send `move` ({action, ...}); its id, or null when nothing was sent (a move already in flight, or no socket).
function sendMove(move) {
  if (inFlight) return null;
  const id = ++msgId;
  if (!conn.send(Object.assign({ type: "move", id: id }, move))) {
    showError("Not sent: the connection is down. Wait until this page reconnects, then try again.");
    return null;
  }
  inFlight = { id: id, move: move, version: null };
  setBusy(true);
  return id;
}

// What the server's answers do to the move in flight.
function moveLost() { if (inFlight) settled(); }                 // the socket went: no answer will come
function moveState(version) {                                    // a snapshot: from after the move taken?
  if (inFlight && inFlight.version !== null && (version || 0) >= inFlight.version) settled();
}
function moveAck(data) {
  if (inFlight && data.ref === inFlight.id) { inFlight.version = data.version; spentAt = data.version; }
}
function turnSeen(game, version) {                               // the turn came back: a refusal counts again
  if (game && game.your_turn && spentAt !== null && (version || 0) > spentAt) spentAt = null;
}
// A refusal: whether to show it. Not one for the turn's having passed, after one of this seat's moves was
// taken and before the turn came back: that answers a repeat of the move (a second tap), which went through.
function moveRefused(data) {
  if (inFlight && data.ref === inFlight.id) settled();
  return !(data.your_turn === false && spentAt !== null);
}

// A risky move (an offer across the seat's own red lines or one it declared, a changed final offer, a
// walk-out; an accept the page's own step did not warn of) is sent with "ask": the server answers with the reasons and the question the terminal asks
// (game/session/risks.py), and this second step sends it for real ("Yes", play.js) or not ("Cancel";
// Escape).
let risky = null;           // the move asked about, without "ask"
function moveConfirm(data) {
  if (!inFlight || data.ref !== inFlight.id) return;
  const move = inFlight.move;
  settled();
  risky = Object.assign({}, move);
  delete risky.ask;
  const list = clear(byId("risk-reasons"));
  for (const reason of data.reasons) list.appendChild(el("li", reason));
  byId("risk-question").textContent = data.question;
  byId("risk-yes").textContent = { walk: "Yes, walk away", accept: "Yes, accept" }[move.action] || "Yes, send this offer";
  byId("risk-confirm").hidden = false;
  byId("risk-yes").focus();
}
function closeRisk(focus) {
  if (byId("risk-confirm").hidden) return;
  byId("risk-confirm").hidden = true;
  if (focus && risky) byId({ walk: "walk-btn", accept: "accept-btn" }[risky.action] || "offer-btn").focus();
  risky = null;
}
byId("risk-no").addEventListener("click", () => closeRisk(true));
byId("risk-confirm").addEventListener("keydown", (event) => { if (event.key === "Escape") closeRisk(true); });
