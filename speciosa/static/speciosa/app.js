/* Speciosa on a phone: installs the service worker, and keeps doses and check-ins logged while offline.
   Everything here is an extra: every page and form works without it.
   - Each dose, quick-log and check-in form carries a client id (a UUID); a form sent twice stores one record.
   - Offline, such a form is kept on this phone (IndexedDB "outbox", shared with the service worker) instead of
     being lost, and listed at the top of the page under "Waiting to be sent".
   - Back online (or on the next page load), each kept form is sent again with this page's CSRF token; the server
     stores it once, whatever the number of tries, and the page reloads so totals include it. */
(function () {
  "use strict";
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", {scope: "/"}).catch(function () { /* offline support is optional */ });
  }
  if (!("indexedDB" in window)) return;

  var QUEUED = [/^\/doses\/new\/$/, /^\/checkins\/new\/$/, /^\/quick-log\/\d+\/$/];
  var LOGIN = "/accounts/login/";
  var OFFLINE = "/offline/";
  var RETRY_MS = 5000;

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  function outbox(mode, work) {
    return new Promise(function (resolve, reject) {
      var open = indexedDB.open("speciosa", 1);
      open.onupgradeneeded = function () { open.result.createObjectStore("outbox", {keyPath: "id"}); };
      open.onerror = function () { reject(open.error); };
      open.onsuccess = function () {
        var tx = open.result.transaction("outbox", mode);
        var result = work(tx.objectStore("outbox"));
        tx.oncomplete = function () { resolve(result && "result" in result ? result.result : undefined); };
        tx.onerror = function () { reject(tx.error); };
      };
    });
  }
  var all = function () { return outbox("readonly", function (store) { return store.getAll(); }); };
  var put = function (item) { return outbox("readwrite", function (store) { store.put(item); }); };
  var drop = function (id) { return outbox("readwrite", function (store) { store["delete"](id); }); };

  function queueable(form) {
    var path = new URL(form.action || location.href, location.href).pathname;
    return QUEUED.some(function (pattern) { return pattern.test(path); }) ? path : null;
  }

  function hidden(form, name, value) {
    var input = form.querySelector('input[name="' + name + '"]');
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      form.appendChild(input);
    }
    input.value = value;
  }

  function describe(form, submitter) {
    if (submitter && submitter.textContent.trim()) {
      var product = form.querySelector('select[name="product"]');
      var amount = form.querySelector('input[name="amount"]');
      var unit = form.querySelector('select[name="unit"]');
      if (product && amount) {
        return "Dose: " + amount.value + " " + (unit ? unit.options[unit.selectedIndex].text : "") + " of " +
          product.options[product.selectedIndex].text;
      }
      if (/checkins/.test(form.action || location.pathname)) return "Check-in";
      return submitter.textContent.trim().replace(/\s+/g, " ");
    }
    return "A saved form";
  }

  function fields(form, submitter) {
    var pairs = [];
    new FormData(form).forEach(function (value, name) { if (typeof value === "string") pairs.push([name, value]); });
    if (submitter && submitter.name) pairs.push([submitter.name, submitter.value]);
    return pairs;
  }

  function time(iso) {
    var when = new Date(iso);
    return when.toLocaleString(undefined, {weekday: "short", hour: "2-digit", minute: "2-digit"});
  }

  function show(items) {
    var main = document.getElementById("main");
    if (!main) return;
    var box = document.getElementById("outbox");
    if (!items.length) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("section");
      box.id = "outbox";
      box.className = "outbox";
      box.setAttribute("aria-labelledby", "outbox-heading");
      box.setAttribute("aria-live", "polite");
      main.insertBefore(box, main.firstChild);
    }
    box.textContent = "";
    var heading = document.createElement("h2");
    heading.id = "outbox-heading";
    heading.textContent = "Waiting to be sent (" + items.length + ")";
    var note = document.createElement("p");
    note.textContent = "Saved on this phone. They are sent when you are back online, and each is stored once.";
    var list = document.createElement("ul");
    items.forEach(function (item) {
      var row = document.createElement("li");
      row.setAttribute("data-testid", "outbox-item");
      row.textContent = item.label + ", saved " + time(item.savedAt) + (item.failed ? ". Not accepted: " : "");
      if (item.failed) {
        var open = document.createElement("a");
        open.href = item.path;
        open.textContent = "open the form to enter it again";
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "link-button";
        remove.textContent = "Remove";
        remove.addEventListener("click", function () { drop(item.id).then(refresh); });
        row.append(open, " ", remove);
      }
      list.appendChild(row);
    });
    box.append(heading, note, list);
  }

  function refresh() { return all().then(show); }

  var sending = false;
  function send() {
    if (sending || !navigator.onLine) return Promise.resolve();
    var token = document.querySelector('input[name="csrfmiddlewaretoken"]');
    if (!token) return refresh();  // not signed in here: they wait for a signed-in page
    sending = true;
    return all().then(function (items) {
      var sent = 0;
      var chain = Promise.resolve();
      items.filter(function (item) { return !item.failed; }).forEach(function (item) {
        chain = chain.then(function () {
          var body = new URLSearchParams();
          item.fields.forEach(function (pair) {
            body.append(pair[0], pair[0] === "csrfmiddlewaretoken" ? token.value : pair[1]);
          });
          return fetch(item.path, {method: "POST", body: body, credentials: "same-origin",
                                   headers: {"X-Speciosa-Outbox": "1"}}).then(function (response) {
            var landed = new URL(response.url, location.href).pathname;
            if (landed === LOGIN || landed === OFFLINE) return undefined;  // signed out or offline: kept for later
            if (response.redirected) { sent += 1; return drop(item.id); }  // stored (or already stored): done
            item.failed = true;
            return put(item);
          });
        });
      });
      return chain.then(function () { return sent; }, function () {
        window.setTimeout(send, RETRY_MS);  // the network is not back yet: try again shortly
        return sent;
      });
    }).then(function (sent) {
      sending = false;
      if (sent && !/^\/offline\//.test(location.pathname)) location.reload();
      else return refresh();
    }, function () { sending = false; });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || (form.method || "").toLowerCase() !== "post") return;
    var path = queueable(form);
    if (!path) return;
    if (!form.querySelector('input[name="client_id"]')) hidden(form, "client_id", uuid());
    hidden(form, "_label", describe(form, event.submitter));
    if (navigator.onLine) return;  // online: the form goes as usual (the service worker keeps it if that fails)
    event.preventDefault();
    var id = form.querySelector('input[name="client_id"]').value;
    put({id: id, path: path, fields: fields(form, event.submitter), label: describe(form, event.submitter),
         savedAt: new Date().toISOString(), failed: false}).then(function () {
      hidden(form, "client_id", uuid());  // the next tap is another dose
      return refresh();
    }).then(function () {
      var box = document.getElementById("outbox");
      if (box) box.scrollIntoView({block: "nearest"});
    });
  });

  if (/[?&]queued=1\b/.test(location.search)) {
    var saved = document.querySelector("[data-offline-queued]");
    if (saved) saved.hidden = false;
  }
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;  // back from the history cache: a form sent before is a new record if sent again
    document.querySelectorAll('input[name="client_id"]').forEach(function (input) { input.value = uuid(); });
  });
  window.addEventListener("online", send);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", send);
  else send();
})();
