// Face to face (play.js's page, loaded after it): the form where each delegation enters the deal agreed in
// person, one group per table. A definitions table's deal is its scope rung; the table after it shows only
// the baskets that scope leaves in play (the server sends, per rung, the options the others are locked at).
"use strict";

let f2fBuilt = false;
function renderFaceToFace(f) {
  $("f2f-section").hidden = !f;
  if (!f) return;
  $("f2f-message").textContent = f.recorded ? "Recorded: " + f.message : (f.message || "");
  $("f2f-form").hidden = !!f.recorded;
  if (f2fBuilt) return;
  const box = clear($("f2f-phases"));
  f.tables.forEach((t, p) => {
    const group = el("fieldset");
    group.appendChild(el("legend", t.name));
    const none = el("input");
    none.type = "checkbox"; none.id = "f2f-none-" + p; none.className = "f2f-none";
    none.addEventListener("change", showInPlay);
    const label = el("label", null, "check");            // the box beside its words, on one line at 360 px
    label.appendChild(none); label.appendChild(document.createTextNode(" No deal"));
    group.appendChild(label);
    const lists = t.baskets.map((b) => [b.name, b.options]).concat([["Agreement form", t.forms]]);
    lists.forEach(([basket, options], i) => {
      const id = "f2f-" + p + "-" + i;
      const item = el("div", null, "f2f-item");
      item.id = id + "-item";
      const l = el("label", basket); l.htmlFor = id;
      const select = el("select", null, "f2f-choice");
      select.id = id; select.dataset.phase = String(p);
      options.forEach((text, j) => { const o = el("option", (j + 1) + ". " + text); o.value = String(j); select.appendChild(o); });
      select.addEventListener("change", showInPlay);
      item.appendChild(l); item.appendChild(select); item.appendChild(chosenNote(select));
      group.appendChild(item);
    });
    const out = el("p", null, "small");
    out.id = "f2f-out-" + p; out.hidden = true;
    group.appendChild(out);
    box.appendChild(group);
  });
  f2fBuilt = true;
  showInPlay();
}

// The locks of table p's deal as the form now stands (-1: in play), from the rung chosen at the table before it.
function f2fLocks(p) {
  const locks = snap.face_to_face.tables[p].locks;
  if (!locks) return [];
  return $("f2f-none-" + (p - 1)).checked ? locks.no_deal : locks.by_rung[parseInt($("f2f-" + (p - 1) + "-0").value, 10)];
}

// A basket outside the agreed scope is not bargained: it is hidden, kept at its locked option, and named below.
function showInPlay() {
  snap.face_to_face.tables.forEach((t, p) => {
    const out = [];
    f2fLocks(p).forEach((lock, i) => {
      $("f2f-" + p + "-" + i + "-item").hidden = lock >= 0;
      if (lock < 0) return;
      $("f2f-" + p + "-" + i).value = String(lock);
      if (i < t.baskets.length) out.push(t.baskets[i].name);
    });
    const note = $("f2f-out-" + p);
    note.textContent = out.length ? "Outside the agreed scope (no commitment): " + out.join("; ") + "." : "";
    note.hidden = !out.length;
  });
  showChosen();
}

$("f2f-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const deals = snap.face_to_face.tables.map((_, p) => $("f2f-none-" + p).checked ? null :
    Array.from(document.querySelectorAll('.f2f-choice[data-phase="' + p + '"]')).map((s) => parseInt(s.value, 10)));
  conn.send({ type: "entry", id: ++msgId, deals: deals });
});
