'use strict';
// The AudioCrawl dashboard: a list of runs and jobs, and a job's live view fed by server-sent events.
const view = document.getElementById('view');
let live = null; // the EventSource of the job on screen

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === 'text') node.textContent = v; else node.setAttribute(k, v);
  }
  for (const c of children.flat()) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}
const num = n => (n === null || n === undefined || n < 0) ? '–' : Number(n).toLocaleString('en-US');
const time = t => t ? new Date(t).toISOString().replace('T', ' ').slice(0, 19) : '–';
const status = s => el('span', { class: 'status ' + s, 'data-status': s }, s);
const jobLink = path => '#/job/' + encodeURIComponent(path);
const getJson = async url => { const r = await fetch(url); if (!r.ok) throw new Error(url + ': ' + r.status); return r.json(); };

function table(headers, rows, attrs) {
  return el('table', attrs, el('thead', {}, el('tr', {}, headers.map(h => el('th', { class: h.num ? 'num' : null }, h.name || h)))),
    el('tbody', {}, rows));
}

async function showList() {
  const data = await getJson('/api/runs');
  const stats = j => j.summary ? j.summary.stats : j.live ? j.live.stats : null;
  const jobs = data.jobs.map(j => el('tr', { 'data-job': j.path },
    el('td', {}, el('a', { href: jobLink(j.path) }, j.spider || '(none yet)')), el('td', {}, status(j.status)),
    el('td', { class: 'num' }, num(stats(j) && stats(j).requests)), el('td', { class: 'num' }, num(stats(j) && stats(j).items)),
    el('td', {}, j.source), el('td', { class: 'wrap' }, j.path)));
  const runs = data.runs.map(r => el('tr', { 'data-run': r.spider + '/' + r.id },
    el('td', {}, r.job ? el('a', { href: jobLink(r.job) }, r.spider) : r.spider), el('td', { class: 'num' }, r.id),
    el('td', {}, time(r.started)), el('td', {}, time(r.ended)), el('td', {}, status(r.status)),
    el('td', { class: 'num' }, num(r.requests)), el('td', { class: 'num' }, num(r.newPairs)), el('td', { class: 'num' }, num(r.errors)),
    el('td', { class: 'wrap' }, r.output), el('td', { class: 'wrap' }, r.message || '')));
  view.replaceChildren(el('h1', {}, 'Crawls'),
    el('h2', {}, 'Job directories'),
    jobs.length ? table(['spider', 'status', { name: 'requests', num: 1 }, { name: 'items', num: 1 }, 'source', 'path'], jobs, { id: 'jobs' }) : el('p', { class: 'muted' }, 'No job directories.'),
    el('h2', {}, 'Runs of the state directory'),
    runs.length ? table(['spider', { name: 'run', num: 1 }, 'start (UTC)', 'end (UTC)', 'status', { name: 'requests', num: 1 }, { name: 'new pairs', num: 1 }, { name: 'errors', num: 1 }, 'output', 'message'], runs, { id: 'runs' })
      : el('p', { class: 'muted' }, 'No runs.'));
}

// Rates between consecutive samples of the cumulative counters: [seconds, per second].
function rates(history, key) {
  const out = [];
  for (let i = 1; i < history.length; i++) {
    const dt = history[i].seconds - history[i - 1].seconds;
    if (dt > 0) out.push([history[i].seconds, (history[i][key] - history[i - 1][key]) / dt]);
  }
  return out;
}

// A line chart in SVG, each line labelled at its end with its name and latest value: no legend to look up.
function lineChart(series, unit) {
  const W = 640, H = 220, L = 44, R = 120, T = 12, B = 26;
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`); svg.setAttribute('class', 'chart');
  const add = (tag, attrs, text) => { const n = document.createElementNS(ns, tag); for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v); if (text !== undefined) n.textContent = text; svg.append(n); return n; };
  const points = series.flatMap(s => s.points);
  if (points.length === 0) { add('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle' }, 'waiting for data…'); return svg; }
  const xMax = Math.max(...points.map(p => p[0]), 1), yMax = Math.max(...points.map(p => p[1]), 1) * 1.1;
  const x = v => L + (W - L - R) * v / xMax, y = v => H - B - (H - T - B) * v / yMax;
  for (const f of [0, 0.5, 1]) {
    add('line', { x1: L, x2: W - R, y1: y(yMax * f), y2: y(yMax * f), stroke: '#e5e7eb' });
    add('text', { x: L - 4, y: y(yMax * f) + 4, 'text-anchor': 'end' }, (yMax * f).toFixed(yMax < 10 ? 1 : 0));
  }
  add('text', { x: L, y: H - 8 }, '0 s'); add('text', { x: W - R, y: H - 8, 'text-anchor': 'end' }, Math.round(xMax) + ' s');
  add('text', { x: L + 4, y: T + 10 }, unit);
  const labels = [];
  for (const s of series) {
    if (s.points.length === 0) continue;
    add('polyline', { points: s.points.map(p => `${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join(' '), fill: 'none', stroke: s.color, 'stroke-width': 2 });
    const last = s.points[s.points.length - 1];
    labels.push({ y: y(last[1]), x: x(last[0]), text: `${s.name} ${last[1].toFixed(1)}`, color: s.color });
  }
  labels.sort((a, b) => a.y - b.y);
  for (let i = 1; i < labels.length; i++) labels[i].y = Math.max(labels[i].y, labels[i - 1].y + 14); // keep labels apart
  for (const l of labels) add('text', { x: l.x + 6, y: l.y + 4, fill: l.color, class: 'series', style: `fill:${l.color}` }, l.text);
  return svg;
}

function bars(counts, cls) {
  const entries = Object.entries(counts || {}).sort((a, b) => b[1] - a[1]);
  if (entries.length === 0) return el('p', { class: 'muted' }, 'none');
  const max = entries[0][1];
  return el('div', { class: 'bars ' + (cls || '') }, entries.map(([k, v]) => el('div', { class: 'row', 'data-kind': k },
    el('span', { class: 'name', title: k }, k), el('span', { class: 'bar', style: `width:${Math.max(2, 240 * v / max)}px` }), el('span', { class: 'num' }, num(v)))));
}

function renderStats(box, state, stats, hosts, history, recent) {
  const errors = Object.values(stats.errorsByKind || {}).reduce((a, b) => a + b, 0);
  const cards = [['requests', stats.requests], ['responses', stats.responses], ['items', stats.items], ['errors', errors],
    ['pages/s', stats.pagesPerSecond], ['queued', stats.queued], ['elapsed s', Math.round(stats.elapsedSeconds)]];
  box.replaceChildren(
    el('p', {}, status(state), ' ', el('span', { class: 'muted', id: 'started' }, 'started ' + time(stats.startedAtUtc))),
    el('div', { class: 'cards' }, cards.map(([k, v]) => el('div', { class: 'card' }, el('div', { class: 'value', 'data-stat': k }, num(v)), el('div', { class: 'label' }, k)))),
    el('div', { class: 'grid' },
      el('div', {}, el('h2', {}, 'Rates over time'), lineChart([
        { name: 'pages/s', color: '#2563eb', points: rates(history, 'responses') },
        { name: 'items/s', color: '#16a34a', points: rates(history, 'items') },
        { name: 'errors/s', color: '#dc2626', points: errors ? rates(history, 'errors') : [] }], 'per second')),
      el('div', {}, el('h2', {}, 'Responses by status'), bars(stats.responsesByStatus),
        el('h2', {}, 'Errors by kind'), bars(stats.errorsByKind, 'errors'),
        el('h2', {}, 'Dropped'), bars(Object.assign({}, prefixed('request/', stats.requestsDroppedByReason), prefixed('item/', stats.itemsDroppedByReason))))),
    el('h2', {}, 'Busiest hosts'),
    table(['host', { name: 'responses', num: 1 }, { name: 'errors', num: 1 }], (hosts || []).map(h => el('tr', {}, el('td', {}, h.host), el('td', { class: 'num' }, num(h.responses)), el('td', { class: 'num' }, num(h.errors)))), { id: 'hosts' }),
    recent ? el('div', {}, el('h2', {}, 'Recent failures'), table(['time (UTC)', 'kind', 'url', 'message'],
      recent.map(f => el('tr', {}, el('td', {}, time(f.time)), el('td', {}, f.kind), el('td', { class: 'wrap' }, f.url), el('td', { class: 'wrap' }, f.message))), { id: 'recent-failures' })) : '');
}
const prefixed = (p, o) => Object.fromEntries(Object.entries(o || {}).map(([k, v]) => [p + k, v]));

function renderFailures(box, data) {
  const f = data.failures;
  box.replaceChildren(el('h2', {}, `Failures (failures.jsonl): ${num(f.total)}`),
    f.total > f.newest.length ? el('p', { class: 'muted' }, `newest ${f.newest.length} shown`) : '',
    table(['time (UTC)', 'reason', 'url', 'message'], f.newest.map(r => el('tr', {}, el('td', {}, time(r.time)), el('td', {}, r.reason), el('td', { class: 'wrap' }, r.url), el('td', { class: 'wrap' }, r.message))), { id: 'failures' }),
    f.total > 0 && data.retryCommand ? el('div', {}, el('h2', {}, 'Next step: schedule the failed requests again'), el('pre', { class: 'command', id: 'retry-command' }, data.retryCommand)) : '');
}

async function showJob(path) {
  const head = el('h1', {}, 'Job'), statsBox = el('div', { id: 'stats' }), failuresBox = el('div', { id: 'failures-box' });
  view.replaceChildren(el('p', {}, el('a', { href: '#/' }, '← all crawls')), head, statsBox, failuresBox);
  let failureCount = -1, reloading = null;
  const load = async () => {
    const data = await getJson('/api/job?path=' + encodeURIComponent(path));
    head.textContent = (data.job.spider || 'job') + ' — ' + data.job.path;
    head.setAttribute('data-job-status', data.job.status);
    if (data.job.status !== 'running' && data.job.summary) {
      const s = data.job.summary;
      renderStats(statsBox, s.outcome, s.stats, s.hosts, s.history, null);
      statsBox.prepend(el('p', { id: 'finish-reason' }, `${s.outcome} (${s.finishReason}) at ${time(s.ended)}`, s.failure ? ': ' + s.failure : ''));
    } else if (data.job.status !== 'running') {
      statsBox.replaceChildren(el('p', {}, status(data.job.status), ' no summary yet'));
    }
    renderFailures(failuresBox, data);
    return data.job.status;
  };
  const state = await load();
  if (state !== 'running') return;
  live = new EventSource('/api/live?path=' + encodeURIComponent(path));
  live.onmessage = e => {
    const s = JSON.parse(e.data);
    head.setAttribute('data-job-status', s.state);
    renderStats(statsBox, s.state, s.stats, s.hosts, s.history, s.recentFailures);
    const errors = Object.values(s.stats.errorsByKind || {}).reduce((a, b) => a + b, 0);
    if (errors !== failureCount && !reloading) { // the failures table follows the feed, not a timer
      failureCount = errors;
      reloading = setTimeout(async () => { reloading = null; const d = await getJson('/api/job?path=' + encodeURIComponent(path)); renderFailures(failuresBox, d); }, 500);
    }
  };
  live.addEventListener('ended', async () => { live.close(); live = null; await load(); });
}

let listTimer = null;
async function route() {
  if (live) { live.close(); live = null; }
  clearInterval(listTimer);
  const m = location.hash.match(/^#\/job\/(.+)$/);
  try {
    if (m) await showJob(decodeURIComponent(m[1]));
    else { await showList(); listTimer = setInterval(() => showList().catch(() => {}), 5000); } // the list: statuses, not live counts
  } catch (err) {
    view.replaceChildren(el('p', { class: 'status failed' }, String(err)));
  }
}
window.addEventListener('hashchange', route);
route();
