// tcpshake status page: refreshes the part of the page inside #live by fetching the page again
// (the server renders every row, so the page reads the same with JavaScript off), keeps the filter box,
// and pauses on request or while the tab is hidden.
(function () {
  'use strict';
  var live = document.getElementById('live');
  var form = document.getElementById('filter');
  var pause = document.getElementById('pause');
  var note = document.getElementById('refresh');
  if (!live || !form || !window.fetch || !window.DOMParser) {
    return;
  }
  var input = form.elements.q;
  var period = (Number(live.getAttribute('data-refresh')) || 5) * 1000;
  var paused = false;
  var timer = null;
  var typing = null;
  var generation = 0;

  // The page with the filter, relative: for the address bar (history.replaceState).
  function address() {
    var q = input.value.trim();
    return location.pathname + (q ? '?q=' + encodeURIComponent(q) : '');
  }

  function schedule(delay) {
    clearTimeout(timer);
    if (!paused) {
      timer = setTimeout(refresh, delay);
    }
  }

  function show(text, stale) {
    note.textContent = text;
    note.className = stale ? 'muted stale' : 'muted';
  }

  function refresh() {
    if (document.hidden) {
      schedule(period);
      return;
    }
    var asked = address();
    var mine = ++generation;
    // Fetched by origin and path: a page opened as https://user:password@host/ has the credentials in its
    // address, fetch refuses an address with credentials, and the browser sends them again by itself.
    fetch(location.origin + asked, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'text/html' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        if (mine !== generation) {
          return; // a newer request (the filter changed) answers instead
        }
        var page = new DOMParser().parseFromString(html, 'text/html');
        var fresh = page.getElementById('live');
        if (!fresh) {
          throw new Error('the answer has no status table');
        }
        live.replaceWith(document.importNode(fresh, true));
        live = document.getElementById('live');
        document.title = page.title;
        var icon = document.querySelector('link[rel=icon]');
        var freshIcon = page.querySelector('link[rel=icon]');
        if (icon && freshIcon && icon.getAttribute('href') !== freshIcon.getAttribute('href')) {
          icon.setAttribute('href', freshIcon.getAttribute('href'));
        }
        if (history.replaceState) {
          history.replaceState(null, '', asked);
        }
        show(paused ? 'Paused' : 'Live, every ' + period / 1000 + ' s', false);
      })
      .catch(function (error) {
        show('Refresh failed (' + error.message + '); retrying', true);
      })
      .then(function () {
        schedule(period);
      });
  }

  pause.hidden = false;
  pause.addEventListener('click', function () {
    paused = !paused;
    pause.textContent = paused ? 'Resume' : 'Pause';
    pause.setAttribute('aria-pressed', String(paused));
    if (paused) {
      clearTimeout(timer);
      show('Paused', false);
    } else {
      refresh();
    }
  });
  input.addEventListener('input', function () {
    clearTimeout(typing);
    typing = setTimeout(refresh, 250);
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    refresh();
  });
  document.addEventListener('visibilitychange', function () {
    if (!document.hidden && !paused) {
      refresh();
    }
  });
  show('Live, every ' + period / 1000 + ' s', false);
  schedule(period);
})();
