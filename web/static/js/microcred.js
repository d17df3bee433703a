// Sends the CSRF token with every htmx request (forms carry it as a hidden field).
document.addEventListener('htmx:configRequest', function (e) {
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) e.detail.headers['X-CSRF-Token'] = meta.content;
});

// The server writes times in UTC (it does not know where the reader is); the reader's own
// device does. <time datetime="..." data-local-time="datetime|time|date"> is rewritten in the
// page's language and the device's time zone; without scripts the UTC text stays, marked UTC.
(function () {
  var formats = {
    datetime: { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
    date: { year: 'numeric', month: 'short', day: 'numeric' },
    time: { hour: 'numeric', minute: '2-digit' }
  };
  function localize(root) {
    root.querySelectorAll('time[data-local-time]').forEach(function (t) {
      var d = new Date(t.getAttribute('datetime'));
      var f = formats[t.getAttribute('data-local-time')] || formats.datetime;
      if (!isNaN(d)) t.textContent = d.toLocaleString(document.documentElement.lang, f);
    });
  }
  document.addEventListener('DOMContentLoaded', function () { localize(document); });
  document.addEventListener('htmx:afterSwap', function (e) { localize(e.target); });
})();

// "Print" buttons (data-print) are hidden in the page until a script can act on them, so a reader
// without scripts never sees a button that does nothing (the browser's own print still works).
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('button[data-print]').forEach(function (b) {
    b.hidden = false;
    b.addEventListener('click', function () { window.print(); });
  });
});

// "Copy the link" (data-copy="<input id>"): shown only when the browser can copy; says so when done.
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('button[data-copy]').forEach(function (b) {
    var input = document.getElementById(b.getAttribute('data-copy'));
    if (!input || !navigator.clipboard) return;
    b.hidden = false;
    b.addEventListener('click', function () {
      navigator.clipboard.writeText(input.value).then(function () {
        var status = b.parentNode.querySelector('.mc-copy-status');
        if (status) status.textContent = b.getAttribute('data-copied');
      });
    });
  });
});
