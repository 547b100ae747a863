// Foreman dashboard: plain JavaScript, no libraries, no network beyond this server.
// Every value from the API is written with textContent (never as HTML), so data cannot inject markup.
'use strict';

const state = { me: null, csrf: null, stream: null, timer: null, history: [] };
const ROLES = ['submitter', 'reviewer', 'operator', 'admin'];
const TERMINAL = ['completed', 'failed', 'cancelled'];

// ---------- helpers ----------
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'style') el.style.cssText = v; // CSSOM, which the Content-Security-Policy allows (style attributes it does not)
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}
const $ = (id) => document.getElementById(id);
const fmt = {
  time: (t) => (t ? new Date(t).toISOString().replace('T', ' ').slice(0, 19) : '—'),
  pct: (x) => (x === null || x === undefined ? '—' : (x * 100).toFixed(1) + ' %'),
  ms: (x) => (x === null || x === undefined ? '—' : x < 10 ? x.toFixed(2) + ' ms' : Math.round(x) + ' ms'),
  money: (x) => (x === null || x === undefined ? '—' : Number(x).toFixed(x < 1 ? 6 : 2)),
  num: (x) => (x === null || x === undefined ? '—' : Number(x).toLocaleString('en-US')),
};
const badge = (s) => h('span', { class: 'badge ' + (s || '') }, s || '—');
const json = (v) => h('pre', {}, JSON.stringify(v, null, 2));
const hasRole = (role) => state.me && ROLES.indexOf(state.me.role) >= ROLES.indexOf(role);

async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && state.csrf) headers['X-CSRF-Token'] = state.csrf;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (res.status === 401 && path !== '/auth/session') { showSignIn(); }
  if (!res.ok) {
    const err = new Error((data && (data.detail || data.title)) || res.statusText);
    err.status = res.status; err.problem = data;
    throw err;
  }
  return data;
}

function render(...nodes) {
  const view = $('view');
  view.replaceChildren(...nodes);
}

function errorBox(e) {
  return h('p', { class: 'error', role: 'alert' }, e.message + (e.problem && e.problem.errors ? ': ' + e.problem.errors.join('; ') : ''));
}

function stopLive() {
  if (state.stream) { state.stream.close(); state.stream = null; }
  if (state.timer) { clearInterval(state.timer); state.timer = null; }
}

// ---------- sign in ----------
function showSignIn() {
  stopLive();
  state.me = null; state.csrf = null;
  $('nav').hidden = true; $('sign-out').hidden = true; $('who').textContent = '';
  $('sign-in-view').hidden = false;
  render();
}

async function signIn(event) {
  event.preventDefault();
  $('sign-in-error').textContent = '';
  try {
    const me = await api('POST', '/auth/session', { key: $('key').value.trim() });
    $('key').value = '';
    signedIn(me);
  } catch (e) {
    $('sign-in-error').textContent = e.message;
  }
}

function signedIn(me) {
  state.me = me; state.csrf = me.csrf_token;
  $('sign-in-view').hidden = true;
  $('nav').hidden = false; $('sign-out').hidden = false;
  $('who').textContent = me.name + ' (' + me.role + ')';
  for (const a of document.querySelectorAll('#nav a')) {
    const need = { health: 'operator', reviews: 'reviewer', runs: 'submitter', 'dead-letters': 'operator', alerts: 'operator', keys: 'admin' }[a.dataset.page];
    a.hidden = !hasRole(need);
  }
  if (!location.hash || location.hash === '#/') location.hash = hasRole('operator') ? '#/health' : hasRole('reviewer') ? '#/reviews' : '#/runs';
  else route();
}

async function signOut() {
  try { await api('DELETE', '/auth/session'); } catch (e) { /* already signed out */ }
  showSignIn();
}

// ---------- routing ----------
function route() {
  if (!state.me) return;
  stopLive();
  const parts = location.hash.replace(/^#\//, '').split('/');
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.page === parts[0]);
  const pages = { health: healthPage, reviews: parts[1] ? () => reviewPage(decodeURIComponent(parts[1])) : reviewsPage, runs: parts[1] ? () => runPage(decodeURIComponent(parts[1])) : runsPage, 'dead-letters': deadLettersPage, alerts: alertsPage, keys: keysPage };
  (pages[parts[0]] || runsPage)().catch((e) => render(errorBox(e)));
}

// ---------- health ----------
const CHARTS = [
  { title: 'Requests per minute', series: [['requests_per_minute', '#2563eb']], floor: 5 },
  { title: 'Latency (ms)', series: [['latency_p50_ms', '#16a34a'], ['latency_p95_ms', '#d97706'], ['latency_p99_ms', '#dc2626']], floor: 1 },
  { title: 'Success and escalation rate', series: [['success_rate', '#16a34a'], ['escalation_rate', '#d97706'], ['request_success_rate', '#2563eb']], max: 1 },
  { title: 'Cumulative cost', series: [['cumulative_cost', '#7c3aed']] },
  { title: 'Loop detections and guardrail rejections', series: [['loop_detections', '#dc2626'], ['guardrail_rejections', '#d97706']], floor: 5 },
  { title: 'Pending reviews', series: [['pending_reviews', '#0d9488']], floor: 5 },
];

async function healthPage() {
  state.history = await api('GET', '/api/metrics/history');
  if (state.history.length === 0) state.history.push(await api('GET', '/api/metrics'));
  const stats = h('div', { class: 'grid', id: 'stats' });
  const charts = h('div', { class: 'charts' }, CHARTS.map((c, i) => h('div', { class: 'card chart' }, h('h2', {}, c.title), h('div', { id: 'chart-' + i }),
    h('div', { class: 'legend' }, c.series.map(([name, color]) => h('span', { style: 'color:' + color }, '● ' + name.replace(/_/g, ' ')))))));
  const costs = h('div', { class: 'card', id: 'costs' }, h('h2', {}, 'Cost, last 24 hours'), h('p', { class: 'muted' }, 'Loading…'));
  const quality = h('div', { class: 'card', id: 'quality' }, h('h2', {}, 'Quality'), h('p', { class: 'muted' }, 'Loading…'));
  render(h('h1', {}, 'Health'), h('p', { class: 'muted', id: 'live' }, 'Live: connecting…'), stats, costs, quality, charts);
  api('GET', '/api/quality').then((view) => quality.replaceChildren(h('h2', {}, 'Quality, last ' + fmt.num(view.window_hours) + ' h (' + Math.round(view.confidence_level * 100) + ' % intervals)'), qualityTable(view)))
    .catch((e) => quality.replaceChildren(h('h2', {}, 'Quality'), h('p', { class: 'muted' }, e.message)));
  drawHealth();
  api('GET', '/api/costs?hours=24').then((report) => costs.replaceChildren(h('h2', {}, 'Cost, last 24 hours (' + report.currency + ')'), costTable(report)))
    .catch((e) => costs.replaceChildren(h('h2', {}, 'Cost'), h('p', { class: 'muted' }, e.message)));
  const stream = new EventSource('/api/metrics/stream');
  stream.addEventListener('metrics', (ev) => {
    const point = JSON.parse(ev.data);
    const last = state.history[state.history.length - 1];
    if (!last || last.at !== point.at) state.history.push(point);
    if (state.history.length > 900) state.history.shift();
    $('live') && ($('live').textContent = 'Live: updated ' + fmt.time(point.at) + ' UTC');
    drawHealth();
  });
  stream.onerror = () => { $('live') && ($('live').textContent = 'Live: reconnecting…'); };
  state.stream = stream;
}

// Cost in four dimensions per pipeline: what the models cost, what retries added, what people's review time cost,
// and what the errors nobody caught are estimated to cost.
function costTable(report) {
  const row = (name, runs, c, per, p) => h('tr', {}, h('td', {}, name), h('td', {}, fmt.num(runs)), h('td', {}, fmt.money(c.inference)), h('td', {}, fmt.money(c.retries)),
    h('td', {}, fmt.money(c.human_review)), h('td', {}, fmt.money(c.undetected_errors)), h('td', {}, h('b', {}, fmt.money(c.total))), h('td', {}, per === null ? '—' : fmt.money(per)),
    h('td', { class: 'error-rate' }, p && p.sampled_error_rate_interval ? interval(p.sampled_error_rate_interval) + ' of ' + fmt.num(p.verified_samples) : '—'));
  return h('table', { id: 'cost-report' }, h('tr', {}, ['Pipeline', 'Runs', 'Inference', 'Retries', 'Human review', 'Undetected errors', 'Total', 'Per run', 'Sampled error rate [confidence interval]'].map((t) => h('th', {}, t))),
    report.pipelines.map((p) => row(p.pipeline, p.runs, p.cost, p.cost_per_run, p)), row('All', report.runs, report.total, null, null));
}

// "91.7 % [84.4–95.7 %]": an estimate with its confidence interval, so a handful of samples is never read as a fact.
function interval(i) {
  return (i.estimate * 100).toFixed(1) + ' % [' + (i.lower * 100).toFixed(1) + '–' + (i.upper * 100).toFixed(1) + ' %]';
}

// Quality per agent and task type: accuracy with its interval and sample count, and the level judged on the interval.
function qualityTable(view) {
  if (view.statuses.length === 0) return h('p', { class: 'muted' }, 'No verified samples in the window.');
  const level = (s) => s.level === 'insufficient_data' ? 'insufficient data (' + s.samples + '/' + s.minimum_samples + ')'
    : s.level + (s.conclusive ? '' : s.level === 'healthy' ? ' (unconfirmed)' : ' (held)');
  return h('table', { id: 'quality-report' }, h('tr', {}, ['Agent', 'Task type', 'Samples', 'Accuracy', 'Precision', 'Recall', 'Level'].map((t) => h('th', {}, t))),
    view.statuses.map((s) => h('tr', { title: s.reason }, h('td', {}, s.agent), h('td', {}, s.task_type), h('td', {}, fmt.num(s.samples)),
      h('td', {}, s.accuracy_interval ? interval(s.accuracy_interval) : '—'), h('td', {}, s.precision_interval ? interval(s.precision_interval) : '—'),
      h('td', {}, s.recall_interval ? interval(s.recall_interval) : '—'), h('td', {}, level(s)))));
}

function drawHealth() {
  const s = state.history[state.history.length - 1];
  const stats = $('stats');
  if (!s || !stats) return;
  const cards = [
    ['Requests / min', fmt.num(s.requests_per_minute)], ['Latency p50', fmt.ms(s.latency_p50_ms)], ['Latency p95', fmt.ms(s.latency_p95_ms)],
    ['Latency p99', fmt.ms(s.latency_p99_ms)], ['Run success rate', fmt.pct(s.success_rate)], ['Escalation rate', fmt.pct(s.escalation_rate)],
    ['Cumulative cost', fmt.money(s.cumulative_cost)], ['Tokens', fmt.num(s.tokens)], ['Loop detections', fmt.num(s.loop_detections)],
    ['Guardrail rejections', fmt.num(s.guardrail_rejections)], ['Pending reviews', fmt.num(s.pending_reviews)],
    ['Runs waiting / done', fmt.num(s.runs.waiting) + ' / ' + fmt.num(s.runs.completed)],
    ['Rate-limited requests', fmt.num(s.rate_limited_requests)],
  ];
  stats.replaceChildren(...cards.map(([label, value]) => h('div', { class: 'stat', 'data-stat': label }, h('div', { class: 'value' }, value), h('div', { class: 'label' }, label))));
  CHARTS.forEach((c, i) => { const el = $('chart-' + i); if (el) el.replaceChildren(lineChart(state.history, c.series, c.max, c.floor)); });
}

// A small SVG line chart: one polyline per series over the sample times, with the max labelled.
function lineChart(points, series, fixedMax, floor) {
  const W = 400, H = 160, P = 28;
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('role', 'img');
  const values = points.flatMap((p) => series.map(([k]) => p[k]).filter((v) => v !== null && v !== undefined));
  const max = fixedMax || Math.max(floor || 1e-9, ...values) * 1.1;
  const n = points.length;
  const x = (i) => P + (n <= 1 ? 0 : (i * (W - P - 6)) / (n - 1));
  const y = (v) => H - 18 - (v / max) * (H - 30);
  const line = (x1, y1, x2, y2) => { const l = document.createElementNS(ns, 'line'); Object.entries({ x1, y1, x2, y2, stroke: '#d9dde5' }).forEach(([k, v]) => l.setAttribute(k, v)); return l; };
  const text = (tx, ty, s) => { const t = document.createElementNS(ns, 'text'); t.setAttribute('x', tx); t.setAttribute('y', ty); t.setAttribute('font-size', '10'); t.setAttribute('fill', '#667085'); t.textContent = s; return t; };
  svg.append(line(P, H - 18, W, H - 18), line(P, 8, P, H - 18), text(2, 14, max < 10 ? max.toPrecision(2) : Math.round(max)), text(2, H - 20, '0'));
  if (n > 0) svg.append(text(P, H - 4, fmt.time(points[0].at).slice(11)), text(W - 50, H - 4, fmt.time(points[n - 1].at).slice(11)));
  for (const [key, color] of series) {
    const coords = points.map((p, i) => (p[key] === null || p[key] === undefined ? null : `${x(i).toFixed(1)},${y(p[key]).toFixed(1)}`)).filter(Boolean);
    if (coords.length === 0) continue;
    const pl = document.createElementNS(ns, 'polyline');
    pl.setAttribute('points', coords.length === 1 ? coords[0] + ' ' + (W - 6) + ',' + coords[0].split(',')[1] : coords.join(' '));
    pl.setAttribute('fill', 'none'); pl.setAttribute('stroke', color); pl.setAttribute('stroke-width', '2');
    svg.append(pl);
  }
  return svg;
}

// ---------- reviews ----------
async function reviewsPage() {
  const items = await api('GET', '/api/reviews');
  const rows = items.map((r) => h('tr', { class: 'clickable', 'data-review': r.item_id, onclick: () => { location.hash = '#/reviews/' + encodeURIComponent(r.item_id); } },
    h('td', {}, r.priority === null ? '—' : Math.round(r.priority)), h('td', {}, r.queue), h('td', {}, r.packet.decision_needed),
    h('td', {}, r.packet.amount === null ? '—' : r.packet.currency + ' ' + Number(r.packet.amount).toFixed(2)), h('td', {}, r.packet.urgency),
    h('td', {}, r.packet.confidence === null ? '—' : fmt.pct(r.packet.confidence)), h('td', {}, fmt.time(r.due_at))));
  render(h('h1', {}, 'Review queue'), h('p', { class: 'muted' }, items.length + ' pending, most urgent first.'),
    items.length ? h('table', { id: 'reviews' }, h('tr', {}, ['Priority', 'Queue', 'Decision needed', 'Amount', 'Urgency', 'Confidence', 'Due (UTC)'].map((t) => h('th', {}, t))), rows)
      : h('p', { class: 'card' }, 'Nothing to review.'));
  // The queue changes while it is open: new escalations arrive, colleagues decide.
  state.timer = setInterval(() => { if (location.hash === '#/reviews') route(); }, 5000);
}

async function reviewPage(id) {
  const r = await api('GET', '/api/reviews/' + encodeURIComponent(id));
  const p = r.packet;
  const result = h('div', { id: 'decision-result' });
  const reason = h('input', { id: 'reason', placeholder: 'Reason (required to reject)', size: 40 });
  const edited = h('textarea', { id: 'modified-action' }, JSON.stringify(r.proposed_action, null, 2));
  const decide = async (verb, body) => {
    result.replaceChildren();
    try {
      const decided = await api('POST', `/api/reviews/${encodeURIComponent(id)}/${verb}`, body);
      result.replaceChildren(h('p', { class: 'notice', role: 'status' }, `Decided: ${decided.status} by ${decided.decided_by}. The run continues. `,
        h('a', { href: '#/runs/' + encodeURIComponent(decided.run_id), id: 'open-run' }, 'Open the run')));
      for (const b of document.querySelectorAll('.actions button')) b.disabled = true;
    } catch (e) { result.replaceChildren(errorBox(e)); }
  };
  const pending = r.status === 'pending';
  render(
    h('p', {}, h('a', { href: '#/reviews' }, '← Review queue')),
    h('div', { class: 'card' },
      h('h1', {}, p.decision_needed), h('p', {}, badge(r.status), ' ', r.queue, ' · ', r.decision_type, ' · level ', r.level, ' · due ', fmt.time(r.due_at), ' UTC'),
      h('dl', { class: 'packet' },
        h('dt', {}, 'Goal'), h('dd', {}, p.goal),
        h('dt', {}, 'Analysis'), h('dd', {}, p.analysis || '—'),
        h('dt', {}, 'Confidence'), h('dd', {}, p.confidence === null ? '—' : fmt.pct(p.confidence)),
        h('dt', {}, 'Amount'), h('dd', {}, p.amount === null ? '—' : p.currency + ' ' + Number(p.amount).toFixed(2)),
        h('dt', {}, 'Options'), h('dd', {}, h('ul', {}, p.options.map((o) => h('li', {}, h('b', {}, o.label), ' — ', o.expected_impact)))),
        h('dt', {}, 'Evidence'), h('dd', {}, h('ul', {}, p.evidence.map((e) => h('li', {}, h('b', {}, e.source), ': ', e.summary)))),
        h('dt', {}, 'Proposed action: ' + r.tool_name), h('dd', {}, json(r.proposed_action)),
        h('dt', {}, 'Run'), h('dd', {}, h('a', { href: '#/runs/' + encodeURIComponent(r.run_id) }, r.run_id))),
      pending ? h('div', {},
        h('div', { class: 'actions' },
          h('button', { id: 'approve', onclick: () => decide('approve', reason.value ? { reason: reason.value } : {}) }, 'Approve'),
          h('button', { id: 'reject', class: 'danger', onclick: () => decide('reject', { reason: reason.value }) }, 'Reject'),
          reason),
        h('details', {}, h('summary', {}, 'Modify the action'), edited,
          h('button', { id: 'modify', class: 'secondary', onclick: () => { let a; try { a = JSON.parse(edited.value); } catch (e) { result.replaceChildren(errorBox(new Error('The edited action is not valid JSON.'))); return; } decide('modify', { action: a, reason: reason.value || null }); } }, 'Approve modified'))) :
        h('p', {}, 'Decided by ', r.decided_by || 'system', ' at ', fmt.time(r.decided_at), r.reason ? ': ' + r.reason : ''),
      result));
}

// ---------- runs ----------
async function runsPage() {
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  const [workflows, list] = await Promise.all([api('GET', '/api/workflows'), api('GET', '/api/runs?' + params.toString())]);
  const status = h('select', { id: 'filter-status' }, h('option', { value: '' }, 'any status'),
    ['pending', 'running', 'waiting', 'completed', 'failed', 'cancelled', 'dead_lettered', 'suspended'].map((s) => h('option', { value: s, selected: params.get('status') === s }, s)));
  const workflow = h('select', { id: 'filter-workflow' }, h('option', { value: '' }, 'any workflow'), workflows.map((w) => h('option', { value: w.name, selected: params.get('workflow') === w.name }, w.name)));
  const apply = () => { const q = new URLSearchParams(); if (status.value) q.set('status', status.value); if (workflow.value) q.set('workflow', workflow.value); location.hash = '#/runs?' + q.toString(); };
  status.onchange = apply; workflow.onchange = apply;
  const rows = list.runs.map((r) => h('tr', { class: 'clickable', 'data-run': r.run_id, onclick: () => { location.hash = '#/runs/' + encodeURIComponent(r.run_id); } },
    h('td', {}, r.run_id), h('td', {}, r.workflow), h('td', {}, badge(r.status)), h('td', {}, r.waiting_for.join(', ')),
    h('td', {}, fmt.num(r.cost.input_tokens + r.cost.output_tokens)), h('td', {}, fmt.money(r.cost.cost)), h('td', {}, fmt.time(r.created_at)), h('td', {}, fmt.time(r.updated_at))));
  render(h('h1', {}, 'Runs'), h('div', { class: 'toolbar' }, 'Filter:', status, workflow), traceQueryForm(), submitForm(workflows),
    h('table', { id: 'runs' }, h('tr', {}, ['Run', 'Workflow', 'Status', 'Waiting for', 'Tokens', 'Cost', 'Created (UTC)', 'Updated (UTC)'].map((t) => h('th', {}, t))), rows),
    list.runs.length === 0 ? h('p', { class: 'muted' }, 'No runs match.') : null,
    list.next_before ? h('p', {}, h('a', { id: 'older-runs', href: '#/runs?' + withParam(params, 'before', list.next_before) }, 'Older runs →')) : null);
}

function withParam(params, name, value) {
  const q = new URLSearchParams(params); q.set(name, value); return q.toString();
}

// Runs found by their traces, in the trace query language: "retries > 0 and since 1h", "confidence < 0.9".
function traceQueryForm() {
  const q = h('input', { id: 'trace-query', size: 50, placeholder: 'retries > 0 and confidence < 0.95 and since 24h' });
  const out = h('div', { id: 'trace-query-result' });
  const run = async (event) => {
    event.preventDefault();
    try {
      const runs = await api('GET', '/api/traces?q=' + encodeURIComponent(q.value));
      out.replaceChildren(runs.length === 0 ? h('p', { class: 'muted' }, 'No run matches.') :
        h('table', {}, h('tr', {}, ['Run', 'Pipeline', 'Status', 'Agents', 'Model calls', 'Retries', 'Min confidence', 'Cost'].map((t) => h('th', {}, t))),
          runs.map((r) => h('tr', { class: 'clickable', onclick: () => { location.hash = '#/runs/' + encodeURIComponent(r.run_id); } },
            h('td', {}, r.run_id), h('td', {}, r.pipeline || '—'), h('td', {}, badge(r.status)), h('td', {}, r.agents.join(', ')),
            h('td', {}, fmt.num(r.model_calls)), h('td', {}, fmt.num(r.retries)), h('td', {}, r.min_confidence === null ? '—' : fmt.pct(r.min_confidence)), h('td', {}, fmt.money(r.cost))))));
    } catch (e) { out.replaceChildren(errorBox(e)); }
  };
  return h('details', { class: 'card' }, h('summary', {}, 'Find runs by their traces'), h('form', { onsubmit: run, class: 'toolbar' }, q, h('button', { type: 'submit', id: 'run-trace-query' }, 'Query')), out);
}

function submitForm(workflows) {
  const pick = h('select', { id: 'submit-workflow' }, workflows.map((w) => h('option', { value: w.name }, w.name)));
  const input = h('textarea', { id: 'submit-input' });
  const out = h('div');
  const fill = () => { const w = workflows.find((x) => x.name === pick.value); input.value = w && w.example_input ? JSON.stringify(JSON.parse(w.example_input), null, 2) : '{}'; };
  pick.onchange = fill; fill();
  const submit = async () => {
    out.replaceChildren();
    let value; try { value = JSON.parse(input.value); } catch (e) { out.replaceChildren(errorBox(new Error('The input is not valid JSON.'))); return; }
    try {
      const res = await api('POST', '/api/runs', { workflow: pick.value, input: value });
      location.hash = '#/runs/' + encodeURIComponent(res.run.run_id);
    } catch (e) { out.replaceChildren(errorBox(e)); }
  };
  return h('details', { class: 'card' }, h('summary', {}, 'Submit a run'), h('label', {}, 'Workflow'), pick, h('label', {}, 'Input (JSON)'), input, h('button', { id: 'submit-run', onclick: submit }, 'Submit'), out);
}

async function runPage(id) {
  const load = async () => {
    const [run, trace] = await Promise.all([api('GET', '/api/runs/' + encodeURIComponent(id)), api('GET', '/api/runs/' + encodeURIComponent(id) + '/trace')]);
    const cancel = hasRole('operator') && !TERMINAL.includes(run.status) && run.status !== 'dead_lettered'
      ? h('button', { class: 'danger', id: 'cancel-run', onclick: async () => { try { await api('POST', `/api/runs/${encodeURIComponent(id)}/cancel`, { reason: 'cancelled from the dashboard' }); load(); } catch (e) { alert(e.message); } } }, 'Cancel run') : null;
    render(
      h('p', {}, h('a', { href: '#/runs' }, '← Runs')),
      h('div', { class: 'card' },
        h('h1', {}, run.workflow, ' ', h('span', { id: 'run-status', class: 'badge ' + run.status }, run.status)),
        h('p', { class: 'muted' }, run.run_id, ' · created ', fmt.time(run.created_at), ' · updated ', fmt.time(run.updated_at), ' UTC',
          run.business_state ? ' · state ' + run.business_state : '', run.waiting_for.length ? ' · waiting for ' + run.waiting_for.join(', ') : ''),
        h('p', {}, 'Model calls ', fmt.num(run.cost.model_calls), ' · tokens ', fmt.num(run.cost.input_tokens), ' in / ', fmt.num(run.cost.output_tokens), ' out · cost ', fmt.money(run.cost.cost)),
        cancel,
        h('div', { class: 'charts' }, h('div', {}, h('h2', {}, 'Input'), json(run.input)), h('div', {}, h('h2', {}, run.error ? 'Error' : 'Output'), json(run.error || run.output)))),
      h('div', { class: 'card trace', id: 'trace' }, h('h2', {}, 'Trace'), h('ul', {}, traceNode(trace))));
    if (TERMINAL.includes(run.status) && state.timer) { clearInterval(state.timer); state.timer = null; }
  };
  await load();
  state.timer = setInterval(() => load().catch(() => {}), 2000);
}

function traceNode(n) {
  const figures = [];
  if (n.model) figures.push(n.model);
  if (n.input_tokens || n.output_tokens) figures.push(`${fmt.num(n.input_tokens)} in / ${fmt.num(n.output_tokens)} out tokens`);
  if (n.cost) figures.push('cost ' + fmt.money(n.cost));
  if (n.duration_ms !== null && n.duration_ms !== undefined) figures.push(fmt.ms(n.duration_ms));
  if (n.attempts > 1) figures.push(n.attempts + ' attempts');
  if (n.confidence !== null && n.confidence !== undefined) figures.push('confidence ' + fmt.pct(n.confidence));
  return h('li', { 'data-kind': n.kind },
    h('div', { class: 'node' }, h('span', { class: 'kind ' + n.kind }, n.kind.replace('_', ' ')), h('b', {}, n.name), n.status ? badge(n.status) : null,
      n.validation ? h('span', { class: 'badge ' + (n.validation === 'valid' ? 'valid' : 'warning') }, 'validation: ' + n.validation) : null,
      h('span', { class: 'figure' }, figures.join(' · ')), n.detail ? h('span', { class: 'figure' }, n.detail) : null),
    n.children.length ? h('ul', {}, n.children.map(traceNode)) : null);
}

// ---------- dead letters, alerts, keys ----------
async function deadLettersPage() {
  const runs = await api('GET', '/api/dead-letters');
  const out = h('div');
  render(h('h1', {}, 'Dead letters'), out, runs.length === 0 ? h('p', { class: 'card' }, 'No dead-lettered or suspended runs.') :
    h('table', { id: 'dead-letters' }, h('tr', {}, ['Run', 'Workflow', 'Status', 'Error', 'Updated (UTC)', ''].map((t) => h('th', {}, t))),
      runs.map((r) => h('tr', {}, h('td', {}, h('a', { href: '#/runs/' + encodeURIComponent(r.run_id) }, r.run_id)), h('td', {}, r.workflow), h('td', {}, badge(r.status)),
        h('td', {}, r.error ? (r.error.message || JSON.stringify(r.error)) : '—'), h('td', {}, fmt.time(r.updated_at)),
        h('td', {}, h('button', { class: 'secondary', onclick: async () => { try { await api('POST', `/api/dead-letters/${encodeURIComponent(r.run_id)}/requeue`); route(); } catch (e) { out.replaceChildren(errorBox(e)); } } }, 'Re-queue'))))));
}

async function alertsPage() {
  const alerts = await api('GET', '/api/alerts');
  render(h('h1', {}, 'Alerts'), alerts.length === 0 ? h('p', { class: 'card' }, 'No active alerts.') :
    h('div', { id: 'alerts' }, alerts.map((a) => h('div', { class: 'card' }, h('h2', {}, badge(a.severity), ' ', a.title), h('p', {}, a.detail),
      h('p', { class: 'muted' }, a.source, a.since ? ' · since ' + fmt.time(a.since) + ' UTC' : '')))));
  state.timer = setInterval(() => { if (location.hash.startsWith('#/alerts')) route(); }, 10000);
}

async function keysPage() {
  const keys = await api('GET', '/api/keys');
  const name = h('input', { id: 'key-name', placeholder: 'name (who uses it)' });
  const role = h('select', { id: 'key-role' }, ROLES.map((r) => h('option', { value: r }, r)));
  const out = h('div');
  const create = async () => {
    try {
      const k = await api('POST', '/api/keys', { name: name.value, role: role.value });
      out.replaceChildren(h('div', { class: 'notice' }, 'Created ', k.key_id, '. Copy the key now; it is not shown again:', h('div', { class: 'secret' }, k.secret)));
    } catch (e) { out.replaceChildren(errorBox(e)); }
  };
  render(h('h1', {}, 'API keys'), h('div', { class: 'toolbar' }, name, role, h('button', { onclick: create }, 'Create key')), out,
    h('table', {}, h('tr', {}, ['Key', 'Name', 'Role', 'Created (UTC)', 'Status', ''].map((t) => h('th', {}, t))),
      keys.map((k) => h('tr', {}, h('td', {}, k.key_id), h('td', {}, k.name), h('td', {}, k.role), h('td', {}, fmt.time(k.created_at)),
        h('td', {}, k.revoked_at ? 'revoked ' + fmt.time(k.revoked_at) : 'active'),
        h('td', {}, k.revoked_at ? null : h('button', { class: 'danger', onclick: async () => { if (!confirm('Revoke ' + k.key_id + '?')) return; try { await api('POST', `/api/keys/${encodeURIComponent(k.key_id)}/revoke`); route(); } catch (e) { out.replaceChildren(errorBox(e)); } } }, 'Revoke'))))));
}

// ---------- start ----------
window.addEventListener('hashchange', route);
document.addEventListener('DOMContentLoaded', async () => {
  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', signOut);
  try { signedIn(await api('GET', '/auth/session')); } catch (e) { showSignIn(); }
});
