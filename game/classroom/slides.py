"""Printable debrief slides: one HTML file, one slide per printed page (A4 landscape), readable on a
projector: the class's deals on the chart, what was agreed basket by basket, the scores, the Track
1.5 lesson in a campaign, then one slide per debrief question with the source it is tied to.

Rendered with Jinja2 and autoescaping: every scenario or result text is escaped.
"""

from __future__ import annotations

import numpy as np
from jinja2 import Environment

from game.classroom.folder import Session
from game.classroom.lesson import Lesson, played_groups
from game.classroom.tally import Absences
from game.classroom.teaching import debrief_questions, source_line
from game.words import count

TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Debrief: {{ title }}</title>
<style>
@page { size: A4 landscape; margin: 1cm }
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 0; background: #555; color: #111 }
.slide { background: white; width: 27.7cm; height: 19cm; margin: 1cm auto; padding: 1.2cm 1.6cm;
         box-sizing: border-box; overflow: hidden; page-break-after: always; break-after: page }
.slide:last-child { page-break-after: auto; break-after: auto }
h1 { font-size: 34pt; margin: 0 0 .4em } h2 { font-size: 26pt; margin: 0 0 .5em; border-bottom: 3px solid #333 }
p, li, td, th { font-size: 17pt; line-height: 1.35 } .small { font-size: 13pt; color: #444 }
.question { font-size: 28pt; line-height: 1.3; margin-top: 1.5cm }
table { border-collapse: collapse } td, th { border: 1px solid #999; padding: .15em .5em; text-align: left }
img { max-width: 100%; max-height: 14.5cm; display: block; margin: 0 auto }
@media print { body { background: white } .slide { margin: 0 } }
</style></head><body>
<section class="slide"><h1>Class debrief</h1><p style="font-size:24pt">{{ title }}</p>
<p>{{ summary }}</p><p class="small">Session {{ session_id }}</p></section>
<section class="slide"><h2>Every table's deal</h2><img src="{{ chart }}" alt="every table's deal on the Pareto chart">
</section>
<section class="slide"><h2>What the class agreed, basket by basket</h2><table>
{% for name, options in baskets %}<tr><th>{{ name }}</th><td>{{ options }}</td></tr>{% endfor %}</table></section>
<section class="slide"><h2>Scores</h2><table><tr><th></th>{% for g in governments %}<th>{{ g }}</th>{% endfor %}
<th>deals</th><th>in force</th></tr>
{% for label, means, deals, entered in means %}<tr><td>{{ label }}</td>{% for m in means %}<td>{{ m }}</td>
{% endfor %}<td>{{ deals }}</td><td>{{ entered }}</td></tr>{% endfor %}</table>
<p class="small">A score is the deal's expected value before the vote: the chance it enters into force times
what it is expected to be worth once in force, plus the rest times no deal; whether the vote passed is shown
apart.</p></section>
{% if track15 %}<section class="slide"><h2>The Track 1.5 lesson</h2><ul>
{% for line in track15 %}<li>{{ line }}</li>{% endfor %}</ul></section>{% endif %}
{% for question, source in questions %}<section class="slide"><h2>Question {{ loop.index }}</h2>
<p class="question">{{ question }}</p>{% if source %}<p class="small">{{ source }}</p>{% endif %}</section>
{% endfor %}
<section class="slide"><h2>Sources</h2><ul>{% for s in sources %}<li>{{ s }}</li>{% endfor %}</ul></section>
</body></html>
"""


def _mean(values: list[float]) -> str:
    return f"{np.mean(values):.3f}" if values else "-"


def slides(session: Session, view: Lesson, chart_uri: str, absences: Absences = Absences()) -> str:
    """The slides' HTML."""
    from game.classroom.report import summary
    s = session.scenario
    agreed = [g.agreement for g in view.games if g.agreement is not None]
    baskets = []
    for i, basket in enumerate(s.baskets):
        counts = [sum(1 for a in agreed if a[i] == k) for k in range(len(basket.options))]
        baskets.append((basket.name, "; ".join(f"{o.label} ×{c}" for o, c in zip(basket.options, counts) if c)
                        or "nothing agreed"))
    form_counts = [sum(1 for a in agreed if a[-1] == k) for k in range(len(s.forms))]
    baskets.append(("Agreement form", "; ".join(f"{f.label} ×{c}" for f, c in zip(s.forms, form_counts) if c) or "-"))
    groups = [("all games", list(view.games)), *played_groups(view.games)]
    means = [(label, [_mean([g.scores[i] for g in rows]) for i in range(len(view.governments))],
              sum(g.agreement is not None for g in rows), sum(g.entered for g in rows)) for label, rows in groups]
    track15 = []
    plans = [g.track15 for g in view.games if g.track15 is not None]
    if plans:
        with_plan = [t for t in plans if t.plan is not None]
        weights = [t.anchoring for t in plans if t.anchoring is not None]
        track15.append(f"{len(with_plan)} of {count(len(plans), 'table')} published a plan" + (
            f"; it anchored the official talks with a weight of about {np.mean(weights):.2f}." if weights else
            "; no official talks were held after one."))
        for k, felt in enumerate(plans[0].felt):
            pairs = [(t.felt[k].felt, t.felt[k].got) for t in with_plan
                     if t.felt[k].felt is not None and t.felt[k].got is not None]
            if pairs:
                track15.append(f"{felt.delegation}: felt it won {np.mean([p[0] for p in pairs]):.3f} for its "
                               f"government; the plan is really worth {np.mean([p[1] for p in pairs]):.3f} to it.")
        for k, (name, _) in enumerate(plans[0].absent):
            losses = [loss for t in with_plan if (loss := t.absent[k][1]) is not None]
            if losses:
                track15.append(f"Absent from the table, {name} lost {np.mean(losses):+.3f} on average against its "
                               "share of the Nash deal.")
    env = Environment(autoescape=True)
    return env.from_string(TEMPLATE).render(
        title=f"{s.title} ({s.year})", summary=summary(session, view, absences), session_id=session.id, chart=chart_uri,
        baskets=baskets, governments=view.governments, means=means, track15=track15,
        questions=debrief_questions(s), sources=[source_line(s, i) for i in range(len(s.sources))])
