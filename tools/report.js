(function () {
'use strict';
var D = JSON.parse(document.getElementById('hln-data').textContent);
function $(id) { return document.getElementById(id); }
function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}
function fmtCount(v) {
  var u = ['', ' k', ' M', ' G', ' T'], i = 0;
  while (v >= 1000 && i < 4) { v /= 1000; i++; }
  return i ? v.toFixed(2) + u[i] : String(Math.round(v));
}
function fmtBytes(v) {
  var u = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'], i = 0;
  while (v >= 1024 && i < 5) { v /= 1024; i++; }
  return i ? v.toFixed(1) + ' ' + u[i] : Math.round(v) + ' B';
}
function commas(v) { return String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ','); }

/* ---- theme: auto (the system's), light, dark ---- */
var root = document.documentElement, themeBtn = $('theme'), G = null;
function setTheme(t) {
  if (t === 'auto') root.removeAttribute('data-theme'); else root.setAttribute('data-theme', t);
  themeBtn.textContent = 'theme: ' + t;
  try { localStorage.setItem('haoline-theme', t); } catch (e) { /* file:// may refuse storage */ }
  if (G) G.draw();
}
var theme = 'auto';
try { theme = localStorage.getItem('haoline-theme') || 'auto'; } catch (e) { theme = 'auto'; }
setTheme(theme);
themeBtn.addEventListener('click', function () {
  theme = theme === 'auto' ? 'dark' : theme === 'dark' ? 'light' : 'auto';
  setTheme(theme);
});

var V = D.graph;
function tensorOf(i) { return V.nodes[i][10] >= 0 ? D.tensors[V.nodes[i][10]] : null; }
function nodeName(i) { var n = V.nodes[i], t; if (n[0] !== null) return n[0]; t = tensorOf(i); return t ? t[0] : ''; }

/* ---- graph view: layout from the report (x, row), rows folded when blocks collapse ---- */
function makeGraph() {
  var wrap = $('graph'), canvas = $('gcanvas'), ctx = canvas.getContext('2d'), details = $('details');
  var nodes = V.nodes, N = nodes.length, groups = V.groups, NG = groups.length, E = V.edges;
  var NW = 156, NH = 30, RH = 64, GW = 210;
  var collapsed = new Uint8Array(NG), rowY = new Float64Array(V.rows + 1);
  var px = new Float64Array(N), py = new Float64Array(N), hidden = new Uint8Array(N);
  var gx = new Float64Array(NG), gcount = new Uint32Array(NG);
  var view = { s: 1, tx: 0, ty: 0 }, sel = -1, selGroup = -1, match = null, pending = false;
  var bounds = { x0: 0, x1: 0, y0: 0, y1: 0 }, colors = [], css = null;
  var i, kindConst = D.kinds.indexOf('Constant'), showConst = false;
  for (i = 0; i < N; i++) { var g0 = nodes[i][4]; if (g0 >= 0) { gx[g0] += nodes[i][2]; gcount[g0]++; } }
  for (i = 0; i < NG; i++) gx[i] = gcount[i] ? gx[i] / gcount[i] : 0;
  wrap.setAttribute('data-node-count', N);
  wrap.setAttribute('data-edge-count', E.length / 2);
  wrap.setAttribute('data-group-count', NG);

  function layout() {
    var vis = new Uint32Array(V.rows + 1), y = 0, r, k, g;
    var nconst = 0;
    for (k = 0; k < N; k++) {
      g = nodes[k][4];
      /* 2: a Constant or shape-plumbing node hidden by the toggle (its edges go too), 1: inside a folded block */
      hidden[k] = !showConst && (nodes[k][1] === kindConst || nodes[k][11] === 1) ? 2 : g >= 0 && collapsed[g] ? 1 : 0;
      if (hidden[k] === 2) nconst++;
      if (!hidden[k]) vis[nodes[k][3]]++;
    }
    wrap.setAttribute('data-hidden-plumbing', nconst);
    for (k = 0; k < NG; k++) if (collapsed[k]) vis[groups[k][1]]++;
    for (r = 0; r < V.rows; r++) { rowY[r] = y; if (vis[r]) y += RH; }
    rowY[V.rows] = y;
    bounds = { x0: 1e18, x1: -1e18, y0: 0, y1: Math.max(y - RH, 0) + NH };
    for (k = 0; k < N; k++) {
      g = nodes[k][4];
      if (hidden[k] === 1) { px[k] = gx[g]; py[k] = rowY[groups[g][1]]; } else { px[k] = nodes[k][2]; py[k] = rowY[nodes[k][3]]; }
      if (hidden[k] === 2) continue;
      if (px[k] - NW < bounds.x0) bounds.x0 = px[k] - NW;
      if (px[k] + NW > bounds.x1) bounds.x1 = px[k] + NW;
    }
    if (!N) bounds = { x0: -NW, x1: NW, y0: 0, y1: NH };
    $('g-state').textContent = N + ' nodes, ' + NG + ' blocks' + (NG ? ' (' + count(collapsed) + ' collapsed)' : '') +
      (nconst ? ', ' + nconst + ' constant/shape nodes hidden' : '');
  }
  function count(a) { var c = 0; for (var k = 0; k < a.length; k++) c += a[k]; return c; }
  function readColors() {
    css = getComputedStyle(root);
    colors = [];
    for (var k = 0; k < 8; k++) colors.push(css.getPropertyValue('--c' + k).trim() || '#888');
  }
  function cv(name) { return css.getPropertyValue(name).trim(); }
  function draw() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(paint);
  }
  function paint() {
    var t0 = performance.now();
    pending = false;
    readColors();
    var dpr = window.devicePixelRatio || 1, W = canvas.clientWidth, H = canvas.clientHeight, k, a, b;
    if (canvas.width !== Math.round(W * dpr) || canvas.height !== Math.round(H * dpr)) {
      canvas.width = Math.round(W * dpr); canvas.height = Math.round(H * dpr);
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = cv('--card');
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    var s = view.s;
    ctx.setTransform(dpr * s, 0, 0, dpr * s, dpr * view.tx, dpr * view.ty);
    var x0 = -view.tx / s - NW, x1 = (W - view.tx) / s + NW, y0 = -view.ty / s - NH, y1 = (H - view.ty) / s + NH;
    /* edges */
    ctx.strokeStyle = cv('--edge');
    ctx.lineWidth = Math.max(1 / s, 0.6);
    ctx.beginPath();
    for (k = 0; k < E.length; k += 2) {
      a = E[k]; b = E[k + 1];
      if ((hidden[a] && hidden[b] && nodes[a][4] === nodes[b][4]) || hidden[a] === 2 || hidden[b] === 2) continue;
      var ax = px[a], ay = py[a] + NH / 2, bx = px[b], by = py[b] - NH / 2;
      if ((ay < y0 && by < y0) || (ay > y1 && by > y1) || (ax < x0 && bx < x0) || (ax > x1 && bx > x1)) continue;
      ctx.moveTo(ax, ay);
      if (by - ay > RH * 1.5) {
        /* a long edge bows out sideways so it does not run through the nodes between */
        var off = NW * (ax <= bx ? 1.1 : -1.1);
        ctx.bezierCurveTo(ax + off, ay + RH, bx + off, by - RH, bx, by);
      } else if (ax === bx) ctx.lineTo(bx, by);
      else { var my = (ay + by) / 2; ctx.bezierCurveTo(ax, my, bx, my, bx, by); }
    }
    ctx.stroke();
    var text = s > 0.42, fg = cv('--fg'), muted = cv('--muted'), card = cv('--card'), hi = cv('--hi');
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    /* collapsed blocks */
    for (k = 0; k < NG; k++) {
      if (!collapsed[k]) continue;
      var cx = gx[k], cy = rowY[groups[k][1]];
      if (cx + GW / 2 < x0 || cx - GW / 2 > x1 || cy < y0 || cy > y1) continue;
      ctx.fillStyle = cv('--bg');
      ctx.strokeStyle = k === selGroup ? hi : cv('--accent');
      ctx.lineWidth = (k === selGroup ? 3 : 1.5) / Math.max(s, 0.25);
      ctx.fillRect(cx - GW / 2, cy - NH / 2 - 4, GW, NH + 8);
      ctx.strokeRect(cx - GW / 2, cy - NH / 2 - 4, GW, NH + 8);
      if (text) {
        ctx.fillStyle = fg;
        ctx.font = '600 12px system-ui,sans-serif';
        ctx.fillText(clip(groups[k][0], 24) + '  \u00d7' + groups[k][3], cx, cy - 6);
        ctx.fillStyle = muted;
        ctx.font = '11px system-ui,sans-serif';
        ctx.fillText(D.kind === 'graph' ? fmtCount(groups[k][4]) + ' MACs' : fmtCount(groups[k][5]) + ' params', cx, cy + 8);
      }
    }
    /* nodes */
    for (k = 0; k < N; k++) {
      if (hidden[k]) continue;
      var nx = px[k], ny = py[k];
      if (nx < x0 || nx > x1 || ny < y0 || ny > y1) continue;
      ctx.fillStyle = colors[nodes[k][1] % 8];
      ctx.fillRect(nx - NW / 2, ny - NH / 2, NW, NH);
      if (k === sel || (match && match[k])) {
        ctx.strokeStyle = hi;
        ctx.lineWidth = 3 / Math.max(s, 0.25);
        ctx.strokeRect(nx - NW / 2 - 2, ny - NH / 2 - 2, NW + 4, NH + 4);
      }
      if (text) {
        ctx.fillStyle = card;
        ctx.font = '600 12px system-ui,sans-serif';
        ctx.fillText(clip(D.kinds[nodes[k][1]], 20), nx, ny - 6);
        ctx.font = '10px system-ui,sans-serif';
        ctx.fillText(tail(nodeName(k)), nx, ny + 8);
      }
    }
    api.lastPaintMs = performance.now() - t0;
  }
  function clip(s, n) { s = String(s); return s.length > n ? s.slice(0, n - 1) + '\u2026' : s; }
  function tail(s) { return s.length > 26 ? '\u2026' + s.slice(-25) : s; }

  function fit() {
    var W = canvas.clientWidth, H = canvas.clientHeight, bw = bounds.x1 - bounds.x0 + 40, bh = bounds.y1 - bounds.y0 + 40;
    var s = Math.min(W / bw, H / bh, 1.2);
    if (s < 0.35) s = Math.min(Math.max(W / bw, 0.35), 1.2);   /* too tall to fit: readable, from the top */
    view.s = s;
    view.tx = W / 2 - (bounds.x0 + bounds.x1) / 2 * s;
    view.ty = bh * s <= H ? H / 2 - (bounds.y0 + bounds.y1) / 2 * s : 20 - bounds.y0 * s;
    draw();
  }
  function center(k) {
    var W = canvas.clientWidth, H = canvas.clientHeight;
    if (view.s < 0.6) view.s = 0.9;
    view.tx = W / 2 - px[k] * view.s;
    view.ty = H / 2 - py[k] * view.s;
    draw();
  }
  function hit(cx, cy) {
    var wx = (cx - view.tx) / view.s, wy = (cy - view.ty) / view.s, k;
    for (k = 0; k < NG; k++)
      if (collapsed[k] && Math.abs(wx - gx[k]) <= GW / 2 && Math.abs(wy - rowY[groups[k][1]]) <= NH / 2 + 4) return { g: k };
    for (k = 0; k < N; k++)
      if (!hidden[k] && Math.abs(wx - px[k]) <= NW / 2 && Math.abs(wy - py[k]) <= NH / 2) return { n: k };
    return null;
  }
  function dl(list) {
    var d = el('dl');
    for (var k = 0; k < list.length; k++) { d.appendChild(el('dt', null, list[k][0])); d.appendChild(el('dd', null, list[k][1])); }
    return d;
  }
  function valueList(title, ids) {
    var frag = document.createDocumentFragment(), ul = el('ul');
    frag.appendChild(el('div', 'm', title + ' (' + ids.length + ')'));
    for (var k = 0; k < ids.length && k < 64; k++) {
      var v = V.values[ids[k]];
      if (!v) { ul.appendChild(el('li', 'm', '(omitted)')); continue; }
      ul.appendChild(el('li', null, v[0] + ': ' + v[1] + ' ' + v[2] + (v[4] ? '  (weight)' : '')));
    }
    frag.appendChild(ul);
    return frag;
  }
  function select(k) {
    sel = k; selGroup = -1;
    details.textContent = '';
    details.setAttribute('data-node', k);
    details.removeAttribute('data-group');
    if (k < 0) { details.appendChild(el('p', 'm', 'Click a node to see its shapes, parameters and MACs.')); draw(); return; }
    var n = nodes[k], t = tensorOf(k);
    details.appendChild(el('span', 'op', D.kinds[n[1]]));
    details.appendChild(el('h3', null, nodeName(k)));
    var rows = [['index', String(k)]];
    if (n[4] >= 0) rows.push(['block', groups[n[4]][0]]);
    if (t) {
      rows.push(['dtype', t[1]], ['shape', t[2]], ['elements', commas(t[3])], ['bytes', commas(t[4]) + ' (' + fmtBytes(t[4]) + ')'], ['offset', commas(t[5])]);
    } else {
      rows.push(['params', commas(n[7]) + ' (' + fmtCount(n[7]) + ')'], ['MACs', commas(n[5]) + ' (' + fmtCount(n[5]) + ')'], ['FLOPs', commas(n[6]) + ' (' + fmtCount(n[6]) + ')']);
    }
    details.appendChild(dl(rows));
    if (!t) { details.appendChild(valueList('inputs', n[8])); details.appendChild(valueList('outputs', n[9])); }
    if (n[4] >= 0) {
      var b = el('button', null, 'collapse block');
      b.addEventListener('click', function () { collapsed[n[4]] = 1; layout(); selectGroup(n[4]); });
      details.appendChild(b);
    }
    draw();
  }
  function selectGroup(k) {
    sel = -1; selGroup = k;
    details.textContent = '';
    details.setAttribute('data-group', k);
    details.setAttribute('data-node', -1);
    var g = groups[k];
    details.appendChild(el('span', 'op', 'block'));
    details.appendChild(el('h3', null, g[0]));
    details.appendChild(dl([['nodes', String(g[3])], [D.kind === 'graph' ? 'MACs' : 'bytes', D.kind === 'graph' ? commas(g[4]) + ' (' + fmtCount(g[4]) + ')' : fmtBytes(g[4])], ['params', commas(g[5]) + ' (' + fmtCount(g[5]) + ')']]));
    var b = el('button', null, 'expand block');
    b.addEventListener('click', function () { collapsed[k] = 0; layout(); select(-1); });
    details.appendChild(b);
    draw();
  }
  /* pan, zoom, click */
  var drag = null;
  canvas.addEventListener('mousedown', function (e) { drag = { x: e.clientX, y: e.clientY, tx: view.tx, ty: view.ty, moved: false }; wrap.classList.add('drag'); });
  window.addEventListener('mousemove', function (e) {
    if (!drag) return;
    var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    view.tx = drag.tx + dx; view.ty = drag.ty + dy;
    draw();
  });
  window.addEventListener('mouseup', function (e) {
    if (!drag) return;
    var moved = drag.moved;
    drag = null; wrap.classList.remove('drag');
    if (moved) return;
    var r = canvas.getBoundingClientRect(), h = hit(e.clientX - r.left, e.clientY - r.top);
    if (!h) return;
    if (h.g !== undefined) { if (selGroup === h.g) { collapsed[h.g] = 0; layout(); select(-1); } else selectGroup(h.g); }
    else select(h.n);
  });
  canvas.addEventListener('wheel', function (e) {
    e.preventDefault();
    var r = canvas.getBoundingClientRect(), cx = e.clientX - r.left, cy = e.clientY - r.top;
    var f = Math.exp(-e.deltaY * 0.0015), s = Math.min(Math.max(view.s * f, 0.01), 4);
    view.tx = cx - (cx - view.tx) * s / view.s; view.ty = cy - (cy - view.ty) * s / view.s; view.s = s;
    draw();
  }, { passive: false });
  $('g-fit').addEventListener('click', fit);
  $('g-in').addEventListener('click', function () { zoomBy(1.25); });
  $('g-out').addEventListener('click', function () { zoomBy(0.8); });
  function zoomBy(f) {
    var W = canvas.clientWidth / 2, H = canvas.clientHeight / 2, s = Math.min(Math.max(view.s * f, 0.01), 4);
    view.tx = W - (W - view.tx) * s / view.s; view.ty = H - (H - view.ty) * s / view.s; view.s = s; draw();
  }
  $('g-collapse').addEventListener('click', function () { collapsed.fill(1); layout(); select(-1); fit(); });
  $('g-expand').addEventListener('click', function () { collapsed.fill(0); layout(); select(-1); fit(); });
  $('g-search').addEventListener('input', function () {
    var q = this.value.toLowerCase(), k, first = -1, c = 0;
    match = null;
    if (q) {
      match = new Uint8Array(N);
      for (k = 0; k < N; k++)
        if (nodeName(k).toLowerCase().indexOf(q) >= 0 || String(D.kinds[nodes[k][1]]).toLowerCase() === q) { match[k] = 1; c++; if (first < 0) first = k; }
    }
    $('g-found').textContent = q ? c + ' found' : '';
    if (first >= 0) { if (hidden[first]) { collapsed[nodes[first][4]] = 0; layout(); } center(first); } else draw();
  });
  window.addEventListener('resize', draw);
  if (window.matchMedia) { var mq = window.matchMedia('(prefers-color-scheme: dark)'); if (mq.addEventListener) mq.addEventListener('change', draw); }
  var api = {
    draw: draw, select: select, center: center, count: N, lastPaintMs: 0,
    /* for tests: where node k is on the screen (client coordinates), null when folded */
    screenPos: function (k) {
      if (hidden[k]) return null;
      var r = canvas.getBoundingClientRect();
      return { x: r.left + view.tx + px[k] * view.s, y: r.top + view.ty + py[k] * view.s };
    },
    expandAll: function () { collapsed.fill(0); layout(); fit(); },
    collapseAll: function () { collapsed.fill(1); layout(); fit(); }
  };
  /* legend: the colour of each op type drawn (most frequent first), and the Constant toggle */
  (function () {
    var cnt = {}, order = [], box = el('div', 'legend'), bar = $('g-state').parentNode, k;
    for (k = 0; k < N; k++) { var c = nodes[k][1]; if (!cnt[c]) { cnt[c] = 0; order.push(c); } cnt[c]++; }
    order.sort(function (a, b) { return cnt[b] - cnt[a]; });
    readColors();
    for (k = 0; k < order.length && k < 16; k++) {
      var it = el('span', 'lg'), sw = el('i');
      sw.style.background = colors[order[k] % 8];
      it.appendChild(sw);
      it.appendChild(document.createTextNode(D.kinds[order[k]] + ' ' + cnt[order[k]]));
      box.appendChild(it);
    }
    if (order.length > 16) box.appendChild(el('span', 'lg m', '+' + (order.length - 16) + ' more op types'));
    box.id = 'g-legend';
    wrap.parentNode.parentNode.insertBefore(box, wrap.parentNode);   /* above the canvas + details grid */
    var plumbing = 0;
    for (k = 0; k < N; k++) if (nodes[k][1] === kindConst || nodes[k][11] === 1) plumbing++;
    if (plumbing) {
      var t = el('button', null, 'show constants');
      t.id = 'g-const';
      t.type = 'button';
      t.addEventListener('click', function () { showConst = !showConst; t.textContent = showConst ? 'hide constants' : 'show constants'; layout(); fit(); });
      bar.insertBefore(t, $('g-search'));
    }
  })();
  if (N > 600 && NG) collapsed.fill(1);   /* big models open folded */
  layout();
  select(-1);
  fit();
  return api;
}

/* ---- tables: sort by any column, filter on text, render in pages ---- */
function makeTable() {
  var tabs = [], cur = null, filter = $('t-filter'), table = $('t-table'), info = $('t-info'), moreBtn = $('t-more');
  var limit = 200, rows = [], sortCol = -1, sortDir = 1;
  if (D.tensors && D.tensors.length)
    tabs.push({ id: 'tensors', label: 'Tensors (' + D.tensors.length + ')', cols: [['name', 0], ['dtype', 0], ['shape', 0], ['elements', 1], ['bytes', 1], ['offset', 1], ['layer', 1]],
      data: D.tensors.map(function (t) { return [t[0], t[1], t[2], t[3], t[4], t[5], t[6] < 0 ? '' : t[6]]; }) });
  if (D.kind === 'graph' && V && V.nodes.length)
    tabs.push({ id: 'nodes', label: 'Nodes (' + V.nodes.length + ')', cols: [['name', 0], ['op', 0], ['block', 0], ['inputs', 1], ['output shapes', 0], ['params', 1], ['MACs', 1], ['FLOPs', 1]],
      data: V.nodes.map(function (n) {
        return [n[0], D.kinds[n[1]], n[4] >= 0 ? V.groups[n[4]][0] : '', n[8].length,
          n[9].map(function (v) { return V.values[v] ? V.values[v][2] : '?'; }).join('; '), n[7], n[5], n[6]];
      }) });
  var bar = $('t-tabs');
  tabs.forEach(function (t) {
    var b = el('button', null, t.label);
    b.id = 'tab-' + t.id;
    b.addEventListener('click', function () { show(t); });
    t.btn = b;
    bar.insertBefore(b, filter);
  });
  function show(t) {
    cur = t; sortCol = -1; limit = 200;
    tabs.forEach(function (x) { x.btn.classList.toggle('on', x === t); });
    var thead = el('thead'), tr = el('tr');
    t.cols.forEach(function (c, k) {
      var th = el('th', c[1] ? 'n' : null, c[0]);
      th.addEventListener('click', function () { sortDir = sortCol === k ? -sortDir : (c[1] ? -1 : 1); sortCol = k; apply(); });
      tr.appendChild(th);
    });
    thead.appendChild(tr);
    table.textContent = '';
    table.appendChild(thead);
    table.appendChild(el('tbody'));
    apply();
  }
  function apply() {
    var q = filter.value.toLowerCase();
    rows = cur.data;
    if (q) rows = rows.filter(function (r) {
      for (var k = 0; k < r.length; k++) if (String(r[k]).toLowerCase().indexOf(q) >= 0) return true;
      return false;
    });
    if (sortCol >= 0) {
      var c = sortCol, num = cur.cols[c][1];
      rows = rows.slice().sort(function (a, b) {
        var x = a[c], y = b[c];
        if (num) { x = x === '' ? -1 : +x; y = y === '' ? -1 : +y; return (x - y) * sortDir; }
        return String(x).localeCompare(String(y)) * sortDir;
      });
    }
    var ths = table.querySelectorAll('th');
    for (var k = 0; k < ths.length; k++) ths[k].className = (cur.cols[k][1] ? 'n ' : '') + (k === sortCol ? (sortDir > 0 ? 'asc' : 'desc') : '');
    render();
  }
  function render() {
    var tb = table.querySelector('tbody'), frag = document.createDocumentFragment(), n = Math.min(rows.length, limit);
    for (var r = 0; r < n; r++) {
      var tr = el('tr');
      for (var c = 0; c < cur.cols.length; c++) {
        var v = rows[r][c], num = cur.cols[c][1];
        var td = el('td', num ? 'n' : (c === 0 ? 'nm' : null), num && v !== '' ? commas(v) : v);
        if (c === 0) td.title = String(v);
        tr.appendChild(td);
      }
      frag.appendChild(tr);
    }
    tb.textContent = '';
    tb.appendChild(frag);
    info.textContent = 'showing ' + n + ' of ' + rows.length + (rows.length !== cur.data.length ? ' (filtered from ' + cur.data.length + ')' : '');
    moreBtn.style.display = rows.length > limit ? '' : 'none';
  }
  filter.addEventListener('input', function () { limit = 200; apply(); });
  moreBtn.addEventListener('click', function () { limit += 1000; render(); });
  if (tabs.length) show(tabs[0]);
}

if (V) G = makeGraph();
if ($('t-table')) makeTable();
window.haoline = { graph: G, data: D };
document.body.setAttribute('data-ready', '1');
})();
