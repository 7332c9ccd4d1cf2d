// The studio page: plain JavaScript, no libraries. Jobs are POSTed and answer with a stream of
// server-sent events (read with fetch, as EventSource only does GET); the server's messages are
// shown as they come. Every file is served by the studio itself.
'use strict';

const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

// ---------------------------------------------------------------- messages and requests

function showMessage(text) {
  const box = $('#message');
  box.textContent = text;
  box.hidden = false;
}

function clearMessage() {
  $('#message').hidden = true;
}

/** GET or POST a JSON API; throws an Error with the server's message. */
async function api(path, options = {}) {
  const res = await fetch(path, options);
  const body = await res.json().catch(() => ({error: res.status + ' ' + res.statusText}));
  if (!res.ok) {
    throw new Error(body.error || res.status + ' ' + res.statusText);
  }
  return body;
}

/**
 * Starts a job and calls handlers[event](data) for each event of its stream. Resolves when the
 * stream ends; rejects with the server's message when the job is refused.
 */
async function runJob(path, request, handlers, signal) {
  const res = await fetch(path, {
    method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(request), signal});
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    throw new Error(body.error || res.status + ' ' + res.statusText);
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const {value, done} = await reader.read();
    if (done) {
      return;
    }
    buffer += decoder.decode(value, {stream: true});
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      let data = '';
      for (const line of frame.split('\n')) {
        if (line.startsWith('event: ')) {
          event = line.slice(7);
        } else if (line.startsWith('data: ')) {
          data += line.slice(6);
        }
      }
      if (data && handlers[event]) {
        handlers[event](JSON.parse(data));
      }
    }
  }
}

/** Uploads a file for a job; returns its name on the server. */
async function upload(file, kind) {
  const body = await api('/api/uploads?kind=' + kind + '&name=' + encodeURIComponent(file.name), {
    method: 'POST', headers: {'Content-Type': 'application/octet-stream'}, body: file});
  return body.name;
}

// ---------------------------------------------------------------- tabs, models and the queue

function selectTab(name) {
  for (const button of $$('nav [role=tab]')) {
    button.setAttribute('aria-selected', String(button.dataset.tab === name));
  }
  for (const section of $$('main > .tab')) {
    section.hidden = section.id !== name;
  }
  if (name === 'runs') {
    refreshRuns();
  }
}

const models = new Map();      // id -> description

/** Describes the models one by one and offers each in the selects of its kind. */
async function loadModels() {
  const {models: ids} = await api('/api/models');
  for (const id of ids) {
    try {
      const model = await api('/api/model?id=' + encodeURIComponent(id));
      models.set(id, model);
      for (const select of $$('select[data-kind=' + model.kind + ']')) {
        const option = new Option(id, id);
        option.title = model.attention;
        select.add(option);
        if (select.options.length === 1) {
          select.dispatchEvent(new Event('change'));
        }
      }
    } catch (e) {
      console.warn('model ' + id + ': ' + e.message);
    }
  }
}

/** Fills list with an item per entry (its content made by content(entry)), or with an idle item saying empty. */
function fillList(list, entries, content, empty) {
  list.replaceChildren(...entries.map(entry => {
    const item = document.createElement('li');
    item.append(content(entry));
    return item;
  }));
  if (entries.length === 0) {
    list.innerHTML = '<li class="idle">' + empty + '</li>';
  }
}

async function refreshQueue() {
  try {
    const {jobs} = await api('/api/queue');
    fillList($('#queue-list'), jobs, job => '#' + job.id + ' ' + job.kind + ' on ' + job.model + ': '
        + (job.place === 0 ? 'running' : 'waiting (' + job.place + ')'), 'idle');
  } catch (e) {
    // the next look will tell
  }
}

// ---------------------------------------------------------------- forms

/** The fields of a form as a request: numbers as numbers, empty fields left out. */
function fields(form, names) {
  const out = {};
  for (const name of names) {
    const input = form.elements[name];
    if (!input || input.value === '') {
      continue;
    }
    out[name] = input.type === 'number' || name === 'class' || name === 'rows' ? Number(input.value) : input.value;
  }
  return out;
}

const SAMPLING = ['temperature', 'topK', 'topP', 'seed'];

/** Adds to a job form what every one has (see the templates in index.html). */
function completeJobForm(form) {
  const name = form.id.replace(/-form$/, '');
  form.prepend($('#model-template').content.cloneNode(true));
  form.elements.model.dataset.kind = form.dataset.kind;
  form.append($('#job-template').content.cloneNode(true));
  $('button[type=submit]', form).textContent = form.dataset.submit;
  const under = $('#status-template').content.cloneNode(true);
  $('.gallery', under).id = name + '-gallery';
  $('.result', under).id = name + '-result';
  if (form.dataset.kind !== 'image') {
    $('.gallery', under).remove();
  }
  form.after(under);
}

/**
 * Wires a job form: submit runs the job through handlers, Cancel asks the server to stop it.
 * prepare(form) returns [path, request] (it may upload files first).
 */
function jobForm(form, prepare, handlers) {
  const section = form.closest('section');
  const progress = $('progress', section);
  const state = $('.state', section);
  const cancel = $('.cancel', form);
  const submit = $('button[type=submit]', form);
  let current = null;
  cancel.addEventListener('click', () => {
    if (current !== null) {
      fetch('/api/jobs/cancel?id=' + current, {method: 'POST'});
    }
  });
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearMessage();
    submit.disabled = true;
    progress.value = 0;
    state.textContent = 'sending';
    try {
      const [path, request] = await prepare(form);
      await runJob(path, request, {
        queued: d => {
          current = d.id;
          cancel.disabled = false;
          state.textContent = d.ahead === 0 ? 'starting' : 'waiting: ' + d.ahead + ' job(s) ahead';
        },
        started: () => { state.textContent = 'running'; },
        progress: d => {
          progress.value = d.filled / d.total;
          handlers.progress?.(d);
        },
        image: d => handlers.image?.(d),
        done: d => {
          progress.value = 1;
          state.textContent = 'done in ' + d.seconds?.toFixed?.(1) + ' s';
          if (d.seconds === undefined) {
            state.textContent = 'done';
          }
          handlers.done(d);
        },
        error: d => {
          state.textContent = 'failed';
          showMessage(d.error);
        },
        cancelled: () => { state.textContent = 'cancelled'; },
      });
    } catch (e) {
      state.textContent = 'refused';
      showMessage(e.message);
    } finally {
      current = null;
      cancel.disabled = true;
      submit.disabled = false;
      refreshQueue();
    }
  });
}

/** The command line that makes the same files, shown under a result. */
function commandLine(command) {
  const p = document.createElement('p');
  p.className = 'command';
  p.append('Same files from the command line: ');
  const code = document.createElement('code');
  code.textContent = command;
  p.append(code);
  return p;
}

function link(url, text) {
  const a = document.createElement('a');
  a.href = url;
  a.textContent = text;
  a.download = url.slice(url.lastIndexOf('/') + 1);
  a.className = 'download';
  return a;
}

// ---------------------------------------------------------------- images drawn as they are sampled

/** Canvases that fill in as intensities arrive, in the model's order (raster[j] = raster index). */
class GrowingImages {
  constructor(container, geometry) {
    this.geometry = geometry;
    this.canvases = [];
    this.pixels = [];
    container.replaceChildren();
    for (let i = 0; i < geometry.count; i++) {
      const canvas = pictureCanvas(geometry.width, geometry.height);
      container.append(canvas);
      this.canvases.push(canvas);
      this.pixels.push(canvas.getContext('2d').createImageData(geometry.width, geometry.height));
    }
  }

  add(event) {
    const {channels, raster} = this.geometry;
    event.tokens.forEach((tokens, s) => {
      const data = this.pixels[s].data;
      tokens.forEach((v, k) => {
        const r = raster[event.from[s] + k];
        const pixel = Math.floor(r / channels);
        if (channels === 1) {
          data.set([v, v, v, 255], pixel * 4);
        } else {
          data[pixel * 4 + r % channels] = v;
          data[pixel * 4 + 3] = 255;
        }
      });
      this.canvases[s].getContext('2d').putImageData(this.pixels[s], 0, 0);
    });
  }
}

/** A canvas of width x height picture pixels, shown enlarged without smoothing. */
function pictureCanvas(width, height) {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.className = 'picture';
  const scale = Math.max(1, Math.floor(112 / Math.max(width, height)));
  canvas.style.width = width * scale + 'px';
  canvas.style.height = height * scale + 'px';
  return canvas;
}

/** Draws intensities in raster order (row, column, channel) into a canvas. */
function drawRaster(canvas, values, channels) {
  const context = canvas.getContext('2d');
  const image = context.createImageData(canvas.width, canvas.height);
  for (let p = 0; p < canvas.width * canvas.height; p++) {
    for (let c = 0; c < 3; c++) {
      image.data[p * 4 + c] = values[p * channels + (channels === 1 ? 0 : c)];
    }
    image.data[p * 4 + 3] = 255;
  }
  context.putImageData(image, 0, 0);
}

function classOptions(select, model, blank) {
  select.replaceChildren(new Option(blank, ''));
  model.classes.forEach((name, i) => select.add(new Option(i + ' ' + name, String(i))));
  select.closest('label').hidden = model.classes.length === 0;
}

function setUpImages() {
  const form = $('#sample-form');
  form.elements.model.addEventListener('change', () => {
    const model = models.get(form.elements.model.value);
    if (model) {
      classOptions(form.elements.class, model, 'every class in turn');
    }
  });
  imageJobForm(form, $('#sample-gallery'), async () => {
    $('#sample-result').replaceChildren();
    const request = fields(form, ['model', 'count', 'class', ...SAMPLING]);
    return ['/api/images/sample', request];
  }, d => {
    const result = $('#sample-result');
    result.replaceChildren(link(d.grid, 'grid PNG'));
    d.files.forEach((url, i) => result.append(link(url, 'image ' + (i + 1))));
    result.append(commandLine(d.command));
  });
}

/**
 * jobForm for an image form: the images grow in gallery as they are drawn; when they are done,
 * done(d, growing) shows the result and every image gets an Explore button.
 */
function imageJobForm(form, gallery, prepare, done) {
  let growing = null;
  jobForm(form, prepare, {
    image: d => { growing = new GrowingImages(gallery, d); },
    progress: d => growing?.add(d),
    done: d => {
      const model = form.elements.model.value;
      done(d, growing);
      d.images.forEach((raster, i) => explorable(growing.canvases[i], () => exploreImage(model, raster,
          d.classes ? d.classes[i] : null)));
    },
  });
}

function setUpComplete() {
  const form = $('#complete-form');
  form.elements.model.addEventListener('change', () => {
    const model = models.get(form.elements.model.value);
    if (!model) {
      return;
    }
    classOptions(form.elements.class, model, 'the images\' own labels');
    const rows = form.elements.rows;
    rows.replaceChildren();
    for (let r = 0; r < model.height; r++) {
      rows.add(new Option(String(r), String(r), false, r === Math.floor(model.height / 2)));
    }
  });
  imageJobForm(form, $('#complete-gallery'), async () => {
    $('#complete-result').replaceChildren();
    const request = fields(form, ['model', 'count', 'perImage', 'rows', 'class', ...SAMPLING]);
    if (form.elements.source.value === 'upload') {
      const file = form.elements.picture.files[0];
      if (!file) {
        throw new Error('choose a picture to complete');
      }
      request.upload = await upload(file, 'picture');
      request.count = 1;
    }
    return ['/api/images/complete', request];
  }, (d, growing) => {
    const originals = document.createElement('div');
    originals.className = 'originals';
    d.originals.forEach(raster => {
      const canvas = pictureCanvas(growing.geometry.width, growing.geometry.height);
      drawRaster(canvas, raster, growing.geometry.channels);
      originals.append(canvas);
    });
    $('#complete-gallery').prepend(originals);
    const result = $('#complete-result');
    result.replaceChildren(link(d.grid, 'grid PNG'));
    result.append(' ' + d.keptRows + ' rows given; the originals are on the first row.');
    result.append(commandLine(d.command));
  });
}

function setUpMusic() {
  const form = $('#music-form');
  form.elements.model.addEventListener('change', () => {
    const model = models.get(form.elements.model.value);
    if (model) {
      $('.when-performance', form).hidden = model.encoding !== 'performance';
    }
  });
  jobForm(form, async () => {
    $('#music-result').replaceChildren();
    const request = fields(form, ['model', 'tokens', 'seconds', ...SAMPLING]);
    const model = models.get(request.model);
    if (model?.encoding === 'performance' && form.elements.start.value === 'primer') {
      const file = form.elements.primer.files[0];
      if (!file) {
        throw new Error('choose a MIDI file to continue');
      }
      request.primer = await upload(file, 'midi');
      request.primerSeconds = Number(form.elements.primerSeconds.value);
    }
    return ['/api/music/generate', request];
  }, {
    done: d => {
      const result = $('#music-result');
      const audio = document.createElement('audio');
      audio.controls = true;
      audio.src = d.wav;
      const roll = document.createElement('img');
      roll.src = d.roll;
      roll.alt = 'piano roll';
      roll.className = 'roll';
      const about = document.createElement('p');
      about.textContent = d.tokens.length + ' ' + d.unit + 's (' + d.primerLength + ' given), ' + d.notes
          + ' notes, ' + d.musicSeconds.toFixed(1) + ' s' + (d.endedAtEos ? ', ended by the model' : '');
      const explore = document.createElement('button');
      explore.type = 'button';
      explore.className = 'explore';
      explore.textContent = 'Explore';
      const model = form.elements.model.value;
      explore.addEventListener('click', () => exploreMusic(model, d.tokens.slice(0, models.get(model).maxLength)));
      result.replaceChildren(audio, about, roll, link(d.midi, 'MIDI'), link(d.wav, 'WAV'),
          link(d.roll, 'piano roll PNG'), explore, commandLine(d.command));
    },
  });
}

// ---------------------------------------------------------------- the attention explorer

/** Adds an Explore button under a canvas. */
function explorable(canvas, explore) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'explore';
  button.textContent = 'Explore';
  button.addEventListener('click', explore);
  const figure = document.createElement('figure');
  canvas.replaceWith(figure);
  figure.append(canvas, button);
}

/** Draws a picture given as a data URL into a canvas; resolves when drawn. */
function drawPicture(canvas, url) {
  return new Promise((resolve, reject) => {
    const picture = new Image();
    picture.onload = () => {
      canvas.width = picture.width;
      canvas.height = picture.height;
      canvas.getContext('2d').drawImage(picture, 0, 0);
      resolve();
    };
    picture.onerror = reject;
    picture.src = url;
  });
}

/** What the explorer shows: the model, the piece of data, and how to ask about a click. */
let exploring = null;

function showExplorer(about) {
  selectTab('explorer');
  clearMessage();
  $('#explorer-hint').hidden = true;
  $('#explorer-view').hidden = false;
  $('#explorer-about').textContent = about;
  const heat = $('#explorer-heat');
  heat.getContext('2d').clearRect(0, 0, heat.width, heat.height);
  delete heat.dataset.query;
}

async function explore(path, request) {
  const state = $('#explorer-about');
  const about = state.textContent;
  state.textContent = about + ' (looking...)';
  try {
    const answer = await api(path, {
      method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(request)});
    const heat = $('#explorer-heat');
    await drawPicture(heat, answer.picture);
    heat.dataset.query = String(answer.position ?? request.position);
    return answer;
  } catch (e) {
    showMessage(e.message);
    return null;
  } finally {
    state.textContent = about;
  }
}

function exploreImage(model, raster, imageClass) {
  const m = models.get(model);
  showExplorer('Click a pixel of this ' + model + ' image: every layer and head shows where the model looked '
      + 'when it drew that pixel.');
  $('.explorer-channel').hidden = m.channels === 1;
  $('.explorer-layer').hidden = true;
  const canvas = $('#explorer-image');
  canvas.hidden = false;
  canvas.width = m.width;
  canvas.height = m.height;
  const scale = Math.max(1, Math.floor(224 / Math.max(m.width, m.height)));
  canvas.style.width = m.width * scale + 'px';
  canvas.style.height = m.height * scale + 'px';
  drawRaster(canvas, raster, m.channels);
  exploring = {
    click: event => {
      const box = canvas.getBoundingClientRect();
      const column = Math.min(m.width - 1, Math.floor((event.clientX - box.left) / box.width * m.width));
      const row = Math.min(m.height - 1, Math.floor((event.clientY - box.top) / box.height * m.height));
      return explore('/api/explore/image', {model, image: raster, class: imageClass, row, column,
        channel: Number($('#explorer-channel').value)});
    },
  };
}

function exploreMusic(model, tokens) {
  showExplorer('Click a cell of the piece (the top roll): every head of the layer shows which earlier '
      + 'tokens it attends to, and its weight against relative distance.');
  $('.explorer-channel').hidden = true;
  $('.explorer-layer').hidden = false;
  $('#explorer-image').hidden = true;
  let answer = null;
  const ask = async position => {
    const layer = Number($('#explorer-layer').value) || undefined;
    const got = await explore('/api/explore/music', {model, tokens, position, layer});
    if (got) {
      answer = got;
      const select = $('#explorer-layer');
      if (select.options.length !== got.layers) {
        select.replaceChildren();
        for (let l = got.layers; l >= 1; l--) {
          select.add(new Option(String(l), String(l)));
        }
      }
      answer.position = position;
    }
  };
  $('#explorer-layer').onchange = () => answer && ask(answer.position);
  exploring = {
    heat: event => {
      if (!answer) {
        return null;
      }
      const heat = $('#explorer-heat');
      const box = heat.getBoundingClientRect();
      const x = (event.clientX - box.left) * heat.width / box.width - answer.left;
      const y = (event.clientY - box.top) * heat.height / box.height - answer.top;
      const cell = answer.cells.find(c => x >= c.x - 1 && x <= c.x + c.width + 1 && y >= c.y - 1
          && y <= c.y + c.height + 1);
      return cell ? ask(cell.position) : null;
    },
  };
  ask(tokens.length - 1);
}

function setUpExplorer() {
  $('#explorer-image').addEventListener('click', event => exploring?.click?.(event));
  $('#explorer-heat').addEventListener('click', event => exploring?.heat?.(event));
}

// ---------------------------------------------------------------- runs

let shownRun = null;

async function refreshRuns() {
  if ($('#runs').hidden) {
    return;
  }
  try {
    const {runs} = await api('/api/runs');
    fillList($('#run-list'), runs, name => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = name;
      button.addEventListener('click', () => { shownRun = name; showRun(); });
      return button;
    }, 'no runs with metrics.jsonl yet');
    if (shownRun === null && runs.length > 0) {
      shownRun = runs[0];
    }
    await showRun();
  } catch (e) {
    showMessage(e.message);
  }
}

async function showRun() {
  if (shownRun === null) {
    return;
  }
  const run = await api('/api/run?name=' + encodeURIComponent(shownRun));
  $('#run-name').textContent = run.name + ' (' + run.unit + ')';
  drawCurves($('#run-chart'), run);
  const files = $('#run-files');
  files.replaceChildren();
  for (const url of run.files) {
    if (url.endsWith('.png')) {
      const img = document.createElement('img');
      img.src = url + '?t=' + Date.now();
      img.alt = url;
      img.className = 'run-picture';
      files.append(img);
    } else {
      files.append(link(url, url.slice(url.lastIndexOf('/') + 1)));
    }
  }
}

/** Training and validation curves of a run, value against step. */
function drawCurves(canvas, run) {
  const g = canvas.getContext('2d');
  const w = canvas.width;
  const h = canvas.height;
  const pad = {left: 56, right: 16, top: 16, bottom: 32};
  g.clearRect(0, 0, w, h);
  const all = run.train.concat(run.eval);
  if (all.length === 0) {
    return;
  }
  const steps = all.map(p => p[0]);
  const values = all.map(p => p[1]).filter(Number.isFinite);
  const x0 = Math.min(...steps);
  const x1 = Math.max(...steps, x0 + 1);
  const y0 = Math.min(...values);
  const y1 = Math.max(...values, y0 + 1e-9);
  const x = s => pad.left + (s - x0) / (x1 - x0) * (w - pad.left - pad.right);
  const y = v => h - pad.bottom - (v - y0) / (y1 - y0) * (h - pad.top - pad.bottom);
  g.strokeStyle = '#999';
  g.fillStyle = '#333';
  g.font = '12px sans-serif';
  g.strokeRect(pad.left, pad.top, w - pad.left - pad.right, h - pad.top - pad.bottom);
  g.fillText(y1.toFixed(3), 4, pad.top + 10);
  g.fillText(y0.toFixed(3), 4, h - pad.bottom);
  g.fillText('step ' + x0, pad.left, h - 10);
  g.fillText(String(x1), w - pad.right - 40, h - 10);
  const line = (points, colour, width) => {
    g.strokeStyle = colour;
    g.lineWidth = width;
    g.beginPath();
    points.filter(p => Number.isFinite(p[1])).forEach((p, i) => i === 0 ? g.moveTo(x(p[0]), y(p[1]))
        : g.lineTo(x(p[0]), y(p[1])));
    g.stroke();
  };
  line(run.train, '#88a', 1);
  line(run.eval, '#c40', 2);
  g.fillStyle = '#88a';
  g.fillText('training', w - 150, pad.top + 14);
  g.fillStyle = '#c40';
  g.fillText('validation', w - 80, pad.top + 14);
}

// ---------------------------------------------------------------- start

document.addEventListener('DOMContentLoaded', () => {
  for (const button of $$('nav [role=tab]')) {
    button.addEventListener('click', () => selectTab(button.dataset.tab));
  }
  for (const form of $$('form[data-submit]')) {
    completeJobForm(form);
  }
  setUpImages();
  setUpComplete();
  setUpMusic();
  setUpExplorer();
  loadModels().catch(e => showMessage(e.message));
  refreshQueue();
  setInterval(refreshQueue, 2000);
  setInterval(refreshRuns, 3000);
});
