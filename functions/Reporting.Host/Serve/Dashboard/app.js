// 审判质量管理指标 · 态势看板 — plain JavaScript, no build step. All data goes into the DOM as text, never as HTML.
'use strict';

const KEY_STORE = 'reporting-api-key';
const TREND = { improving: ['趋优', 'improving'], flat: ['持平', 'flat'], worsening: ['趋劣', 'worsening'] };
const STATUS = { accepted: '已入库', partial: '部分入库', rejected: '已拒收' };
const LEVEL = { national: '最高法院', high: '高级法院', intermediate: '中级法院', basic: '基层法院' };
const TABS = ['indicators', 'reports', 'upload'];

const state = {
  key: null, me: null, courts: [], court: null, data: null, indicator: null, tab: 'indicators',
  seq: 0, seriesSeq: 0, reportSeq: 0, ingestSeq: 0, periodChosen: false,
};

const $ = (id) => document.getElementById(id);
const enc = encodeURIComponent;

/** createElement with props (class, text, data, on*, attributes) and children (nodes or strings, appended as text). */
function el(tag, props = {}, ...kids) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v == null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k === 'data') Object.assign(node.dataset, v);
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const kid of kids.flat()) if (kid != null && kid !== false) node.append(kid);
  return node;
}

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null) node.setAttribute(k, String(v));
  if (text != null) node.textContent = text;
  return node;
}

const badge = (text, cls) => el('span', { class: `badge ${cls}`, text });

// ---------- periods and numbers ----------

function previousQuarter(d = new Date()) {
  const q = Math.floor(d.getMonth() / 3);
  return q === 0 ? `${d.getFullYear() - 1}-Q4` : `${d.getFullYear()}-Q${q}`;
}

function previousMonth(d = new Date()) {
  const m = d.getMonth();
  return m === 0 ? `${d.getFullYear() - 1}-12` : `${d.getFullYear()}-${String(m).padStart(2, '0')}`;
}

/** 2025-12, 2025-Q4, 2025 (and 2025-01..2025-11) → canonical text, or null. */
function normalizePeriod(text) {
  const t = (text || '').trim();
  const q = /^(\d{4})-[Qq]([1-4])$/.exec(t);
  if (q) return `${q[1]}-Q${q[2]}`;
  const month = '\\d{4}-(0[1-9]|1[0-2])';
  if (new RegExp(`^(${month}|\\d{4}|${month}\\.\\.${month})$`).test(t)) return t;
  return null;
}

/**
 * Half away from zero at `digits` decimals, after taking the number to 15 significant digits, as the server rounds:
 * 1.005 is 1.01 here too (toFixed alone works on the binary value 1.00499… and gives 1.00).
 */
function roundShown(x, digits) {
  const f = 10 ** digits;
  return (Math.sign(x) * Math.round(Number((Math.abs(x) * f).toPrecision(15)))) / f;
}

const trim = (x, digits = 2) => String(roundShown(x, digits));

/** The decimals the API's display text uses for an indicator: 79.3 → 1, 50.25% → 2, 1:1.20 → 2. */
const decimalsOf = (display) => (/\.(\d+)/.exec(display || '') || [null, ''])[1].length;

function formatValue(unit, v, digits = 2) {
  if (unit === 'percent') return `${trim(v * 100, digits)}%`;
  if (unit === 'ratio-1x') return `1:${trim(v, digits)}`;
  return trim(v, digits);
}

/** The change between the two values as shown, at the indicator's display precision, as reports print it. */
function formatChange(ind) {
  if (ind.value == null || ind.previous == null) return '—';
  const scale = ind.unit === 'percent' ? 100 : 1;
  const digits = decimalsOf(ind.display);
  const delta = roundShown(roundShown(ind.value * scale, digits) - roundShown(ind.previous * scale, digits), digits);
  let s = delta.toFixed(digits);
  if (/^-0(\.0*)?$/.test(s)) s = s.slice(1);
  if (delta > 0) s = `+${s}`;
  return ind.unit === 'percent' ? `${s}个百分点` : s;
}

function formatRange(range, unit) {
  if (!range || (range.low == null && range.high == null)) return '—';
  if (range.low != null && range.high != null) return `${formatValue(unit, range.low)}~${formatValue(unit, range.high)}`;
  return range.low != null ? `≥ ${formatValue(unit, range.low)}` : `≤ ${formatValue(unit, range.high)}`;
}

function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function formatTime(s) {
  const d = new Date(s);
  return s && !Number.isNaN(d.getTime()) ? d.toLocaleString('zh-CN', { hour12: false }) : (s || '—');
}

// ---------- API ----------

class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function request(path, options = {}) {
  let res;
  try {
    res = await fetch(path, { ...options, headers: { ...(options.headers || {}), 'X-Api-Key': state.key } });
  } catch {
    throw new ApiError(0, '无法连接服务器，请稍后重试');
  }
  if (res.status === 401 && state.me) {
    logout();
    $('login-error').textContent = '密钥无效';
    throw new ApiError(401, '密钥无效');
  }
  return res;
}

async function failure(res) {
  let detail = null;
  try {
    const problem = await res.json();
    detail = problem.detail || problem.title;
  } catch { /* not JSON */ }
  return new ApiError(res.status, detail || `请求失败（HTTP ${res.status}）`);
}

async function getJson(path) {
  const res = await request(path);
  if (!res.ok) throw await failure(res);
  return res.json();
}

function showError(message) {
  const box = $('error');
  box.textContent = message;
  box.hidden = !message;
}
const clearError = () => showError('');

// ---------- login ----------

async function login(key) {
  $('login-error').textContent = '';
  if (!/^[\x21-\x7e]+$/.test(key)) {
    $('login-error').textContent = key ? '密钥无效' : '请输入 API 密钥';
    return;
  }
  state.key = key;
  $('login').disabled = true;
  try {
    const res = await request('/api/me');
    if (res.status === 401) {
      sessionStorage.removeItem(KEY_STORE);
      $('login-error').textContent = '密钥无效';
      return;
    }
    if (!res.ok) throw await failure(res);
    state.me = await res.json();
    sessionStorage.setItem(KEY_STORE, key);
    showApp();
    await loadCourts();
  } catch (e) {
    if (!state.me) $('login-error').textContent = e.message;
    else showError(e.message);
  } finally {
    $('login').disabled = false;
  }
}

function showApp() {
  const me = state.me;
  $('login-view').hidden = true;
  $('app').hidden = false;
  $('logout').hidden = false;
  $('me').textContent = me.courtName || me.court;
  $('me').title = `${me.name}（${me.court}）`;
  $('upload-court').textContent = `本院：${me.courtName || me.court}（${me.court}）。只能上传本院的导出文件。`;
  clearError();
}

function logout() {
  sessionStorage.removeItem(KEY_STORE);
  Object.assign(state, { key: null, me: null, courts: [], court: null, data: null, indicator: null, periodChosen: false });
  $('period').value = previousQuarter();
  $('period-latest').textContent = '';
  state.seq++; state.seriesSeq++; state.reportSeq++; state.ingestSeq++;
  $('app').hidden = true;
  $('login-view').hidden = false;
  $('logout').hidden = true;
  $('me').textContent = '';
  $('api-key').value = '';
  $('login-error').textContent = '';
  for (const id of ['court-tree', 'children-table', 'upload-result', 'trend-chart', 'trend-legend']) $(id).replaceChildren();
  for (const id of ['indicator-table', 'report-list', 'ingestion-list']) $(id).tBodies[0].replaceChildren();
  showTab('indicators', false);
  clearError();
  $('api-key').focus();
}

// ---------- court tree ----------

async function loadCourts() {
  state.courts = await getJson('/api/courts');
  const tree = $('court-tree');
  const node = (c) => el('li', {},
    el('button', { type: 'button', class: `court level-${c.level}`, data: { court: c.code }, title: LEVEL[c.level] || c.level },
      `${c.name}（${c.code}）`),
    c.children && c.children.length ? el('ul', {}, c.children.map(node)) : null);
  tree.replaceChildren(el('ul', {}, state.courts.map(node)));
  if (state.courts.length === 0) {
    tree.replaceChildren(el('p', { class: 'empty', text: '没有可查看的法院' }));
    return;
  }
  const me = state.me;
  await latestPeriods(state.courts[0].code, true);
  if (state.me !== me) return; // signed out meanwhile
  state.court = state.courts[0].code; // its periods are known: selecting it need not ask again
  selectCourt(state.court);
}

/**
 * Names the latest month, quarter and year the court has data for. At sign-in (choose) it also opens on the latest
 * quarter with data up to the quarter just ended (courts upload after a month closes, so the calendar's last quarter
 * may have nothing yet), unless the analyst has already typed a period.
 */
async function latestPeriods(court, choose) {
  const me = state.me;
  let stored;
  try {
    stored = await getJson(`/api/courts/${enc(court)}/periods`);
  } catch {
    return;
  }
  if (state.me !== me || (!choose && state.court !== court)) return; // signed out, or another court chosen meanwhile
  const quarters = stored.quarters || [];
  if (choose && !state.periodChosen) {
    const ended = quarters.filter((q) => q <= previousQuarter()); // yyyy-Qn orders as text
    const quarter = ended.length ? ended[ended.length - 1] : quarters[quarters.length - 1];
    if (quarter) $('period').value = quarter;
  }
  const latest = [(stored.months || []).at(-1), quarters.at(-1), (stored.years || []).at(-1)].filter(Boolean);
  $('period-latest').textContent = latest.length ? `最近有数据：${latest.join('、')}` : '尚无汇总数据';
}

function findCourt(code, list = state.courts) {
  for (const c of list) {
    if (c.code === code) return c;
    const hit = findCourt(code, c.children || []);
    if (hit) return hit;
  }
  return null;
}

function selectCourt(code) {
  const changed = state.court !== code;
  state.court = code;
  for (const b of $('court-tree').querySelectorAll('[data-court]')) b.classList.toggle('selected', b.dataset.court === code);
  if (changed) latestPeriods(code, false);
  reload();
}

function reload() {
  clearError();
  const period = normalizePeriod($('period').value);
  if (!period) {
    showError('期间格式应为 2025-12、2025-Q4 或 2025');
    return;
  }
  $('period').value = period;
  loadIndicators(period, $('compare').value);
  if (state.tab === 'reports') loadReports();
}

// ---------- indicators ----------

function courtLabel(code) {
  const c = findCourt(code);
  return c ? `${c.name}（${c.code}）` : code;
}

function setIndicatorsEmpty(message) {
  state.data = null;
  $('summary').textContent = '';
  $('summary-stats').replaceChildren();
  $('indicators-empty').textContent = message;
  $('indicators-empty').hidden = !message;
  $('indicator-table').tBodies[0].replaceChildren();
  $('indicator-wrap').hidden = true;
  $('trend-section').hidden = true;
  $('children-section').hidden = true;
}

async function loadIndicators(period, compare) {
  const seq = ++state.seq;
  const court = state.court;
  $('indicator-heading').textContent = `${courtLabel(court)} · ${period}`;
  setIndicatorsEmpty('加载中…');
  let data;
  try {
    data = await getJson(`/api/courts/${enc(court)}/indicators/${enc(period)}?children=true&compare=${enc(compare)}`);
  } catch (e) {
    if (seq !== state.seq) return;
    if (e.status === 404) {
      setIndicatorsEmpty('该期间暂无汇总数据');
    } else {
      setIndicatorsEmpty('数据加载失败');
      showError(e.message);
    }
    return;
  }
  if (seq !== state.seq) return;
  state.data = data;
  renderIndicators(data, compare);
  const ids = data.indicators.map((i) => i.id);
  if (ids.length > 0) selectIndicator(ids.includes(state.indicator) ? state.indicator : ids[0]);
}

function renderIndicators(data, compare) {
  const heading = $('indicator-heading');
  heading.replaceChildren(`${data.courtName}（${data.court}） · ${data.period}`,
    el('span', { class: 'sub', text: `对比 ${data.comparedWith || '—'}（${compare === 'mom' ? '环比' : '同比'}）` }));
  $('indicators-empty').hidden = true;
  $('indicator-wrap').hidden = false;
  const s = data.summary;
  $('summary').textContent = s.sentence || '';
  $('summary-stats').replaceChildren(
    el('span', { text: `达标 ${s.inRange}/${s.total}` }),
    el('span', { text: `可比 ${s.comparable}` }),
    el('span', { class: 't-improving', text: `趋优 ${s.improving}` }),
    el('span', { class: 't-flat', text: `持平 ${s.flat}` }),
    el('span', { class: 't-worsening', text: `趋劣 ${s.worsening}` }));

  const rows = data.indicators.map((ind) => {
    const trend = TREND[ind.trend] || ['不可比', 'na'];
    return el('tr', { data: { indicator: ind.id }, tabindex: 0, class: ind.id === state.indicator ? 'selected' : null },
      el('td', { class: 'name', text: ind.name }),
      el('td', { class: 'group', text: ind.group }),
      el('td', { class: 'value', text: ind.display, title: `分子 ${ind.numerator} / 分母 ${ind.denominator}` }),
      el('td', { class: 'change', text: formatChange(ind) }),
      el('td', {}, badge(trend[0], trend[1]), ind.lowSample ? badge('样本不足', 'low-sample') : null),
      el('td', { class: 'range', text: formatRange(ind.range, ind.unit) }),
      el('td', {}, ind.inRange == null ? '—' : badge(ind.inRange ? '是' : '否', ind.inRange ? 'yes' : 'no')),
      el('td', {}, ind.unusual ? badge('异动', 'unusual') : null));
  });
  $('indicator-table').tBodies[0].replaceChildren(...rows);
  renderChildren(data);
}

function renderChildren(data) {
  const children = data.children || [];
  $('children-section').hidden = children.length === 0;
  const table = $('children-table');
  if (children.length === 0) {
    table.replaceChildren();
    return;
  }
  // Headline indicators: the first six in the order the API returns them. Rows stay in the API's order (by court code): never ranked.
  const headline = data.indicators.slice(0, 6);
  const head = el('thead', {}, el('tr', {}, el('th', { text: '法院' }),
    headline.map((i) => el('th', { class: 'value', text: i.name, title: i.group })), el('th', { class: 'value', text: '达标数' })));
  const body = el('tbody', {}, children.map((child) => el('tr', {},
    el('td', {}, el('button', { type: 'button', class: 'link', data: { childCourt: child.court }, text: `${child.courtName}（${child.court}）` })),
    headline.map((h) => {
      const ind = (child.indicators || []).find((i) => i.id === h.id);
      return el('td', { class: `value${ind && ind.inRange === false ? ' out' : ''}`, text: ind ? ind.display : '—' });
    }),
    el('td', { class: 'value', text: child.summary ? `${child.summary.inRange}/${child.summary.total}` : '—' }))));
  table.replaceChildren(head, body);
}

function selectIndicator(id) {
  state.indicator = id;
  for (const tr of $('indicator-table').tBodies[0].rows) tr.classList.toggle('selected', tr.dataset.indicator === id);
  loadSeries();
}

// ---------- trend chart ----------

async function loadSeries() {
  const seq = ++state.seriesSeq;
  const id = state.indicator;
  const ind = state.data && state.data.indicators.find((i) => i.id === id);
  if (!ind) return;
  $('trend-section').hidden = false;
  $('trend-title').textContent = `${ind.name} · 走势`;
  $('trend-chart').replaceChildren(el('p', { class: 'empty', text: '加载中…' }));
  $('trend-legend').replaceChildren();
  const kind = $('series-kind').value;
  try {
    const series = await getJson(`/api/courts/${enc(state.court)}/series/${enc(id)}?kind=${enc(kind)}&last=12`);
    if (seq !== state.seriesSeq) return;
    drawChart(series);
  } catch (e) {
    if (seq !== state.seriesSeq) return;
    $('trend-chart').replaceChildren(el('p', { class: 'empty', text: e.status === 404 ? '暂无走势数据' : '走势加载失败' }));
    if (e.status !== 404) showError(e.message);
  }
}

function niceTicks(lo, hi, count = 5) {
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
  const ticks = [];
  for (let v = Math.floor(lo / step) * step; v <= Math.ceil(hi / step) * step + step * 1e-9; v += step) {
    ticks.push(Number(v.toPrecision(12)));
  }
  return { ticks, step };
}

function drawChart(series) {
  const box = $('trend-chart');
  const unit = series.unit;
  const points = series.court.points || [];
  const children = series.children || [];
  $('trend-title').textContent = `${series.name} · ${series.court.courtName}`;
  const finite = (p) => p.value != null && Number.isFinite(p.value);
  const values = [series.court, ...children].flatMap((c) => (c.points || []).filter(finite).map((p) => p.value));
  if (points.length === 0 || values.length === 0) {
    box.replaceChildren(el('p', { class: 'empty', text: '暂无走势数据' }));
    return;
  }
  const W = 760, H = 280, m = { l: 64, r: 16, t: 14, b: 40 };
  const pw = W - m.l - m.r, ph = H - m.t - m.b;
  let lo = Math.min(...values), hi = Math.max(...values);
  const span0 = hi - lo || Math.abs(hi) || 1;
  const range = series.range;
  for (const bound of [range && range.low, range && range.high]) {
    // A reference bound widens the axis only when it is near the data, so a far bound does not flatten the line.
    if (bound != null && bound >= lo - span0 && bound <= hi + span0) { lo = Math.min(lo, bound); hi = Math.max(hi, bound); }
  }
  if (lo === hi) { lo -= Math.abs(lo) * 0.1 || 1; hi += Math.abs(hi) * 0.1 || 1; }
  const pad = (hi - lo) * 0.08;
  const { ticks, step } = niceTicks(lo - pad, hi + pad);
  lo = ticks[0]; hi = ticks[ticks.length - 1];
  const xStep = pw / points.length;
  const x = (i) => m.l + xStep * (i + 0.5);
  const y = (v) => m.t + ((hi - v) / (hi - lo)) * ph;
  const clampY = (v) => y(Math.min(hi, Math.max(lo, v)));
  const scaled = unit === 'percent' ? step * 100 : step;
  const digits = scaled >= 1 ? 0 : Math.min(4, Math.ceil(-Math.log10(scaled) - 1e-9));

  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `${series.name}走势`, class: 'trend' });
  root.append(svg('title', {}, `${series.name}（${series.court.courtName}）`));
  if (range && (range.low != null || range.high != null)) {
    const top = range.high != null ? clampY(range.high) : m.t;
    const bottom = range.low != null ? clampY(range.low) : m.t + ph;
    if (bottom - top > 0.5) root.append(svg('rect', { x: m.l, y: top, width: pw, height: bottom - top, class: 'band' }));
  }
  for (const t of ticks) {
    root.append(svg('line', { x1: m.l, x2: W - m.r, y1: y(t), y2: y(t), class: 'grid-line' }));
    root.append(svg('text', { x: m.l - 6, y: y(t) + 4, 'text-anchor': 'end', class: 'tick' }, formatValue(unit, t, digits)));
  }
  const every = Math.max(1, Math.ceil((points.length * 52) / pw));
  points.forEach((p, i) => {
    if (i % every === 0 || i === points.length - 1) {
      root.append(svg('text', { x: x(i), y: H - m.b + 18, 'text-anchor': 'middle', class: 'tick' }, p.period));
    }
  });
  root.append(svg('line', { x1: m.l, x2: W - m.r, y1: m.t + ph, y2: m.t + ph, class: 'axis' }));

  const index = new Map(points.map((p, i) => [p.period, i]));
  const pathOf = (pts) => {
    let d = '', pen = false;
    for (const p of pts) {
      const i = index.get(p.period);
      if (i == null || !finite(p)) { pen = false; continue; }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)} ${y(p.value).toFixed(1)} `;
      pen = true;
    }
    return d.trim();
  };
  for (const child of children) {
    const d = pathOf(child.points || []);
    if (!d) continue;
    const line = svg('path', { d, class: 'child-line' });
    line.append(svg('title', {}, child.courtName));
    root.append(line);
  }
  const main = pathOf(points);
  if (main) root.append(svg('path', { d: main, class: 'main-line' }));
  points.forEach((p, i) => {
    if (!finite(p)) return;
    const cls = `point${p.inRange === false ? ' out' : ''}${p.unusual ? ' unusual' : ''}`;
    const dot = svg('circle', { cx: x(i), cy: y(p.value), r: p.unusual ? 5 : 3.5, class: cls });
    dot.append(svg('title', {}, `${p.period}：${p.display}${p.inRange === false ? '（未达标）' : ''}${p.unusual ? '（异动）' : ''}`));
    root.append(dot);
  });
  box.replaceChildren(root);

  const key = (cls, text) => el('span', { class: 'key' }, el('i', { class: cls }), text);
  $('trend-legend').replaceChildren(key('k-main', '本院'),
    children.length ? key('k-child', '下辖法院') : null,
    range ? key('k-band', `合理区间 ${formatRange(range, unit)}`) : null,
    key('k-out', '未达标'), '空缺处表示该期无数值');
}

// ---------- reports ----------

async function loadReports() {
  const seq = ++state.reportSeq;
  const court = state.court;
  const body = $('report-list').tBodies[0];
  $('reports-heading').textContent = `报告 · ${courtLabel(court)}`;
  body.replaceChildren(el('tr', {}, el('td', { colspan: 5, class: 'empty', text: '加载中…' })));
  try {
    const reports = await getJson(`/api/courts/${enc(court)}/reports`);
    if (seq !== state.reportSeq) return;
    body.replaceChildren(...(reports.length === 0
      ? [el('tr', {}, el('td', { colspan: 5, class: 'empty', text: '暂无已生成的报告' }))]
      : reports.map((r) => el('tr', {},
        el('td', { text: r.period }),
        el('td', { text: r.fileName }),
        el('td', { class: 'value', text: formatBytes(r.bytes) }),
        el('td', { text: formatTime(r.renderedAt) }),
        el('td', {}, el('button', { type: 'button', class: 'download', data: { period: r.period, file: r.fileName, court: r.court }, text: '下载' }))))));
  } catch (e) {
    if (seq !== state.reportSeq) return;
    body.replaceChildren(el('tr', {}, el('td', { colspan: 5, class: 'empty', text: '报告列表加载失败' })));
    showError(e.message);
  }
}

async function downloadReport(button) {
  const { period, file } = button.dataset;
  const court = button.dataset.court || state.court;
  clearError();
  button.disabled = true;
  try {
    const res = await request(`/api/courts/${enc(court)}/reports/${enc(period)}`);
    if (!res.ok) throw await failure(res);
    const url = URL.createObjectURL(await res.blob());
    const a = el('a', { href: url, download: file || `report-${court}-${period}.pdf`, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 30000);
  } catch (e) {
    showError(e.message);
  } finally {
    button.disabled = false;
  }
}

// ---------- upload and ingestions ----------

const statusBadge = (status) => el('span', { class: `badge status-${status}`, text: STATUS[status] || status });

async function upload() {
  clearError();
  const file = $('upload-file').files[0];
  const month = $('upload-window').value.trim();
  if (!file) { showError('请选择要上传的文件'); return; }
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) { showError('数据月份格式应为 yyyy-MM，例如 2025-12'); return; }
  const form = new FormData();
  form.append('file', file);
  form.append('window', month);
  const out = $('upload-result');
  out.hidden = false;
  out.replaceChildren(el('p', { class: 'empty', text: `正在上传 ${file.name}…` }));
  $('upload').disabled = true;
  try {
    const res = await request(`/api/courts/${enc(state.me.court)}/exports`, { method: 'POST', body: form });
    if (res.status !== 200 && res.status !== 422) throw await failure(res);
    const answer = await res.json();
    renderUpload(answer.report, answer.aggregation);
  } catch (e) {
    out.replaceChildren();
    out.hidden = true;
    showError(e.message);
  } finally {
    $('upload').disabled = false;
  }
  loadIngestions();
}

function renderUpload(r, aggregation) {
  const parts = [
    el('div', { class: 'result-head' }, statusBadge(r.status), el('span', { class: 'file', text: `${r.file}（${r.window || '—'}）` })),
    el('p', {}, `读取 ${r.rowsRead} 行，入库 ${r.rowsAccepted} 行，拒收 ${r.rowsRejected} 行`,
      r.alreadyIngested ? '（此文件此前已入库，未作改动）' : null),
  ];
  if (r.reason) parts.push(el('p', { class: 'error-text', text: `原因：${r.reason}` }));
  if (r.droppedColumns && r.droppedColumns.length) parts.push(el('p', { class: 'note', text: `未保存的列：${r.droppedColumns.join('、')}` }));
  for (const w of r.warnings || []) parts.push(el('p', { class: 'note', text: `提示：${w}` }));
  if (r.errors && r.errors.length) {
    parts.push(el('div', { class: 'table-wrap' }, el('table', { id: 'upload-errors', class: 'grid' },
      el('thead', {}, el('tr', {}, ['行', '列', '值', '原因'].map((h) => el('th', { text: h })))),
      el('tbody', {}, r.errors.map((e) => el('tr', {},
        el('td', { text: e.row == null ? '整个文件' : String(e.row) }),
        el('td', { text: e.column ?? '—' }),
        el('td', { text: e.value ?? '—' }),
        el('td', { text: e.reason ?? '' })))))));
  }
  if (r.errorsNotListed > 0) parts.push(el('p', { class: 'note', text: `另有 ${r.errorsNotListed} 条错误未列出。` }));
  if (aggregation) parts.push(el('p', { class: 'note', text: `已排入重新汇总（${aggregation.instanceId}），完成后刷新即可看到新数据。` }));
  $('upload-result').replaceChildren(...parts);
}

async function loadIngestions() {
  if (!state.me) return;
  const seq = ++state.ingestSeq;
  const body = $('ingestion-list').tBodies[0];
  try {
    const list = await getJson(`/api/courts/${enc(state.me.court)}/ingestions?latest=20`);
    if (seq !== state.ingestSeq) return;
    body.replaceChildren(...(list.length === 0
      ? [el('tr', {}, el('td', { colspan: 5, class: 'empty', text: '暂无入库记录' }))]
      : list.map((r) => el('tr', {},
        el('td', { class: 'file', text: r.file }),
        el('td', { text: r.window || '—' }),
        el('td', {}, statusBadge(r.status), r.alreadyIngested ? el('span', { class: 'note', text: ' 重复' }) : null),
        el('td', { class: 'value', text: `${r.rowsRead} / ${r.rowsAccepted} / ${r.rowsRejected}` }),
        el('td', { text: formatTime(r.ingestedAt) })))));
  } catch (e) {
    if (seq !== state.ingestSeq) return;
    body.replaceChildren(el('tr', {}, el('td', { colspan: 5, class: 'empty', text: '入库记录加载失败' })));
    showError(e.message);
  }
}

// ---------- tabs and wiring ----------

function showTab(name, load = true) {
  state.tab = name;
  for (const t of TABS) {
    const active = t === name;
    $(`tab-btn-${t}`).classList.toggle('active', active);
    $(`tab-btn-${t}`).setAttribute('aria-selected', String(active));
    $(`tab-${t}`).hidden = !active;
  }
  if (!load || !state.me) return;
  if (name === 'reports' && state.court) loadReports();
  if (name === 'upload') loadIngestions();
}

function init() {
  $('period').value = previousQuarter();
  $('upload-window').value = previousMonth();
  // Buttons act on click; Enter in a field does the same; forms never submit themselves.
  for (const form of document.querySelectorAll('form')) form.addEventListener('submit', (e) => e.preventDefault());
  const onEnter = (id, action) => $(id).addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); action(); } });
  const doLogin = () => login($('api-key').value.trim());
  const doReload = () => { if (state.court) reload(); };
  $('login').addEventListener('click', doLogin);
  onEnter('api-key', doLogin);
  $('logout').addEventListener('click', logout);
  $('refresh').addEventListener('click', doReload);
  onEnter('period', doReload);
  $('period').addEventListener('input', () => { state.periodChosen = true; });
  $('compare').addEventListener('change', doReload);
  $('series-kind').addEventListener('change', () => { clearError(); loadSeries(); });
  for (const t of TABS) $(`tab-btn-${t}`).addEventListener('click', () => { clearError(); showTab(t); });
  $('court-tree').addEventListener('click', (e) => {
    const b = e.target.closest('[data-court]');
    if (b) selectCourt(b.dataset.court);
  });
  $('children-table').addEventListener('click', (e) => {
    const b = e.target.closest('[data-child-court]');
    if (b) selectCourt(b.dataset.childCourt);
  });
  const pick = (e) => {
    const tr = e.target.closest('tr[data-indicator]');
    if (tr && (e.type === 'click' || e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      if (tr.dataset.indicator !== state.indicator) clearError();
      selectIndicator(tr.dataset.indicator);
    }
  };
  $('indicator-table').addEventListener('click', pick);
  $('indicator-table').addEventListener('keydown', pick);
  $('report-list').addEventListener('click', (e) => {
    const b = e.target.closest('button.download');
    if (b) downloadReport(b);
  });
  $('upload').addEventListener('click', upload);
  onEnter('upload-window', upload);

  const stored = sessionStorage.getItem(KEY_STORE);
  if (stored) {
    login(stored);
  } else {
    $('api-key').focus();
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
