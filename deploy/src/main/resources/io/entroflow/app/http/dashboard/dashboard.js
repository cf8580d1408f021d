// entroflow dashboard: plain SVG charts, live by server-sent events read with fetch (so the bearer token
// can go in a header). No external code: works offline.
'use strict';
(function () {
  const SVG = 'http://www.w3.org/2000/svg';
  const WINDOW_MS = 5 * 60 * 1000;
  const STATE_COLORS = ['#0969da', '#cf222e', '#1a7f37', '#bf8700', '#8250df', '#57606a', '#e16f24', '#0550ae'];
  const S = { token: sessionStorage.getItem('entroflow-token') || '', key: null, view: null, aggs: {}, alerts: [],
    posterior: {}, stream: null, dirty: false, monitor: '' };
  const $ = id => document.getElementById(id);

  function status(text) { $('status').textContent = text; }

  async function api(path) {
    const headers = S.token ? { Authorization: 'Bearer ' + S.token } : {};
    const r = await fetch(path, { headers, cache: 'no-store' });
    if (r.status === 401) {
      $('auth').hidden = false;
      status('This monitor needs a bearer token: enter it above.');
      throw new Error('unauthorized');
    }
    const body = await r.json().catch(() => ({ error: 'unreadable answer' }));
    if (!r.ok) { const e = new Error(body.error || ('HTTP ' + r.status)); e.status = r.status; throw e; }
    return body;
  }

  // ---------- keys and firing alerts ----------
  let keyTimer = null;
  async function loadKeys(prefix) {
    const page = await api('/api/keys?limit=100&prefix=' + encodeURIComponent(prefix));
    const list = $('keys');
    list.replaceChildren(...page.keys.map(k => { const o = document.createElement('option'); o.value = k; return o; }));
    return page.keys;
  }

  async function refreshFiring() {
    let firing;
    try { firing = (await api('/api/alerts')).firing; } catch (e) { return; }
    const body = $('firing').tBodies[0];
    if (firing.length === 0) {
      body.innerHTML = '<tr><td colspan="5">none</td></tr>';
      return;
    }
    body.replaceChildren(...firing.map(a => {
      const tr = document.createElement('tr');
      tr.className = 'firing-row';
      const keyButton = document.createElement('button');
      keyButton.type = 'button';
      keyButton.textContent = a.key;
      keyButton.setAttribute('aria-label', 'Show key ' + a.key);
      keyButton.addEventListener('click', () => select(a.key));
      const cells = [a.rule, keyButton, a.severity, a.operator, fmtTime(a.firingSince)];
      cells.forEach((c, i) => {
        const td = document.createElement('td');
        if (c instanceof Node) td.appendChild(c); else td.textContent = c;
        if (i === 2) td.className = 'sev-' + a.severity;
        tr.appendChild(td);
      });
      return tr;
    }));
  }

  // ---------- one key ----------
  async function select(key) {
    if (!key) return;
    $('key').value = key;
    history.replaceState(null, '', '#' + encodeURIComponent(key));
    S.key = key; S.aggs = {}; S.alerts = []; S.posterior = {};
    if (S.stream) S.stream.abort();
    let view;
    try {
      view = await api('/api/keys/' + encodeURIComponent(key));
    } catch (e) {
      if (S.key !== key) return; // another key was chosen meanwhile: its own select shows it
      status((e.status === 404 ? 'No state for key "' + key + '" yet' : 'Cannot load key "' + key + '": ' + e.message)
        + '; trying again in 2 s.');
      if (e.status === 404 || e.status === 503 || e.status === 502) {
        setTimeout(() => { if (S.key === key) select(key); }, 2000);
      }
      return;
    }
    if (S.key !== key) return; // a later select (typed key, page start) owns the view now
    S.view = view;
    S.monitor = S.view.monitor;
    $('monitor').textContent = '· monitor ' + S.monitor;
    try {
      const h = await api('/api/keys/' + encodeURIComponent(key) + '/history');
      if (S.key !== key) return;
      h.aggregates.forEach(addAggregate);
      S.alerts = h.alerts;
    } catch (e) { /* no history yet: live updates fill it */ }
    if (S.key !== key) return;
    samplePosterior(S.view);
    build();
    status('Showing key "' + key + '"; live.');
    stream(key);
  }

  function addAggregate(a) {
    (S.aggs[a.operator] = S.aggs[a.operator] || []).push(a);
    const list = S.aggs[a.operator];
    if (list.length > 2000) list.splice(0, list.length - 2000);
  }

  function samplePosterior(view) {
    const now = Date.now();
    view.operators.forEach(o => {
      if (!o.posterior) return;
      const list = (S.posterior[o.name] = S.posterior[o.name] || []);
      const t = o.windowEnd > 0 ? o.windowEnd : now;
      if (list.length && list[list.length - 1].t >= t) return;
      list.push({ t, p: o.posterior });
      if (list.length > 2000) list.splice(0, list.length - 2000);
    });
  }

  async function stream(key) {
    const ctl = new AbortController();
    S.stream = ctl;
    const headers = S.token ? { Authorization: 'Bearer ' + S.token } : {};
    try {
      const r = await fetch('/api/stream?key=' + encodeURIComponent(key), { headers, signal: ctl.signal, cache: 'no-store' });
      if (!r.ok || !r.body) throw new Error('HTTP ' + r.status);
      const reader = r.body.getReader();
      const dec = new TextDecoder();
      let buf = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += dec.decode(value, { stream: true });
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          onFrame(buf.slice(0, i));
          buf = buf.slice(i + 2);
        }
      }
    } catch (e) {
      if (ctl.signal.aborted) return;
      status('Live stream interrupted (' + e.message + '); reconnecting…');
    }
    if (!ctl.signal.aborted && S.key === key) setTimeout(() => { if (S.key === key) stream(key); }, 2000);
  }

  function onFrame(frame) {
    let event = 'message', data = '';
    frame.split('\n').forEach(line => {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data += line.slice(6);
    });
    if (!data) return;
    const d = JSON.parse(data);
    if (event === 'aggregate' && d.key === S.key) addAggregate(d);
    else if (event === 'alert') {
      if (d.labels.key === S.key) S.alerts.push(d);
      refreshFiring();
    } else if (event === 'state' && d.key === S.key) { S.view = d; samplePosterior(d); }
    S.dirty = true;
  }

  setInterval(() => { if (S.dirty && S.view) { S.dirty = false; build(); } }, 500);

  // ---------- charts ----------
  function el(name, attrs, parent) {
    const e = document.createElementNS(SVG, name);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }

  function fmtTime(ms) { return ms > 0 ? new Date(ms).toLocaleTimeString([], { hour12: false }) : ''; }
  function fmt(v) { return typeof v === 'number' && isFinite(v) ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3)) : String(v); }
  function num(v) { return typeof v === 'number' ? v : Number(v); }

  function ticks(lo, hi, n) {
    const step = Math.pow(10, Math.floor(Math.log10((hi - lo) / n || 1)));
    const k = [1, 2, 5, 10].find(m => (hi - lo) / (step * m) <= n) * step;
    const out = [];
    for (let v = Math.ceil(lo / k) * k; v <= hi + 1e-12; v += k) out.push(+v.toPrecision(12));
    return out;
  }

  /** A time chart: lines, horizontal lines, vertical markers, dots, stacked areas over [t0, t1]. */
  function timeChart(o) {
    const W = 560, H = o.height || 190, L = 48, R = 10, T = 8, B = 22;
    const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': o.id + '-t ' + o.id + '-d' });
    el('title', { id: o.id + '-t' }, svg).textContent = o.title;
    el('desc', { id: o.id + '-d' }, svg).textContent = o.desc;
    let [lo, hi] = o.y || [Infinity, -Infinity];
    if (!o.y) {
      (o.series || []).forEach(s => s.points.forEach(p => { if (isFinite(p[1])) { lo = Math.min(lo, p[1]); hi = Math.max(hi, p[1]); } }));
      (o.hlines || []).forEach(h => { lo = Math.min(lo, h.y); hi = Math.max(hi, h.y); });
      if (!isFinite(lo)) { lo = 0; hi = 1; }
      if (hi - lo < 1e-9) { lo -= 0.5; hi += 0.5; }
      const pad = (hi - lo) * 0.08; lo -= pad; hi += pad;
    }
    const x = t => L + (t - o.t0) / (o.t1 - o.t0 || 1) * (W - L - R);
    const y = v => T + (1 - (v - lo) / (hi - lo)) * (H - T - B);
    const grid = el('g', { class: 'grid' }, svg);
    ticks(lo, hi, 4).forEach(v => {
      el('line', { x1: L, x2: W - R, y1: y(v), y2: y(v) }, grid);
      el('text', { x: L - 4, y: y(v) + 4, 'text-anchor': 'end' }, svg).textContent = fmt(v);
    });
    ticks(o.t0 / 1000, o.t1 / 1000, 5).forEach(s => {
      const t = s * 1000;
      el('line', { x1: x(t), x2: x(t), y1: T, y2: H - B }, grid);
      el('text', { x: x(t), y: H - 6, 'text-anchor': 'middle' }, svg).textContent = fmtTime(t);
    });
    (o.areas || []).forEach(a => {
      if (a.upper.length < 2) return;
      const d = a.upper.map((p, i) => (i ? 'L' : 'M') + x(p[0]).toFixed(1) + ',' + y(p[1]).toFixed(1)).join('')
        + a.lower.slice().reverse().map(p => 'L' + x(p[0]).toFixed(1) + ',' + y(p[1]).toFixed(1)).join('') + 'Z';
      el('path', { d, fill: a.color, 'fill-opacity': 0.75, class: 'area', 'data-points': a.upper.length }, svg);
    });
    (o.hlines || []).forEach(h => {
      const line = el('line', { x1: L, x2: W - R, y1: y(h.y), y2: y(h.y), class: h.cls }, svg);
      el('title', {}, line).textContent = h.label;
    });
    (o.series || []).forEach(s => {
      const pts = s.points.filter(p => isFinite(p[1]) && p[0] >= o.t0);
      if (!pts.length) return;
      const d = pts.map((p, i) => (i ? 'L' : 'M') + x(p[0]).toFixed(1) + ',' + y(p[1]).toFixed(1)).join('');
      el('path', { d, class: 'series', 'data-points': pts.length, stroke: s.color || '' }, svg);
    });
    (o.dots || []).forEach(p => {
      if (p[0] < o.t0) return;
      const c = el('circle', { cx: x(p[0]), cy: y(p[1]), r: 3, class: p[2] }, svg);
      el('title', {}, c).textContent = p[3];
    });
    (o.vlines || []).forEach(v => {
      if (v.t < o.t0 || v.t > o.t1) return;
      const line = el('line', { x1: x(v.t), x2: x(v.t), y1: T, y2: H - B, class: v.cls }, svg);
      el('title', {}, line).textContent = v.label;
    });
    return svg;
  }

  /** The complexity-entropy plane: (H, C) of each instant, a trajectory ending in the latest point. */
  function planeChart(id, title, pts) {
    const W = 560, H = 220, L = 62, R = 14, T = 8, B = 30;
    const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': id + '-t ' + id + '-d' });
    el('title', { id: id + '-t' }, svg).textContent = title;
    const last = pts[pts.length - 1];
    el('desc', { id: id + '-d' }, svg).textContent = last
      ? `latest: permutation entropy ${fmt(last[1])}, complexity ${fmt(last[2])}` : 'no data yet';
    const cmax = Math.max(0.5, ...pts.map(p => p[2]));
    const x = h => L + h * (W - L - R);
    const y = c => T + (1 - c / cmax) * (H - T - B);
    const grid = el('g', { class: 'grid' }, svg);
    ticks(0, 1, 5).forEach(h => { el('line', { x1: x(h), x2: x(h), y1: T, y2: H - B }, grid);
      el('text', { x: x(h), y: H - 16, 'text-anchor': 'middle' }, svg).textContent = fmt(h); });
    ticks(0, cmax, 4).forEach(c => { el('line', { x1: L, x2: W - R, y1: y(c), y2: y(c) }, grid);
      el('text', { x: L - 4, y: y(c) + 4, 'text-anchor': 'end' }, svg).textContent = fmt(c); });
    el('text', { x: (L + W - R) / 2, y: H - 3, 'text-anchor': 'middle' }, svg).textContent = 'permutation entropy H (normalised)';
    el('text', { x: 12, y: (T + H - B) / 2, transform: `rotate(-90 12 ${(T + H - B) / 2})`, 'text-anchor': 'middle' }, svg).textContent = 'complexity C';
    if (pts.length) {
      el('path', { class: 'series trajectory', 'data-points': pts.length,
        d: pts.map((p, i) => (i ? 'L' : 'M') + x(p[1]).toFixed(1) + ',' + y(p[2]).toFixed(1)).join('') }, svg);
      el('circle', { cx: x(last[1]), cy: y(last[2]), r: 5, class: 'now' }, svg);
    }
    return svg;
  }

  function legend(items) {
    const div = document.createElement('div');
    div.className = 'legend';
    items.forEach(([color, text, dash]) => {
      const span = document.createElement('span');
      const i = document.createElement('i');
      i.style.background = color;
      if (dash) i.style.backgroundImage = 'none';
      span.append(i, text);
      div.appendChild(span);
    });
    return div;
  }

  function figure(id, heading, caption, svg, legendItems) {
    const f = document.createElement('figure');
    f.id = id;
    const h = document.createElement('h3');
    h.textContent = heading;
    const c = document.createElement('figcaption');
    c.textContent = caption;
    f.append(h, c, svg);
    if (legendItems) f.appendChild(legend(legendItems));
    return f;
  }

  function alertTime(a) { return Date.parse(a.status === 'firing' ? a.startsAt : a.endsAt); }

  function build() {
    const view = S.view;
    const charts = $('charts');
    let t1 = 0;
    Object.values(S.aggs).forEach(l => l.forEach(a => { t1 = Math.max(t1, a.time); }));
    Object.values(S.posterior).forEach(l => l.forEach(p => { t1 = Math.max(t1, p.t); }));
    view.operators.forEach(o => { t1 = Math.max(t1, o.windowEnd); });
    if (!t1) t1 = Date.now();
    let t0 = t1;
    Object.values(S.aggs).forEach(l => l.forEach(a => { t0 = Math.min(t0, a.time); }));
    t0 = Math.max(t0, t1 - WINDOW_MS);
    if (t1 - t0 < 10000) t0 = t1 - 10000;
    const figures = [];
    const byType = {};
    view.operators.forEach((o, n) => {
      byType[o.type] = byType[o.type] || [];
      byType[o.type].push(o);
      const aggs = S.aggs[o.name] || [];
      const rules = view.alerts.filter(a => a.operator === o.name);
      const hlines = [];
      const items = [['#0969da', o.name]];
      rules.forEach(r => {
        if (r.condition.kind === 'threshold') {
          hlines.push({ y: r.condition.enter, cls: 'threshold', label: `${r.rule}: enters ${r.condition.below ? 'below' : 'above'} ${r.condition.enter}` });
          hlines.push({ y: r.condition.exit, cls: 'threshold exit', label: `${r.rule}: exits at ${r.condition.exit}` });
          items.push(['#cf222e', `${r.rule} threshold ${r.condition.enter} (exit ${r.condition.exit})`]);
        }
      });
      const vlines = S.alerts.filter(a => a.labels.operator === o.name).map(a => ({ t: alertTime(a),
        cls: 'marker ' + a.status, label: `${a.labels.rule} ${a.status} at ${fmtTime(alertTime(a))}: ${a.annotations.summary || ''}` }));
      if (vlines.length) items.push(['#cf222e', 'alert firing'], ['#1a7f37', 'alert resolved']);
      const dots = [];
      const sig = rules.find(r => r.condition.kind === 'significance');
      const alpha = sig ? sig.condition.pBelow : 0.05;
      aggs.forEach(a => { if (a.p_value != null && a.p_value < alpha) dots.push([a.time, num(a.value), 'significant', `p = ${fmt(a.p_value)} < ${alpha}`]); });
      if (aggs.some(a => a.p_value != null)) items.push(['#cf222e', `significant (p < ${alpha})`]);
      if (o.type === 'hmm') {
        let prev = null;
        aggs.forEach(a => {
          if (a.regime != null && prev != null && a.regime !== prev) {
            vlines.push({ t: a.time, cls: 'regime', label: `regime ${prev} → ${a.regime} at ${fmtTime(a.time)}` });
          }
          if (a.regime != null) prev = a.regime;
        });
      }
      const id = 'op-' + n;
      const cur = `now ${fmt(num(o.value))} ${o.unit || ''} over ${o.events} events` + (o.pValue != null ? `, p = ${fmt(o.pValue)}` : '')
        + (o.regime != null ? `, regime ${o.regime}` : '');
      const firing = rules.filter(r => r.phase === 'firing').map(r => r.rule);
      const svg = timeChart({ id, t0, t1, title: `${o.name} (${o.type}) over time`,
        desc: `${o.name}: ${aggs.length} aggregates; ${cur}` + (firing.length ? `; firing: ${firing.join(', ')}` : ''),
        series: [{ points: aggs.map(a => [a.time, num(a.value)]) }], hlines, vlines, dots });
      figures.push(figure(id, `${o.name} · ${o.type} (${o.signals.join(' → ')})`,
        cur + (firing.length ? ' · FIRING: ' + firing.join(', ') : ''), svg, items));
      if (o.posterior) {
        const samples = (S.posterior[o.name] || []).filter(p => p.t >= t0);
        const k = o.posterior.length;
        const areas = [];
        for (let s = 0; s < k; s++) {
          const lower = samples.map(p => [p.t, p.p.slice(0, s).reduce((x, y) => x + y, 0)]);
          const upper = samples.map(p => [p.t, p.p.slice(0, s + 1).reduce((x, y) => x + y, 0)]);
          areas.push({ lower, upper, color: STATE_COLORS[s % STATE_COLORS.length] });
        }
        const regimeLines = vlines.filter(v => v.cls === 'regime');
        const pid = id + '-posterior';
        const psvg = timeChart({ id: pid, t0, t1, y: [0, 1], height: 150, title: `${o.name}: posterior over hidden states`,
          desc: `posterior now: ${o.posterior.map((p, s) => `state ${s} ${fmt(p)}`).join(', ')}`, areas, vlines: regimeLines });
        figures.push(figure(pid, `${o.name} · posterior P(state | events)`,
          'stacked; sampled every second since the page opened; dashed lines: regime changes', psvg,
          o.posterior.map((p, s) => [STATE_COLORS[s % STATE_COLORS.length], `state ${s}`]).concat([['#6e40c9', 'regime change']])));
      }
    });
    (byType['permutation-entropy'] || []).forEach((pe, n) => {
      const c = (byType['complexity'] || []).find(x => x.signals.join() === pe.signals.join());
      if (!c) return;
      const cs = new Map((S.aggs[c.name] || []).map(a => [a.time, num(a.value)]));
      const pts = (S.aggs[pe.name] || []).filter(a => cs.has(a.time)).map(a => [a.time, num(a.value), cs.get(a.time)])
        .filter(p => isFinite(p[1]) && isFinite(p[2]));
      const id = 'plane-' + n;
      figures.push(figure(id, `complexity–entropy plane · ${pe.signals.join(', ')}`,
        `${pe.name} against ${c.name}; the dot is the latest interval`,
        planeChart(id, `complexity-entropy plane of ${pe.signals.join(', ')}`, pts)));
    });
    const focused = document.activeElement && charts.contains(document.activeElement);
    charts.replaceChildren(...figures);
    if (focused) charts.focus();
  }

  // ---------- wiring ----------
  $('pick').addEventListener('submit', e => { e.preventDefault(); select($('key').value.trim()); });
  $('key').addEventListener('input', () => {
    clearTimeout(keyTimer);
    keyTimer = setTimeout(() => loadKeys($('key').value).catch(() => {}), 200);
  });
  $('auth').addEventListener('submit', e => {
    e.preventDefault();
    S.token = $('token').value.trim();
    sessionStorage.setItem('entroflow-token', S.token);
    $('auth').hidden = true;
    start();
  });

  async function start() {
    try {
      const keys = await loadKeys('');
      refreshFiring();
      const wanted = location.hash ? decodeURIComponent(location.hash.slice(1)) : keys[0];
      if (wanted) select(wanted); else status('No keys yet: waiting for events.');
      if (!wanted) setTimeout(start, 2000);
    } catch (e) {
      if (e.message !== 'unauthorized') { status('Cannot reach the monitor: ' + e.message + '; retrying.'); setTimeout(start, 2000); }
    }
  }
  setInterval(refreshFiring, 5000);
  start();
})();
