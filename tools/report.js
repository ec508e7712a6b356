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

/* ---- graph view: layout from the report (x, row), rows folded when blocks collapse; the
   bodies of If/Loop/Scan open as views of their own (V.subgraphs, a breadcrumb leads back) ---- */
function makeGraph() {
  var wrap = $('graph'), canvas = $('gcanvas'), ctx = canvas.getContext('2d'), details = $('details');
  var NW = 156, NH = 30, RH = 64, GW = 210;
  var views = [V].concat(V.subgraphs || []), cur = 0, kinds = D.kinds, children = {};
  var nodes, N, groups, NG, E, collapsed, rowY, px, py, hidden, gx, gcount, gbox;
  var view = { s: 1, tx: 0, ty: 0 }, sel = -1, selGroup = -1, match = null, pending = false;
  var bounds = { x0: 0, x1: 0, y0: 0, y1: 0 }, colors = [], css = null;
  var i, kindConst = -1, showConst = false, byBlock = false, tensorsView = D.kind !== 'graph';
  for (i = 1; i < views.length; i++) {   /* children[view][node]: the views that node opens */
    var pv = views[i].parent;
    if (!children[pv]) children[pv] = {};
    (children[pv][views[i].node] = children[pv][views[i].node] || []).push(i);
  }
  function tOf(k) { return nodes[k][10] >= 0 ? D.tensors[nodes[k][10]] : null; }
  function nName(k) { var n = nodes[k], t; if (n[0] !== null) return n[0]; t = tOf(k); return t ? t[0] : ''; }
  /* the first line of a node: its op, or (weight-only files) the tensor's name inside its layer */
  function head(k) {
    if (!tensorsView) return String(kinds[nodes[k][1]]);
    var s = nName(k), m = /^(.*?[._/])\d+[._/](.+)$/.exec(s);
    return m ? m[2] : s;
  }
  function sub(k) { var t = tOf(k); return tensorsView && t ? t[1] + ' \u00b7 ' + fmtBytes(t[4]) : nName(k); }
  function load(vi) {
    var W = views[vi], g0, k;
    cur = vi;
    nodes = W.nodes; N = nodes.length; groups = W.groups; NG = groups.length; E = W.edges;
    kinds = vi ? W.kinds : D.kinds;
    kindConst = kinds.indexOf('Constant');
    collapsed = new Uint8Array(NG); rowY = new Float64Array(W.rows + 1);
    px = new Float64Array(N); py = new Float64Array(N); hidden = new Uint8Array(N);
    gx = new Float64Array(NG); gcount = new Uint32Array(NG); gbox = new Float64Array(4 * NG);
    for (k = 0; k < N; k++) { g0 = nodes[k][4]; if (g0 >= 0) { gx[g0] += nodes[k][2]; gcount[g0]++; } }
    for (k = 0; k < NG; k++) gx[k] = gcount[k] ? gx[k] / gcount[k] : 0;
    match = null; $('g-search').value = ''; $('g-found').textContent = '';
    wrap.setAttribute('data-view', vi);
    wrap.setAttribute('data-node-count', N);
    wrap.setAttribute('data-edge-count', E.length / 2);
    wrap.setAttribute('data-group-count', NG);
    legend();
    path();
    if (N > 600 && NG) collapsed.fill(1);   /* big graphs open folded */
    layout();
    select(-1);
    fit();
  }
  function layout() {
    var W = views[cur], vis = new Uint32Array(W.rows + 1), y = 0, r, k, g, nconst = 0;
    for (k = 0; k < N; k++) {
      g = nodes[k][4];
      /* 2: a Constant or shape-plumbing node hidden by the toggle (its edges go too), 1: inside a folded block */
      hidden[k] = !showConst && (nodes[k][1] === kindConst || nodes[k][11] === 1) ? 2 : g >= 0 && collapsed[g] ? 1 : 0;
      if (hidden[k] === 2) nconst++;
      if (!hidden[k]) vis[nodes[k][3]]++;
    }
    wrap.setAttribute('data-hidden-plumbing', nconst);
    for (k = 0; k < NG; k++) if (collapsed[k]) vis[groups[k][1]]++;
    for (r = 0; r < W.rows; r++) { rowY[r] = y; if (vis[r]) y += RH; }
    rowY[W.rows] = y;
    bounds = { x0: 1e18, x1: -1e18, y0: 0, y1: Math.max(y - RH, 0) + NH };
    for (k = 0; k < NG; k++) { gbox[4 * k] = gbox[4 * k + 2] = 1e18; gbox[4 * k + 1] = gbox[4 * k + 3] = -1e18; }
    for (k = 0; k < N; k++) {
      g = nodes[k][4];
      if (hidden[k] === 1) { px[k] = gx[g]; py[k] = rowY[groups[g][1]]; } else { px[k] = nodes[k][2]; py[k] = rowY[nodes[k][3]]; }
      if (hidden[k] === 2) continue;
      if (px[k] - NW < bounds.x0) bounds.x0 = px[k] - NW;
      if (px[k] + NW > bounds.x1) bounds.x1 = px[k] + NW;
      if (!hidden[k] && g >= 0) {   /* the frame of an open block */
        gbox[4 * g] = Math.min(gbox[4 * g], px[k]); gbox[4 * g + 1] = Math.max(gbox[4 * g + 1], px[k]);
        gbox[4 * g + 2] = Math.min(gbox[4 * g + 2], py[k]); gbox[4 * g + 3] = Math.max(gbox[4 * g + 3], py[k]);
      }
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
  function fill(k) { var g = nodes[k][4]; return byBlock ? (g >= 0 ? colors[g % 8] : cv('--edge')) : colors[nodes[k][1] % 8]; }
  function draw() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(paint);
  }
  /* text in screen pixels, cut to what fits in w pixels; false when nothing fits */
  function label(str, x, y, w, f, weight) {
    var n;
    str = String(str);
    if (w < f * 1.8) return false;
    ctx.font = (weight || '') + f + 'px system-ui,sans-serif';
    if (ctx.measureText(str).width > w) {   /* cut at the end, measured, to what fits */
      for (n = Math.min(str.length - 1, Math.floor(w / (f * 0.5))); n >= 2 && ctx.measureText(str.slice(0, n) + '\u2026').width > w; n--) {}
      if (n < 2) return false;
      str = str.slice(0, n) + '\u2026';
    }
    ctx.fillText(str, x, y);
    return true;
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
    var frames = [];
    /* frames of the open blocks, tinted in the block's colour */
    for (k = 0; k < NG; k++) {
      if (collapsed[k] || gbox[4 * k] > gbox[4 * k + 1]) continue;
      var fx0 = gbox[4 * k] - NW / 2 - 12, fx1 = gbox[4 * k + 1] + NW / 2 + 12, fy0 = gbox[4 * k + 2] - NH / 2 - 16, fy1 = gbox[4 * k + 3] + NH / 2 + 8;
      if (fx1 < x0 || fx0 > x1 || fy1 < y0 || fy0 > y1) continue;
      ctx.globalAlpha = 0.09;
      ctx.fillStyle = colors[k % 8];
      ctx.fillRect(fx0, fy0, fx1 - fx0, fy1 - fy0);
      ctx.globalAlpha = 0.55;
      ctx.strokeStyle = colors[k % 8];
      ctx.lineWidth = 1 / s;
      ctx.strokeRect(fx0, fy0, fx1 - fx0, fy1 - fy0);
      ctx.globalAlpha = 1;
      frames.push([k, fx0, fy0, fx1 - fx0]);
    }
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
    var hi = cv('--hi'), shown = [], blocks = [];
    /* collapsed blocks */
    for (k = 0; k < NG; k++) {
      if (!collapsed[k]) continue;
      var cx = gx[k], cy = rowY[groups[k][1]];
      if (cx + GW / 2 < x0 || cx - GW / 2 > x1 || cy < y0 || cy > y1) continue;
      ctx.fillStyle = cv('--bg');
      ctx.strokeStyle = k === selGroup ? hi : byBlock ? colors[k % 8] : cv('--accent');
      ctx.lineWidth = (k === selGroup ? 3 : 1.5) / Math.max(s, 0.25);
      ctx.fillRect(cx - GW / 2, cy - NH / 2 - 4, GW, NH + 8);
      ctx.strokeRect(cx - GW / 2, cy - NH / 2 - 4, GW, NH + 8);
      blocks.push(k);
    }
    /* nodes */
    for (k = 0; k < N; k++) {
      if (hidden[k]) continue;
      var nx = px[k], ny = py[k];
      if (nx < x0 || nx > x1 || ny < y0 || ny > y1) continue;
      ctx.fillStyle = fill(k);
      ctx.fillRect(nx - NW / 2, ny - NH / 2, NW, NH);
      if (k === sel || (match && match[k])) {
        ctx.strokeStyle = hi;
        ctx.lineWidth = 3 / Math.max(s, 0.25);
        ctx.strokeRect(nx - NW / 2 - 2, ny - NH / 2 - 2, NW + 4, NH + 4);
      }
      if (children[cur] && children[cur][k]) {   /* a node with a body to open: a folded corner */
        ctx.fillStyle = cv('--card');
        ctx.beginPath(); ctx.moveTo(nx + NW / 2 - 14, ny - NH / 2); ctx.lineTo(nx + NW / 2, ny - NH / 2); ctx.lineTo(nx + NW / 2, ny - NH / 2 + 14); ctx.fill();
      }
      shown.push(k);
    }
    /* labels in screen pixels, wherever the box is big enough to hold them (any zoom) */
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    var bh = NH * s, bw = NW * s, f1 = Math.min(13, Math.max(9, 12 * s)), f2 = Math.min(11, Math.max(8, 10 * s)), two = bh >= f1 + f2 + 3;
    var labelled = 0, card = cv('--card'), fg = cv('--fg'), muted = cv('--muted');
    if (bh >= f1 + 1)
      for (a = 0; a < shown.length; a++) {
        k = shown[a];
        var sx = view.tx + px[k] * s, sy = view.ty + py[k] * s;
        ctx.fillStyle = card;
        if (label(head(k), sx, two ? sy - f2 / 2 - 1 : sy, bw - 6, f1, '600 ')) labelled++;
        if (two) label(sub(k), sx, sy + f1 / 2 + 1, bw - 6, f2);
      }
    if (bh + 8 * s >= f1 + 1)
      for (a = 0; a < blocks.length; a++) {
        k = blocks[a];
        var gsx = view.tx + gx[k] * s, gsy = view.ty + rowY[groups[k][1]] * s;
        ctx.fillStyle = fg;
        label(groups[k][0] + '  \u00d7' + groups[k][3], gsx, two ? gsy - f2 / 2 - 1 : gsy, GW * s - 6, f1, '600 ');
        ctx.fillStyle = muted;
        if (two) label(D.kind === 'graph' ? fmtCount(groups[k][4]) + ' MACs' : fmtCount(groups[k][5]) + ' params', gsx, gsy + f1 / 2 + 1, GW * s - 6, f2);
      }
    ctx.textAlign = 'left';
    var nframes = 0;
    for (a = 0; a < frames.length; a++) {
      var fr = frames[a];
      if (16 * s < 9) break;
      ctx.fillStyle = colors[fr[0] % 8];
      if (label(groups[fr[0]][0], view.tx + fr[1] * s + 4, view.ty + fr[2] * s + 8 * s, fr[3] * s - 8, Math.min(12, Math.max(9, 11 * s)), '600 ')) nframes++;
    }
    api.labelled = labelled;
    api.fontPx = bh >= f1 + 1 ? f1 : 0;
    api.framesLabelled = nframes;
    api.lastPaintMs = performance.now() - t0;
  }
  function clip(s, n) { s = String(s); return s.length > n ? s.slice(0, n - 1) + '\u2026' : s; }

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
    var frag = document.createDocumentFragment(), ul = el('ul'), vals = views[cur].values;
    frag.appendChild(el('div', 'm', title + ' (' + ids.length + ')'));
    for (var k = 0; k < ids.length && k < 64; k++) {
      var v = vals[ids[k]];
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
    var n = nodes[k], t = tOf(k);
    details.appendChild(el('span', 'op', kinds[n[1]]));
    details.appendChild(el('h3', null, nName(k)));
    var rows = [['index', String(k)]];
    if (n[4] >= 0) rows.push(['block', groups[n[4]][0]]);
    if (t) {
      rows.push(['dtype', t[1]], ['shape', t[2]], ['elements', commas(t[3])], ['bytes', commas(t[4]) + ' (' + fmtBytes(t[4]) + ')'], ['offset', commas(t[5])]);
    } else {
      rows.push(['params', commas(n[7]) + ' (' + fmtCount(n[7]) + ')'], ['MACs', commas(n[5]) + ' (' + fmtCount(n[5]) + ')'], ['FLOPs', commas(n[6]) + ' (' + fmtCount(n[6]) + ')']);
    }
    details.appendChild(dl(rows));
    var subs = children[cur] && children[cur][k];
    if (subs) {   /* the node's bodies: each opens as a graph of its own */
      details.appendChild(el('div', 'm', 'subgraphs (params above include their weights)'));
      subs.forEach(function (j) {
        var b = el('button', 'sub', 'open ' + views[j].attr + ' (' + views[j].nodes.length + ' nodes)');
        b.type = 'button';
        b.setAttribute('data-view', j);
        b.addEventListener('click', function () { load(j); });
        details.appendChild(b);
      });
    }
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
  canvas.addEventListener('dblclick', function (e) {   /* a node with a body: open its first one */
    var r = canvas.getBoundingClientRect(), h = hit(e.clientX - r.left, e.clientY - r.top);
    if (h && h.n !== undefined && children[cur] && children[cur][h.n]) load(children[cur][h.n][0]);
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
        if (nName(k).toLowerCase().indexOf(q) >= 0 || String(kinds[nodes[k][1]]).toLowerCase() === q) { match[k] = 1; c++; if (first < 0) first = k; }
    }
    $('g-found').textContent = q ? c + ' found' : '';
    if (first >= 0) { if (hidden[first]) { collapsed[nodes[first][4]] = 0; layout(); } center(first); } else draw();
  });
  window.addEventListener('resize', draw);
  if (window.matchMedia) { var mq = window.matchMedia('(prefers-color-scheme: dark)'); if (mq.addEventListener) mq.addEventListener('change', draw); }
  var api = {
    draw: draw, select: select, center: center, lastPaintMs: 0, labelled: 0, fontPx: 0, framesLabelled: 0, views: views.length,
    get count() { return N; },
    /* for tests: where node k is on the screen (client coordinates), null when folded */
    screenPos: function (k) {
      if (hidden[k]) return null;
      var r = canvas.getBoundingClientRect();
      return { x: r.left + view.tx + px[k] * view.s, y: r.top + view.ty + py[k] * view.s };
    },
    scale: function () { return view.s; },
    view: function () { return cur; },
    open: load,
    expandAll: function () { collapsed.fill(0); layout(); fit(); },
    collapseAll: function () { collapsed.fill(1); layout(); fit(); }
  };
  /* the way back from a subgraph: main graph > node / attribute > ... */
  var crumbs = el('div', 'legend'), bar = $('g-state').parentNode;
  crumbs.id = 'g-path';
  bar.parentNode.insertBefore(crumbs, bar.nextSibling);
  function path() {
    var chain = [], v = cur;
    crumbs.textContent = '';
    crumbs.style.display = views.length > 1 ? '' : 'none';
    while (v > 0) { chain.unshift(v); v = views[v].parent; }
    chain.unshift(0);
    chain.forEach(function (j, at) {
      var owner = j ? views[views[j].parent] : null, on = owner ? owner.nodes[views[j].node] : null;
      var txt = j ? (on[0] || (views[j].parent ? views[views[j].parent].kinds : D.kinds)[on[1]]) + ' \u203a ' + views[j].attr : 'main graph';
      if (at) crumbs.appendChild(document.createTextNode(' / '));
      if (j === cur) { crumbs.appendChild(el('b', null, txt)); return; }
      var b = el('button', null, txt);
      b.type = 'button';
      b.addEventListener('click', function () { load(j); });
      crumbs.appendChild(b);
    });
    if (views.length > 1 && !cur) crumbs.appendChild(el('span', 'm', '  (' + (views.length - 1) + ' subgraphs: click an If/Loop/Scan node, then "open", or double-click it)'));
  }
  /* legend: the colour of each op type (or block) drawn, most frequent first; toggles */
  var box = el('div', 'legend');
  box.id = 'g-legend';
  wrap.parentNode.parentNode.insertBefore(box, wrap.parentNode);   /* above the canvas + details grid */
  var cbtn = el('button', null, 'colour by block'), tbtn = el('button', null, 'show constants');
  cbtn.id = 'g-colour'; cbtn.type = 'button';
  cbtn.addEventListener('click', function () { byBlock = !byBlock; cbtn.textContent = byBlock ? 'colour by op' : 'colour by block'; legend(); draw(); });
  tbtn.id = 'g-const'; tbtn.type = 'button';
  tbtn.addEventListener('click', function () { showConst = !showConst; tbtn.textContent = showConst ? 'hide constants' : 'show constants'; layout(); fit(); });
  bar.insertBefore(cbtn, $('g-search'));
  bar.insertBefore(tbtn, $('g-search'));
  function legend() {
    var cnt = {}, order = [], k, c, plumbing = 0;
    box.textContent = '';
    readColors();
    for (k = 0; k < N; k++) {
      c = byBlock ? nodes[k][4] : nodes[k][1];
      if (!cnt[c]) { cnt[c] = 0; order.push(c); }
      cnt[c]++;
      if (nodes[k][1] === kindConst || nodes[k][11] === 1) plumbing++;
    }
    if (byBlock) order.sort(function (a, b) { return a - b; }); else order.sort(function (a, b) { return cnt[b] - cnt[a]; });
    for (k = 0; k < order.length && k < 16; k++) {
      var it = el('span', 'lg'), sw = el('i'), o = order[k];
      sw.style.background = byBlock ? (o >= 0 ? colors[o % 8] : cv('--edge')) : colors[o % 8];
      it.appendChild(sw);
      it.appendChild(document.createTextNode((byBlock ? (o >= 0 ? groups[o][0] : 'outside blocks') : kinds[o]) + ' ' + cnt[o]));
      box.appendChild(it);
    }
    if (order.length > 16) box.appendChild(el('span', 'lg m', '+' + (order.length - 16) + (byBlock ? ' more blocks' : ' more op types')));
    tbtn.style.display = plumbing ? '' : 'none';
    cbtn.style.display = NG ? '' : 'none';
  }
  load(0);
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
