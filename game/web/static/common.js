// Shared by every page. Rule: text from the server is only ever put into the page with textContent
// (never innerHTML), so a scenario string like "<script>" is shown as text.
"use strict";

function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (cls) node.className = cls;
  return node;
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

// A WebSocket to `path` that reconnects on its own (1 s, then up to 10 s apart) unless the server
// closed it for good (codes 4001: seat taken elsewhere, 4003: not allowed). It opens once the page's
// scripts have all run (DOMContentLoaded), never before: a snapshot that arrived while a later script
// (facetoface.js after play.js) was still loading once found its functions undefined (instructor trial:
// "renderFaceToFace is not defined" on rejoining).
function live(path, onMessage, onStatus) {
  let delay = 1000;
  let socket = null;
  function open() {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + path);
    socket.onopen = () => { delay = 1000; onStatus("connected"); };
    socket.onmessage = (event) => {
      let data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      onMessage(data);
    };
    socket.onclose = (event) => {
      if (event.code === 4001) { onStatus("This seat was taken on another device. To take it back, join again with your seat code."); return; }
      if (event.code === 4003) { onStatus("Not allowed: open the link you were given again."); return; }
      onStatus("Connection lost: reconnecting…");
      setTimeout(open, delay);
      delay = Math.min(delay * 2, 10000);
    };
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", open);
  else open();
  // send: true when the message went out (false while the socket is down: nothing is queued)
  return { send: (obj) => {
    if (!socket || socket.readyState !== 1) return false;
    socket.send(JSON.stringify(obj));
    return true;
  } };
}

// The class timer: counts down to `deadline` (seconds since 1970, server clock; `now` is the server's
// clock when sent), with warnings at 5 and 1 minute left; it stops when the talks have ended.
let timerState = null;
function setTimer(flags) {
  timerState = flags && flags.ended ? (flags.deadline ? { ended: true } : null) :
    flags && flags.deadline ? { deadline: flags.deadline, offset: Date.now() / 1000 - flags.now, paused: !!flags.paused } : null;
  tick();
}
function tick() {
  const node = document.getElementById("timer");
  if (!node) return;
  if (!timerState) { node.textContent = ""; node.className = "timer"; return; }
  if (timerState.ended) { node.textContent = "The timer has stopped."; node.className = "timer"; return; }   // the flags line says the talks ended
  const left = Math.round(timerState.deadline - (Date.now() / 1000 - timerState.offset));
  if (left <= 0) { node.textContent = "Time is up."; node.className = "timer urgent"; return; }
  const m = Math.floor(left / 60), s = left % 60;
  let text = "Time left: " + m + ":" + String(s).padStart(2, "0");
  let cls = "timer";
  if (left <= 60) { text += " — last minute!"; cls = "timer urgent"; }
  else if (left <= 300) { text += " — less than five minutes"; cls = "timer warn"; }
  if (timerState.paused) text += " (the timer runs on during the pause)";
  node.textContent = text;
  node.className = cls;
}
setInterval(tick, 1000);

function flagText(flags) {
  if (!flags) return "";
  if (flags.ended) return "The talks have ended.";
  if (flags.paused) return "Paused by the instructor.";
  if (flags.started) return "The class is on.";
  return "Waiting for the instructor to start.";
}
