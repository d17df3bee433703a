// The submission page: live word counts, save times in the reader's clock, and resumable
// uploads (tus) with a progress bar and spoken status per file. Strings come from the page
// (data attributes filled from the locale catalog), so this file holds no English or Spanish.
(function () {
  'use strict';

  var strings = document.getElementById('mc-upload-strings');
  function text(key, vars) {
    var s = (strings && strings.getAttribute('data-' + key)) || '';
    Object.keys(vars || {}).forEach(function (k) { s = s.split('{' + k + '}').join(String(vars[k])); });
    return s;
  }
  function csrf() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : '';
  }
  function countWords(s) {
    var m = s.trim().match(/\S+/g);
    return m ? m.length : 0;
  }

  document.querySelectorAll('textarea[data-word-count]').forEach(function (area) {
    var out = document.getElementById(area.getAttribute('data-word-count'));
    area.addEventListener('input', function () { out.textContent = text('words', { count: countWords(area.value) }); });
  });

  // Times htmx puts in (time[data-local-time]) are shown on the educator's clock by microcred.js.

  if (!window.tus) return;

  function statusOf(err) {
    return err && err.originalResponse ? err.originalResponse.getStatus() : 0;
  }

  function startUpload(box, list, file) {
    var item = document.createElement('li');
    item.className = 'mc-progress';
    var bar = document.createElement('progress');
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute('aria-label', file.name);
    var status = document.createElement('span');
    status.className = 'mc-progress__text';
    status.textContent = text('uploading', { name: file.name, percent: 0 });
    item.appendChild(status);
    item.appendChild(bar);
    list.appendChild(item);
    var spokenStep = 0;
    var sub = box.getAttribute('data-submission');
    var part = box.getAttribute('data-part');

    var upload = new tus.Upload(file, {
      endpoint: '/uploads',
      // Small checkpoints: each PATCH is made durable, so a dropped rural connection loses
      // at most one chunk. Retries back off up to a minute, then keep trying every minute.
      chunkSize: 8 * 1024 * 1024,
      retryDelays: [0, 1000, 3000, 5000, 10000, 20000, 30000, 60000, 60000, 60000, 60000, 60000],
      headers: { 'X-CSRF-Token': csrf() },
      metadata: { filename: file.name, filetype: file.type, submission_id: sub, part_id: part },
      removeFingerprintOnSuccess: true,
      // One file may go to two parts: the part belongs in the key that finds an earlier try.
      fingerprint: function (f) {
        return Promise.resolve(['microcred', sub, part, f.name, f.type, f.size, f.lastModified].join('|'));
      },
      onProgress: function (sent, total) {
        var pct = total ? Math.floor((sent / total) * 100) : 0;
        bar.value = pct;
        // Speak every tenth, not every percent: a live region that never stops is noise.
        if (Math.floor(pct / 10) !== spokenStep || pct === 100) {
          spokenStep = Math.floor(pct / 10);
          status.textContent = text('uploading', { name: file.name, percent: pct });
        }
      },
      onShouldRetry: function (err) {
        var s = statusOf(err);
        var retry = !(s >= 400 && s < 500) || s === 409 || s === 423;
        if (retry) status.textContent = text('retrying', { name: file.name });
        return retry;
      },
      onError: function (err) {
        var s = statusOf(err);
        var key = s === 413 ? 'too-large' : s === 415 ? 'wrong-type' : s === 409 ? 'too-many' : 'failed';
        status.textContent = text(key, { name: file.name });
        item.classList.add('mc-progress--error');
      },
      onSuccess: function () {
        bar.value = 100;
        status.textContent = text('done', { name: file.name });
        if (window.htmx) {
          window.htmx.ajax('GET', box.getAttribute('data-files-url'), { target: box.getAttribute('data-target'), swap: 'innerHTML' });
        }
      }
    });
    upload.findPreviousUploads().then(function (previous) {
      if (previous.length) upload.resumeFromPreviousUpload(previous[0]);
      upload.start();
    });
  }

  document.querySelectorAll('[data-uploader]').forEach(function (box) {
    var input = box.querySelector('input[type=file]');
    var list = box.querySelector('.mc-progress-list');
    input.addEventListener('change', function () {
      Array.prototype.forEach.call(input.files, function (file) { startUpload(box, list, file); });
      input.value = '';
    });
  });
})();
