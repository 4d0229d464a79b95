/* Speciosa's service worker (served at /sw.js; speciosa/pwa.py fills in CONFIG).
   - Keeps the shell (stylesheet, script, icons, the offline page) so pages load fast and the offline page shows
     without a connection. Pages with someone's data are never cached: they are fetched every time.
   - A dose or check-in form sent while the network is down is kept in IndexedDB ("outbox") and the offline page is
     shown; the page's script (app.js) sends it again when the phone is back online. Its client id makes a resend
     store it once. */
"use strict";
const CONFIG = {{ config|safe }};
const CACHE = "speciosa-shell-__VERSION__";

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE)
    .then((cache) => cache.addAll(CONFIG.shell.map((url) => new Request(url, {credentials: "omit"}))))
    .then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((key) => key.startsWith("speciosa-") && key !== CACHE)
      .map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

function queueable(url) {
  return CONFIG.queued.includes(url.pathname) || /^\/quick-log\/\d+\/$/.test(url.pathname);
}

function openOutbox() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open("speciosa", 1);
    request.onupgradeneeded = () => request.result.createObjectStore("outbox", {keyPath: "id"});
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function keep(url, form) {
  const fields = [];
  for (const [name, value] of form.entries()) {
    if (typeof value === "string") fields.push([name, value]);
  }
  const id = form.get("client_id") || self.crypto.randomUUID();
  if (!form.get("client_id")) fields.push(["client_id", id]);
  const db = await openOutbox();
  await new Promise((resolve, reject) => {
    const tx = db.transaction("outbox", "readwrite");
    tx.objectStore("outbox").put({id, path: url.pathname, fields, label: form.get("_label") || "",
                                  savedAt: new Date().toISOString(), failed: false});
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // The page's own resend of a kept form (app.js) handles its failures itself: not kept a second time here.
  if (request.method === "POST" && queueable(url) && !request.headers.has("X-Speciosa-Outbox")) {
    const copy = request.clone();
    event.respondWith(fetch(request).catch(async () => {
      await keep(url, await copy.formData());
      return Response.redirect(CONFIG.offline + "?queued=1", 303);
    }));
    return;
  }
  if (request.method !== "GET") return;
  if (CONFIG.shell.includes(url.pathname)) {
    event.respondWith(caches.match(request, {ignoreSearch: true}).then((hit) => hit || fetch(request)));
  } else if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(() => caches.match(CONFIG.offline, {ignoreSearch: true})));
  }
});
